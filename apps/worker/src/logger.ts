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

/** Routes graphile-worker's own log lines into pino, keeping its scope (worker id, task, job id) as fields. */
export function graphileLogger(logger: AppLogger): Logger {
  const factory: LogFunctionFactory = (scope) => {
    const child = logger.child({
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
    });
    return (level, message, meta) => {
      child[LEVELS[level]](meta ?? {}, message);
    };
  };
  return new Logger(factory);
}
