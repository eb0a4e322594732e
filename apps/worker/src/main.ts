import { runMigrations } from '@shopverse/db';
import { loadEnv } from './env';
import { createLogger } from './logger';
import { startWorker } from './worker';

/** Entry point: `tsx src/main.ts`. Stops gracefully on SIGTERM or SIGINT (finishing the jobs in hand). */
async function main() {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  await runMigrations(env.DATABASE_URL);
  const worker = await startWorker({
    databaseUrl: env.DATABASE_URL,
    concurrency: env.WORKER_CONCURRENCY,
    heartbeatSeconds: env.WORKER_HEARTBEAT_SECONDS,
    syncAttemptsRetentionDays: env.SYNC_ATTEMPTS_RETENTION_DAYS,
    logger,
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'signal received');
    worker.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  worker.promise.catch((error: unknown) => {
    logger.fatal({ err: error }, 'worker runner failed');
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
