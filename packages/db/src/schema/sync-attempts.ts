import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamptz } from './columns';
import { crmOrgs } from './crm-orgs';
import { errorClass, syncDirection, syncOutcome } from './enums';
import { stores } from './stores';

/**
 * The sync log: one row per attempt to sync one record, success or failure (a retry is a new row with the next
 * `attempt`). The console finds attempts by correlation id, order name, email, CRM id or Shopify id. Pruned by age
 * (`sync_attempts__prune`). `request` and `response` must never contain secrets: no tokens, no Authorization
 * headers, no client secrets.
 */
export const syncAttempts = pgTable(
  'sync_attempts',
  {
    id: id(),
    /** Follows one change from intake to the CRM row (`sv_lastcorrelationid`). */
    correlationId: uuid('correlation_id').notNull(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** The org written to; null before an org was chosen. Set null if the org is deleted: the log outlives it. */
    orgId: uuid('org_id').references(() => crmOrgs.id, { onDelete: 'set null' }),
    /** What was synced, e.g. `customer`, `order`, `refund`. */
    entity: text('entity').notNull(),
    shopifyGid: text('shopify_gid'),
    /** Shopify order name as the merchant sees it, e.g. `#1001`, for orders and their refunds and fulfilments. */
    orderName: text('order_name'),
    /** Customer email, lower-cased by the writer (enforced), so the console can search it exactly. */
    email: text('email'),
    crmTable: text('crm_table'),
    crmId: uuid('crm_id'),
    direction: syncDirection('direction').notNull(),
    outcome: syncOutcome('outcome').notNull(),
    /** Null unless the outcome is `failed` or `retrying`. */
    errorClass: errorClass('error_class'),
    /** Stable machine-readable code, e.g. `dataverse.validation`; the message is for people. */
    errorCode: text('error_code'),
    /** What went wrong, phrased so that a person can act on it. */
    errorMessage: text('error_message'),
    /** What was sent (the write plan or the HTTP request), secrets removed. */
    request: jsonb('request').$type<unknown>(),
    /** What came back (status, body), secrets removed. */
    response: jsonb('response').$type<unknown>(),
    /** 1 for the first try; then our own retries of the job plus graphile-worker's runs of it (TaskContext.attempt). */
    attempt: integer('attempt').notNull().default(1),
    durationMs: integer('duration_ms'),
    /**
     * What started the chain: `webhook`, `poll`, `backfill`, `retry` (from the console or the CLI), `replay` (a
     * stored delivery processed again), `merge` (a person's decision) or `manual`.
     */
    source: text('source'),
    /** When the change reached us (the delivery's receipt, the poll's read): the start of the sync's latency. */
    receivedAt: timestamptz('received_at'),
    /** Dry-run (shadow) mode: nothing was written; `request` holds the writes it would have made. */
    dryRun: boolean('dry_run').notNull().default(false),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    // Console: "everything that happened for this correlation id".
    index('sync_attempts_correlation_id_idx').on(t.correlationId),
    // Console: search by order name, in every store or in one. The searched key leads each search index, so a
    // search without a store is served as well as one within a store (Postgres 15 cannot skip a leading column).
    index('sync_attempts_order_name_store_id_idx')
      .on(t.orderName, t.storeId)
      .where(sql`${t.orderName} is not null`),
    // Console: search by customer email, in every store or in one.
    index('sync_attempts_email_store_id_idx')
      .on(t.email, t.storeId)
      .where(sql`${t.email} is not null`),
    // Console: search by CRM row id (a GUID pasted from Dynamics).
    index('sync_attempts_crm_id_idx')
      .on(t.crmId)
      .where(sql`${t.crmId} is not null`),
    // Console: history of one Shopify record, by gid or numeric id, in every store or in one.
    index('sync_attempts_shopify_gid_store_id_idx')
      .on(t.shopifyGid, t.storeId)
      .where(sql`${t.shopifyGid} is not null`),
    // Console: the latest attempts across stores; `sync_attempts__prune` deletes by age.
    index('sync_attempts_started_at_idx').on(t.startedAt),
    // Console: the failed list of a store, newest first.
    index('sync_attempts_store_id_outcome_started_at_idx').on(t.storeId, t.outcome, t.startedAt),
    // Console: what failed (or any one outcome) lately, across stores, newest first.
    index('sync_attempts_outcome_started_at_idx').on(t.outcome, t.startedAt),
    check('sync_attempts_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('sync_attempts_attempt_positive', sql`${t.attempt} >= 1`),
  ],
);

export type SyncAttempt = typeof syncAttempts.$inferSelect;
export type NewSyncAttempt = typeof syncAttempts.$inferInsert;
