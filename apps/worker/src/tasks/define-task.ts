import { randomUUID } from 'node:crypto';
import { type Database, SYNC_SOURCES, type SyncSource } from '@shopverse/db';
import type { RecordLocks } from '../sync/record-locks';
import type { StoreContexts } from '../sync/store-context';
import type { JobHelpers, Task } from 'graphile-worker';
import type { Sql } from 'postgres';
import { z } from 'zod';
import type { AppLogger } from '../logger';

/** What every task gets besides its payload. */
export interface TaskDeps {
  db: Database;
  sql: Sql;
  logger: AppLogger;
  /** The clock, passed in so tasks (and their tests) never read it behind our back. */
  now: () => Date;
  settings: { syncAttemptsRetentionDays: number };
  /** Per-store settings and API clients, shared by every job of the process (cost bucket, throttling, tokens). */
  contexts: StoreContexts;
  /** Per-record locks, shared by every sync of the process. */
  locks: RecordLocks;
}

export interface TaskContext extends TaskDeps {
  /** Follows the change from intake to the CRM; from the payload, or new for jobs that start a chain (cron). */
  correlationId: string;
  /** What started the chain (`JobEnvelope.source`); `manual` when the payload does not say. */
  source: SyncSource;
  /** When the change reached us, if the payload says. */
  receivedAt?: Date;
  /** Retries our own backoff has made of this job (0 on the first run); see `JobEnvelope.retry`. */
  retry: number;
  /** The backfill that queued this job, if any. */
  backfillId?: string;
  /**
   * The attempt number for the sync log: our own retries before this job plus graphile-worker's runs of it (more than
   * one only after a crash or a thrown error).
   */
  attempt: number;
  helpers: JobHelpers;
}

/** What any payload may carry besides its own fields (`JobEnvelope`); each part is ignored if unreadable. */
const envelope = z.object({
  correlationId: z.uuid().optional().catch(undefined),
  source: z
    .enum(SYNC_SOURCES as [SyncSource, ...SyncSource[]])
    .optional()
    .catch(undefined),
  receivedAt: z.iso.datetime({ offset: true }).optional().catch(undefined),
  retry: z.number().int().min(0).optional().catch(undefined),
  backfillId: z.uuid().optional().catch(undefined),
});

/**
 * Wraps a task handler: the payload stays `unknown` until its schema accepts it, and each run logs with its
 * correlation id. A payload the schema rejects will never succeed, so it is logged as an error and the job is not
 * retried.
 */
export function defineTask<S extends z.ZodType>(
  identifier: string,
  schema: S,
  handler: (payload: z.infer<S>, context: TaskContext) => Promise<void>,
): (deps: TaskDeps) => [string, Task] {
  return (deps) => [
    identifier,
    async (raw, helpers) => {
      const meta = envelope.safeParse(raw).data ?? {};
      const correlationId = meta.correlationId ?? randomUUID();
      const logger = deps.logger.child({ task: identifier, jobId: helpers.job.id, correlationId });
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        logger.error(
          { code: 'JOB_PAYLOAD_INVALID', issues: parsed.error.issues },
          `Job ${helpers.job.id} of ${identifier} has a payload this task cannot read; it is not retried.`,
        );
        return;
      }
      const started = performance.now();
      logger.info({ attempt: helpers.job.attempts }, 'job started');
      await handler(parsed.data, {
        ...deps,
        logger,
        correlationId,
        source: meta.source ?? 'manual',
        ...(meta.receivedAt ? { receivedAt: new Date(meta.receivedAt) } : {}),
        retry: meta.retry ?? 0,
        attempt: (meta.retry ?? 0) + helpers.job.attempts,
        ...(meta.backfillId ? { backfillId: meta.backfillId } : {}),
        helpers,
      });
      logger.info({ durationMs: Math.round(performance.now() - started) }, 'job finished');
    },
  ];
}
