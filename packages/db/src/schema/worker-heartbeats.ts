import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';

/**
 * Liveness of worker processes, for the console's health view. The one system-level table: a worker serves every
 * store, so its rows are scoped by nothing.
 */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  /** graphile-worker's worker id, unique per process run. */
  workerId: text('worker_id').primaryKey(),
  hostname: text('hostname').notNull(),
  pid: integer('pid').notNull(),
  startedAt: timestamptz('started_at').notNull().defaultNow(),
  /** Refreshed by the worker on a timer; a worker not seen for a few intervals is presumed dead. */
  lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  /**
   * The ids graphile-worker gave this process's workers (one per concurrency slot): the `locked_by` of the jobs it
   * runs. A process that stops beating is dead, and any other worker releases the jobs locked under these ids rather
   * than leaving them locked for graphile-worker's four hours.
   */
  graphileWorkerIds: text('graphile_worker_ids')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** The interval this process beats at; three missed beats and it is presumed dead. Null: rows of older workers. */
  heartbeatSeconds: integer('heartbeat_seconds'),
});

export type WorkerHeartbeat = typeof workerHeartbeats.$inferSelect;
export type NewWorkerHeartbeat = typeof workerHeartbeats.$inferInsert;
