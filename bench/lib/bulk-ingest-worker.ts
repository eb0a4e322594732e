/**
 * The worker process of the bulk ingest bench (`bench/scenarios/bulk-ingest.ts` starts it): the real worker, taking
 * only `bulk_result__ingest` jobs, so that the process's RSS is the ingest's own and the sync jobs it queues stay in
 * the queue. Reads `{ databaseUrl, secretKey }` as one JSON line on stdin (the bench's throwaway database and key);
 * prints `ready` once it takes jobs; stops on SIGTERM.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { createLogger } from '../../apps/worker/src/logger';
import { bulkResultIngest } from '../../apps/worker/src/tasks/bulk_result__ingest';
import { startWorker } from '../../apps/worker/src/worker';

const config = z.object({ databaseUrl: z.string().min(1), secretKey: z.string().min(1) });

async function readConfig(): Promise<z.infer<typeof config>> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return config.parse(JSON.parse(line));
  }
  throw new Error('stdin closed before the configuration line');
}

async function main() {
  const { databaseUrl, secretKey } = await readConfig();
  const worker = await startWorker({
    databaseUrl,
    concurrency: 1,
    heartbeatSeconds: 5,
    syncAttemptsRetentionDays: 30,
    secretKey,
    logger: createLogger('error'),
    taskList: (deps) => Object.fromEntries([bulkResultIngest(deps)]),
    crontab: '',
  });
  process.once('SIGTERM', () => {
    void worker.shutdown().then(() => process.exit(0));
  });
  process.stdout.write('ready\n');
  await worker.promise;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
