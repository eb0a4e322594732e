import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz } from './columns';
import { crmOrgs } from './crm-orgs';
import { mergeStatus, shopifyType } from './enums';
import { stores } from './stores';

/** One CRM row that matched an incoming Shopify record. */
export interface MergeCandidate {
  /** Dataverse table logical name, e.g. `contact`. */
  crmTable: string;
  /** Dataverse row id (GUID). */
  crmId: string;
  /** Which matching keys found it, e.g. `["email", "phone"]` (a single string in items parked before this shape). */
  matchedOn: string[] | string;
  /** 0 to 1: how sure the keys make us that this row is the same record. */
  confidence?: number;
  /** What a person recognises the row by (name, email). */
  label?: string;
  [extra: string]: unknown;
}

/**
 * Ambiguous matches awaiting a person: a Shopify record matched several CRM rows (or a policy says to ask), so
 * nothing was written. A resolved or dismissed item stays as the record of the decision. At most one open item
 * per Shopify record.
 */
export const mergeQueue = pgTable(
  'merge_queue',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => crmOrgs.id, { onDelete: 'cascade' }),
    shopifyType: shopifyType('shopify_type').notNull(),
    shopifyGid: text('shopify_gid').notNull(),
    /** Why a person must decide, e.g. `several contacts share this email`. */
    reason: text('reason').notNull(),
    /** The CRM rows that matched, best first. */
    candidates: jsonb('candidates').$type<MergeCandidate[]>().notNull(),
    /** The canonical record as it was when parked, to show beside the candidates. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: mergeStatus('status').notNull().default('open'),
    /** The decision, e.g. `{ "kind": "link", "crmId": "…" }` or `{ "kind": "create" }`; null while open. */
    resolution: jsonb('resolution').$type<Record<string, unknown>>(),
    /** User email or API token name; null while open or when resolved by the system. */
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamptz('resolved_at'),
    /** Correlation id of the sync attempt that parked the record. */
    correlationId: uuid('correlation_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Worker: "is this record already waiting"; a second ambiguous sync updates the open item instead of adding one.
    uniqueIndex('merge_queue_store_id_shopify_type_shopify_gid_open_key')
      .on(t.storeId, t.shopifyType, t.shopifyGid)
      .where(sql`${t.status} = 'open'`),
    // Console: the open (or resolved) queue of a store, oldest first.
    index('merge_queue_store_id_status_created_at_idx').on(t.storeId, t.status, t.createdAt),
    check('merge_queue_resolved_at_matches_status', sql`(${t.status} = 'open') = (${t.resolvedAt} is null)`),
  ],
);

export type MergeQueueItem = typeof mergeQueue.$inferSelect;
export type NewMergeQueueItem = typeof mergeQueue.$inferInsert;
