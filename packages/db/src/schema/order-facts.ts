import { sql } from 'drizzle-orm';
import { check, index, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, timestamptz } from './columns';
import { crmOrgs } from './crm-orgs';
import { stores } from './stores';

/**
 * An order's state as reporting counts it: `open` (placed, not fulfilled), `fulfilled`, `cancelled`, `refunded` (in
 * full) and `partially_refunded`. Text with a check rather than a pg enum: the lifecycle may grow a state (on hold),
 * and a check is replaced in one migration where an enum value must be added in one and used in the next.
 */
export const ORDER_FACT_STATUSES = ['open', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded'] as const;
export type OrderFactStatus = (typeof ORDER_FACT_STATUSES)[number];

/**
 * One row per synced Shopify order per store: what reporting counts (orders, revenue in each currency, locales),
 * written by the order sync in the transaction that saves the order's link, so a figure never counts an order the
 * CRM does not hold. Amounts are the ones written to the CRM, in the CRM order's currency; they are never converted.
 */
export const orderFacts = pgTable(
  'order_facts',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => crmOrgs.id, { onDelete: 'cascade' }),
    /** Shopify global id of the order, e.g. `gid://shopify/Order/5678901234567`: text, never parsed as a number. */
    shopifyGid: text('shopify_gid').notNull(),
    /** The order's name as written to the CRM, with the store's prefix (`us-#1001`). */
    orderName: text('order_name').notNull(),
    /** Dataverse table the order was written to: `salesorder`, or a custom table (settings). */
    crmTable: text('crm_table').notNull(),
    /** Dataverse row id of the order. */
    crmId: uuid('crm_id').notNull(),
    /** ISO 4217 code of the CRM order's currency (`USD`), upper case. */
    currency: text('currency').notNull(),
    /** What was charged when the order was placed, in `currency` (refunds in `refunded`); numeric, read as text. */
    total: numeric('total', { precision: 19, scale: 4 }).notNull(),
    /** What was refunded of it so far, in `currency`; `0` when nothing was. */
    refunded: numeric('refunded', { precision: 19, scale: 4 }).notNull().default('0'),
    /** The store's locale the order was written under (BCP 47, `en-US`). */
    locale: text('locale').notNull(),
    /** The order's state in the CRM, from its current Shopify state (`ORDER_FACT_STATUSES`). */
    status: text('status').$type<OrderFactStatus>().notNull(),
    /** The contact or account the CRM order is bound to; null when it is bound to none. */
    customerCrmId: uuid('customer_crm_id'),
    /** Shopify's `processedAt`: when the order was placed, which is what report ranges are over. */
    processedAt: timestamptz('processed_at').notNull(),
    ...timestamps(),
  },
  (t) => [
    // Saving a fact is an upsert: one row per order and store, however often the order syncs.
    unique('order_facts_store_id_shopify_gid_key').on(t.storeId, t.shopifyGid),
    // Reports: one org's orders over a range of processedAt.
    index('order_facts_org_id_processed_at_idx').on(t.orgId, t.processedAt),
    check('order_facts_shopify_gid_format', sql`${t.shopifyGid} like 'gid://shopify/Order/%'`),
    check('order_facts_currency_format', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    // Not `refunded <= total`: an order edited after a refund can be left with less than was refunded.
    check('order_facts_amounts', sql`${t.total} >= 0 and ${t.refunded} >= 0`),
    check(
      'order_facts_status',
      sql`${t.status} in ('open', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded')`,
    ),
  ],
);

export type OrderFact = typeof orderFacts.$inferSelect;
export type NewOrderFact = typeof orderFacts.$inferInsert;
