import { runMigrations } from '@shopverse/db';
import { loadEnv } from './env';
import { createLogger } from './logger';
import { type RunningWorker, startWorker } from './worker';

/** Entry point: `tsx src/main.ts`. Stops gracefully on SIGTERM or SIGINT (finishing the jobs in hand). */
async function main() {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  await runMigrations(env.DATABASE_URL);
  // Signals are taken from the start: one that arrives while the worker is still starting stops it once it is up.
  const state: { signal?: string; worker?: RunningWorker } = {};
  const stop = (worker: RunningWorker) => {
    worker.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker did not stop cleanly');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: string) => {
    logger.info({ signal }, 'signal received');
    state.signal ??= signal;
    if (state.worker) stop(state.worker);
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  const worker = await startWorker({
    databaseUrl: env.DATABASE_URL,
    concurrency: env.WORKER_CONCURRENCY,
    heartbeatSeconds: env.WORKER_HEARTBEAT_SECONDS,
    syncAttemptsRetentionDays: env.SYNC_ATTEMPTS_RETENTION_DAYS,
    secretKey: env.SHOPVERSE_SECRET_KEY,
    logger,
  });
  state.worker = worker;
  if (state.signal) stop(worker);
  worker.promise.catch((error: unknown) => {
    logger.fatal({ err: error }, 'worker runner failed');
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
