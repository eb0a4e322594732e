import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamptz, updatedAt } from './columns';
import { stores } from './stores';

/**
 * A backfill: every record of one entity of a store read through a Shopify bulk operation and turned into sync jobs
 * (`store__backfill` starts and waits for the operation, `bulk_result__ingest` streams its JSONL into jobs). The row
 * is the resume point after a crash and the source of the progress the console and the API show.
 *
 * Status: `pending` (job queued) -> `bulk_running` (Shopify builds the file) -> `ingesting` (lines turned into jobs)
 * -> `syncing` (all jobs queued, some still running) -> `completed`; or `failed` / `cancelled`.
 */
export const backfills = pgTable(
  'backfills',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** What is read: `customer`, `company` or `order`. */
    entity: text('entity').notNull(),
    status: text('status').notNull().default('pending'),
    /** Shopify's gid of the bulk operation; null until it was started. */
    bulkOperationId: text('bulk_operation_id'),
    /** Where the JSONL result is (valid for a week); null until the operation completed. */
    resultUrl: text('result_url'),
    /** Top-level objects in the result (Shopify's `rootObjectCount`): the total of the progress. */
    totalRecords: integer('total_records'),
    /** JSONL lines consumed and turned into committed jobs: where ingest resumes after a crash. */
    linesRead: bigint('lines_read', { mode: 'number' }).notNull().default(0),
    /** Records whose sync job was queued. */
    recordsQueued: integer('records_queued').notNull().default(0),
    /** Records skipped at ingest because their link already holds this `updatedAt` or newer. */
    recordsSkipped: integer('records_skipped').notNull().default(0),
    /** Starts the chain of every job of this backfill; each record's sync gets its own id derived from it. */
    correlationId: uuid('correlation_id').notNull(),
    /** Who started it: a user's email, an API token's name, `cli` or `sandbox`. */
    requestedBy: text('requested_by').notNull(),
    /** Why it failed, phrased for a person; null unless `failed`. */
    errorMessage: text('error_message'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** When the bulk operation's file was ready. */
    bulkCompletedAt: timestamptz('bulk_completed_at'),
    /** When the last line had been turned into a job. */
    ingestedAt: timestamptz('ingested_at'),
    finishedAt: timestamptz('finished_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One backfill at a time per store and entity (Shopify runs one bulk query per shop at a time anyway).
    uniqueIndex('backfills_one_active_per_entity')
      .on(t.storeId, t.entity)
      .where(sql`${t.status} in ('pending', 'bulk_running', 'ingesting', 'syncing')`),
    // Console: a store's backfills, newest first.
    index('backfills_store_id_created_at_idx').on(t.storeId, t.createdAt),
    check(
      'backfills_status_known',
      sql`${t.status} in ('pending', 'bulk_running', 'ingesting', 'syncing', 'completed', 'failed', 'cancelled')`,
    ),
    check('backfills_entity_known', sql`${t.entity} in ('customer', 'company', 'order')`),
  ],
);

export type Backfill = typeof backfills.$inferSelect;
export type NewBackfill = typeof backfills.$inferInsert;
