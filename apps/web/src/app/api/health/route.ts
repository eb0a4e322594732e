import { getEnv } from '../../../env';
import { getDb } from '../../../server/db';
import { checkHealth } from '../../../server/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Health for load balancers and uptime checks: 200 while the app can serve (ok, degraded), 503 when it is down. */
export async function GET(): Promise<Response> {
  const env = getEnv();
  const report = await checkHealth(getDb().sql, {
    now: new Date(),
    workerStaleSeconds: env.SHOPVERSE_WORKER_STALE_SECONDS,
  });
  return Response.json(report, {
    status: report.status === 'down' ? 503 : 200,
    headers: { 'cache-control': 'no-store' },
  });
}
