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
});

export type WorkerHeartbeat = typeof workerHeartbeats.$inferSelect;
export type NewWorkerHeartbeat = typeof workerHeartbeats.$inferInsert;
