import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';

/**
 * Calls to Shopify and Dataverse, per store or org and per minute, added up by each worker process and flushed here
 * every few seconds. `/metrics`, the console's charts and the API's stats all read these rows, so that several
 * worker processes give one set of figures.
 */
export const apiCallStats = pgTable(
  'api_call_stats',
  {
    /** `shopify` or `dataverse`. */
    api: text('api').notNull(),
    /** The store (for Shopify) or the org (for Dataverse) the calls were made for. No foreign key: stats outlive it. */
    subjectId: uuid('subject_id').notNull(),
    /** Start of the minute. */
    minute: timestamptz('minute').notNull(),
    requests: integer('requests').notNull().default(0),
    /** Answers that said "slow down": HTTP 429 from Dataverse, THROTTLED from Shopify. */
    throttled: integer('throttled').notNull().default(0),
    /** Time spent waiting before a request because of a limit (cost bucket, Retry-After), in ms. */
    throttleWaitMs: bigint('throttle_wait_ms', { mode: 'number' }).notNull().default(0),
    /** Failed requests (network errors, 5xx) besides throttling. */
    errors: integer('errors').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'api_call_stats_pkey', columns: [t.api, t.subjectId, t.minute] }),
    // Stats over a time range across every store and org; pruning by age.
    index('api_call_stats_minute_idx').on(t.minute),
    check('api_call_stats_api_known', sql`${t.api} in ('shopify', 'dataverse')`),
  ],
);

export type ApiCallStat = typeof apiCallStats.$inferSelect;
