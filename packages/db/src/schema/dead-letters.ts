import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamptz } from './columns';
import { errorClass } from './enums';
import { stores } from './stores';

/**
 * Jobs that exhausted their attempts or failed permanently, copied here with their last error because
 * graphile-worker's job table is a queue, not a history. Replaying adds a new job with the same task and payload;
 * the row stays, marked replayed.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** graphile-worker task, e.g. `shopify_order__sync`. */
    taskIdentifier: text('task_identifier').notNull(),
    /** The job key it ran under, e.g. `order:us:gid://shopify/Order/1`; reused on replay so bursts still fold. */
    jobKey: text('job_key'),
    /** What the job synced, e.g. `order`; null for jobs that are not about one record. */
    entity: text('entity'),
    /** The Shopify record, when the job is about one. */
    shopifyGid: text('shopify_gid'),
    /** The job payload as added (validated again by the task on replay). */
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** Correlation id of the last attempt. */
    correlationId: uuid('correlation_id').notNull(),
    errorClass: errorClass('error_class').notNull(),
    /** Stable code of the last error. */
    errorCode: text('error_code').notNull(),
    /** Last error, phrased so that a person can act on it. */
    errorMessage: text('error_message').notNull(),
    /** How many times the job ran. */
    attempts: integer('attempts').notNull(),
    failedAt: timestamptz('failed_at').notNull().defaultNow(),
    /** When it was last replayed from the console; null if never. */
    replayedAt: timestamptz('replayed_at'),
    /** User email or API token name that replayed it. */
    replayedBy: text('replayed_by'),
    /** When a later sync of the same record succeeded, so it left the failed list without a replay. */
    resolvedAt: timestamptz('resolved_at'),
  },
  (t) => [
    // Console: the dead letters of a store, newest first.
    index('dead_letters_store_id_failed_at_idx').on(t.storeId, t.failedAt),
    // Every successful sync resolves its record's letters: found by record, among the unresolved ones.
    index('dead_letters_unresolved_record_idx')
      .on(t.storeId, t.shopifyGid)
      .where(sql`${t.resolvedAt} is null`),
    // One open dead letter per job key: a record failing again refreshes its row instead of adding another.
    uniqueIndex('dead_letters_open_job_key')
      .on(t.storeId, t.taskIdentifier, t.jobKey)
      .where(sql`${t.replayedAt} is null and ${t.resolvedAt} is null and ${t.jobKey} is not null`),
  ],
);

export type DeadLetter = typeof deadLetters.$inferSelect;
export type NewDeadLetter = typeof deadLetters.$inferInsert;
