import { Logger, type LogFunctionFactory, type LogLevel } from 'graphile-worker';
import pino from 'pino';

export type AppLogger = pino.Logger;

const LEVELS: Record<LogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

/** Structured JSON logs on stdout; every job's lines carry its task, job id and correlation id. */
export function createLogger(level: string, destination?: pino.DestinationStream): AppLogger {
  return pino({ level, base: { app: 'worker' } }, destination);
}

/**
 * graphile-worker's fields for a line, with its job cut to what names it: a job's payload can carry a webhook body,
 * which is a customer's personal data (name, email, addresses) and kilobytes long; the sync log keeps what was sent.
 */
function withoutPayload(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  const job = meta?.job as Record<string, unknown> | undefined;
  if (!meta || !job || typeof job !== 'object') return meta ?? {};
  return {
    ...meta,
    job: {
      id: job.id,
      task: job.task_identifier,
      key: job.key,
      attempts: job.attempts,
      maxAttempts: job.max_attempts,
      runAt: job.run_at,
      lastError: job.last_error,
    },
  };
}

/** Routes graphile-worker's own log lines into pino, keeping its scope (worker id, task, job id) as fields. */
export function graphileLogger(logger: AppLogger): Logger {
  const factory: LogFunctionFactory = (scope) => {
    const child = logger.child({
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
    });
    return (level, message, meta) => {
      child[LEVELS[level]](withoutPayload(meta), message);
    };
  };
  return new Logger(factory);
}
