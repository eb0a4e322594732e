import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, timestamptz } from './columns';
import { crmOrgs } from './crm-orgs';
import { shopifyType } from './enums';
import { stores } from './stores';

/**
 * The identity graph: one Shopify record (store, type, gid) -> the CRM row it was written to (org, table, id).
 * Several stores may link to one Contact. Also the change detector: a sync whose `updatedAt` is not newer, or whose
 * content hash is the same, writes nothing. Losing this table is survivable (CRM alternate keys still make every
 * write an upsert), but it is what makes unchanged records cost nothing.
 */
export const entityLinks = pgTable(
  'entity_links',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    shopifyType: shopifyType('shopify_type').notNull(),
    /** Shopify global id, e.g. `gid://shopify/Order/5678901234567`: text, never parsed as a number. */
    shopifyGid: text('shopify_gid').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => crmOrgs.id, { onDelete: 'cascade' }),
    /** Dataverse table logical name, e.g. `contact`, `salesorder`, `salesorderdetail`. */
    crmTable: text('crm_table').notNull(),
    /** Dataverse row id (GUID). */
    crmId: uuid('crm_id').notNull(),
    /**
     * Shopify `updatedAt` of the version last synced; a delivery or poll result that is not newer is stale (webhooks
     * arrive late, twice and out of order). Null for types without `updatedAt` (line items).
     */
    shopifyUpdatedAt: timestamptz('shopify_updated_at'),
    /** Hash of the mapped CRM payload last written; the same hash means nothing to write. Null: write next time. */
    contentHash: text('content_hash'),
    /**
     * The CRM columns and values as we last wrote them (or found them equal). A CRM value that differs from these was
     * edited in the CRM since, which is what the conflict policy decides about; one equal to them simply follows
     * Shopify.
     */
    writtenValues: jsonb('written_values').$type<Record<string, unknown>>(),
    /** `@odata.etag` of the CRM row after our last write, to notice changes made in the CRM since. */
    crmEtag: text('crm_etag'),
    /** When a sync last confirmed this link (written, or found unchanged). */
    lastSyncedAt: timestamptz('last_synced_at').notNull().defaultNow(),
    /** Correlation id of the sync that last wrote or confirmed the link; the same value is in `sv_lastcorrelationid`. */
    lastCorrelationId: uuid('last_correlation_id').notNull(),
    ...timestamps(),
  },
  (t) => [
    // Worker: "is this Shopify record already linked"; one link per Shopify record and store.
    unique('entity_links_store_id_shopify_type_shopify_gid_key').on(t.storeId, t.shopifyType, t.shopifyGid),
    // Console: "which Shopify records point at this CRM row" (the cross-store view of a Contact).
    index('entity_links_org_id_crm_table_crm_id_idx').on(t.orgId, t.crmTable, t.crmId),
    check('entity_links_shopify_gid_format', sql`${t.shopifyGid} like 'gid://shopify/%'`),
  ],
);

export type EntityLink = typeof entityLinks.$inferSelect;
export type NewEntityLink = typeof entityLinks.$inferInsert;
