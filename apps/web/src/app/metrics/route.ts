import { getEnv } from '../../env';
import { getDb } from '../../server/db';
import { renderMetrics, scrapeAllowed } from '../../server/metrics';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Prometheus scrape endpoint; the figures come from PostgreSQL, so every web process gives the same answer. */
export async function GET(request: Request): Promise<Response> {
  const env = getEnv();
  if (!scrapeAllowed(request.headers.get('authorization'), env.METRICS_TOKEN)) {
    return new Response('Send Authorization: Bearer <METRICS_TOKEN>.\n', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' },
    });
  }
  try {
    const { contentType, body } = await renderMetrics(getDb().sql, () => new Date());
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    // A failed scrape is a gap in the graphs, which is what Prometheus shows for a 503 (and `up` says why).
    return new Response(`The metrics could not be read from the database: ${(error as Error).message}\n`, {
      status: 503,
      headers: { 'cache-control': 'no-store' },
    });
  }
}
