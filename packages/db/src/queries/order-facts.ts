import type { Sql } from 'postgres';
import type { Database } from '../client';
import { ORDER_FACT_STATUSES, orderFacts, type OrderFact, type OrderFactStatus } from '../schema';

/**
 * What the order sync knows of an order once it is written to the CRM: the figures reporting counts. Every field is
 * as Shopify states it in the CRM order's currency, so the reports agree with what people see in Dynamics.
 */
export interface OrderFactInput {
  /** The store the order belongs to. */
  storeId: string;
  /** The org the order was written to. */
  orgId: string;
  /** Shopify gid of the order (`gid://shopify/Order/…`). */
  shopifyGid: string;
  /** The order's name as written to the CRM, with the store's prefix (`us-#1001`). */
  orderName: string;
  /** Dataverse table the order is in: `salesorder`, or the custom table of the store's settings. */
  crmTable: string;
  /** Dataverse id of the CRM order. */
  crmId: string;
  /** ISO 4217 code of the CRM order's currency (`USD`); upper case. */
  currency: string;
  /**
   * What the customer was charged when the order was placed, in the CRM order's currency as Shopify states it
   * (refunds are in `refunded`, so net is the difference), a decimal string (`1234.50`); never a float.
   */
  total: string;
  /** What was refunded so far, a decimal string; `'0'` when nothing was. */
  refunded: string;
  /** The store's locale the order was written under (`en-US`, `de-DE`). */
  locale: string;
  /** The order's state as written to the CRM. */
  status: OrderFactStatus;
  /** The contact or account the CRM order is bound to; null when none. */
  customerCrmId: string | null;
  /** Shopify's `processedAt` of the order: report ranges are over it. */
  processedAt: Date;
  /** The sync's clock, for `updated_at`. */
  now: Date;
}

/** A non-negative decimal with at most 4 places: what `numeric(19,4)` holds without rounding. */
const DECIMAL = /^\d{1,15}(\.\d{1,4})?$/;

/** Refuses a fact the table would round or reject, naming the order and the field to fix. */
function checkFact(fact: OrderFactInput): void {
  const where = `Order ${fact.orderName} (${fact.shopifyGid})`;
  for (const field of ['total', 'refunded'] as const) {
    if (!DECIMAL.test(fact[field])) {
      throw new Error(
        `${where}: ${field} ${JSON.stringify(fact[field])} is not a decimal string with at most 4 places (e.g. "1234.50").`,
      );
    }
  }
  if (!/^[A-Z]{3}$/.test(fact.currency)) {
    throw new Error(`${where}: currency ${JSON.stringify(fact.currency)} is not an ISO 4217 code in capitals (USD).`);
  }
  if (!(ORDER_FACT_STATUSES as readonly string[]).includes(fact.status)) {
    throw new Error(`${where}: status ${JSON.stringify(fact.status)} is not one of ${ORDER_FACT_STATUSES.join(', ')}.`);
  }
}

/**
 * Records what reporting counts of one synced order: one row per (store, order), so a second sync of the order
 * updates its figures instead of counting it twice. Call it inside the transaction that saves the order's link, so
 * the reports never count an order whose write rolled back.
 */
export async function saveOrderFact(db: Database, fact: OrderFactInput): Promise<OrderFact> {
  checkFact(fact);
  const { now, ...values } = fact;
  const [row] = await db
    .insert(orderFacts)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [orderFacts.storeId, orderFacts.shopifyGid],
      set: { ...values, updatedAt: now },
    })
    .returning();
  if (!row)
    throw new Error(`Saving the report figures of order ${fact.orderName} (${fact.shopifyGid}) returned no row.`);
  return row;
}

/** What a report covers: one org, optionally one of its stores, over `[from, to)` of `processedAt` when given. */
export interface ReportScope {
  orgId: string;
  storeId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Orders and money in one currency; amounts are exact decimal strings in that currency, never converted. */
export interface CurrencyRevenue {
  /** ISO 4217 code. */
  currency: string;
  /** Orders counted in the revenue: every order in this currency but the cancelled ones. */
  orders: number;
  /** What was charged for them when placed, in this currency. */
  gross: string;
  /** What was refunded of them. */
  refunded: string;
  /** `gross - refunded`. */
  net: string;
}

/** The figures every level of the report has, one store's or the org's. */
export interface ReportFigures {
  /** Orders processed in the range, cancelled ones included. */
  orders: number;
  /** Of those, the cancelled ones (left out of `revenue`). */
  cancelled: number;
  /** Per currency, by code. */
  revenue: CurrencyRevenue[];
  /**
   * Distinct CRM rows (contacts, accounts) linked from customers or guest checkouts, as linked now: the identity
   * graph has no dates, so the range does not apply to customers.
   */
  customers: number;
  /** Of those, the ones also linked from another store of the org. */
  sharedCustomers: number;
  /** Locales the orders in the range were written under, sorted. */
  locales: string[];
}

export interface StoreReport extends ReportFigures {
  storeId: string;
  key: string;
  name: string;
}

/** Customers linked from both stores of a pair (keys sorted). */
export interface StorePairOverlap {
  storeIds: [string, string];
  stores: [string, string];
  customers: number;
}

export interface OrgReport {
  orgId: string;
  orgName: string;
  /** The org's stores (or the one asked for), by key: stores connected to it, or with orders or customers in it. */
  stores: StoreReport[];
  /** The stores' figures together; customers linked from two stores are counted once. */
  total: ReportFigures & { stores: number };
  /** Every pair of the org's stores with at least one of them in `stores`, zero overlaps included. */
  sharedBetween: StorePairOverlap[];
}

/**
 * `1234.5000` -> `1234.50`: Postgres gives numeric sums at the column's scale (4 places); cents read better, and
 * places beyond them are kept when they are not zero, so nothing is rounded away.
 */
export function trimDecimal(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const kept = fraction.replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${kept}`;
}

/** Link types that stand for a person buying: a Shopify customer, or a guest checkout's buyer. */
const BUYER_TYPES = ['customer', 'guest_checkout'];

interface RevenueRow {
  storeId: string | null;
  currency: string;
  orders: number;
  cancelled: number;
  counted: number;
  gross: string;
  refunded: string;
  net: string;
  locales: string[];
}

/** The report of one org; undefined when there is no org with this id. */
export async function orgReport(sql: Sql, scope: ReportScope): Promise<OrgReport | undefined> {
  const orgId = scope.orgId;
  const storeId = scope.storeId ?? null;
  const from = scope.from?.toISOString() ?? null;
  const to = scope.to?.toISOString() ?? null;
  const [org] = await sql<{ name: string }[]>`select name from crm_orgs where id = ${orgId}::uuid`;
  if (!org) return undefined;

  const orgStores = await sql<{ storeId: string; key: string; name: string }[]>`
    select s.id::text as "storeId", s.key, s.name from stores s
    where s.id in (
      select store_id from store_connections where org_id = ${orgId}::uuid
      union select store_id from order_facts where org_id = ${orgId}::uuid
      union select store_id from entity_links where org_id = ${orgId}::uuid and shopify_type::text = any(${BUYER_TYPES})
    )
    order by s.key`;

  // One pass over the org's orders in the range: per store and currency, and per currency over the stores.
  const revenue = await sql<RevenueRow[]>`
    select store_id::text as "storeId", currency, count(*)::int as orders,
           (count(*) filter (where status = 'cancelled'))::int as cancelled,
           (count(*) filter (where status <> 'cancelled'))::int as counted,
           coalesce(sum(total) filter (where status <> 'cancelled'), 0)::text as gross,
           coalesce(sum(refunded) filter (where status <> 'cancelled'), 0)::text as refunded,
           coalesce(sum(total - refunded) filter (where status <> 'cancelled'), 0)::text as net,
           array_agg(distinct locale order by locale) as locales
    from order_facts
    where org_id = ${orgId}::uuid and (${storeId}::uuid is null or store_id = ${storeId}::uuid)
      and (${from}::timestamptz is null or processed_at >= ${from}::timestamptz)
      and (${to}::timestamptz is null or processed_at < ${to}::timestamptz)
    group by grouping sets ((store_id, currency), (currency))
    order by currency`;

  // Each CRM row once per store, then how many of the org's stores link to it.
  const people = await sql<{ storeId: string | null; customers: number; shared: number }[]>`
    with links as (
      select distinct store_id, crm_table, crm_id from entity_links
      where org_id = ${orgId}::uuid and shopify_type::text = any(${BUYER_TYPES})
    ),
    people as (
      select crm_table, crm_id, count(*) as stores,
             bool_or(${storeId}::uuid is null or store_id = ${storeId}::uuid) as in_scope
      from links group by crm_table, crm_id
    )
    select l.store_id::text as "storeId", count(*)::int as customers,
           (count(*) filter (where p.stores >= 2))::int as shared
    from links l join people p using (crm_table, crm_id)
    where ${storeId}::uuid is null or l.store_id = ${storeId}::uuid
    group by l.store_id
    union all
    select null, count(*)::int, (count(*) filter (where stores >= 2))::int from people where in_scope`;

  const pairs = await sql<{ a: string; b: string; customers: number }[]>`
    with links as (
      select distinct store_id, crm_table, crm_id from entity_links
      where org_id = ${orgId}::uuid and shopify_type::text = any(${BUYER_TYPES})
    )
    select a.store_id::text as a, b.store_id::text as b, count(*)::int as customers
    from links a join links b on b.crm_table = a.crm_table and b.crm_id = a.crm_id and b.store_id <> a.store_id
    where a.store_id::text < b.store_id::text
    group by a.store_id, b.store_id`;

  return assembleReport({ orgId, orgName: org.name, storeId, orgStores, revenue, people, pairs });
}

function figures(revenue: readonly RevenueRow[], people?: { customers: number; shared: number }): ReportFigures {
  return {
    orders: revenue.reduce((sum, row) => sum + row.orders, 0),
    cancelled: revenue.reduce((sum, row) => sum + row.cancelled, 0),
    revenue: revenue.map((row) => ({
      currency: row.currency,
      orders: row.counted,
      gross: trimDecimal(row.gross),
      refunded: trimDecimal(row.refunded),
      net: trimDecimal(row.net),
    })),
    customers: people?.customers ?? 0,
    sharedCustomers: people?.shared ?? 0,
    locales: [...new Set(revenue.flatMap((row) => row.locales))].sort(),
  };
}

function assembleReport(input: {
  orgId: string;
  orgName: string;
  storeId: string | null;
  orgStores: { storeId: string; key: string; name: string }[];
  revenue: RevenueRow[];
  people: { storeId: string | null; customers: number; shared: number }[];
  pairs: { a: string; b: string; customers: number }[];
}): OrgReport {
  const { orgStores, revenue, people, storeId } = input;
  const inScope = orgStores.filter((store) => storeId === null || store.storeId === storeId);
  const stores = inScope.map((store) => ({
    storeId: store.storeId,
    key: store.key,
    name: store.name,
    ...figures(
      revenue.filter((row) => row.storeId === store.storeId),
      people.find((row) => row.storeId === store.storeId),
    ),
  }));
  const overlap = new Map(input.pairs.map((pair) => [`${pair.a} ${pair.b}`, pair.customers]));
  const sharedBetween: StorePairOverlap[] = [];
  orgStores.forEach((a, index) => {
    for (const b of orgStores.slice(index + 1)) {
      if (storeId !== null && a.storeId !== storeId && b.storeId !== storeId) continue;
      const [low, high] = a.storeId < b.storeId ? [a.storeId, b.storeId] : [b.storeId, a.storeId];
      sharedBetween.push({
        storeIds: [a.storeId, b.storeId],
        stores: [a.key, b.key],
        customers: overlap.get(`${low} ${high}`) ?? 0,
      });
    }
  });
  return {
    orgId: input.orgId,
    orgName: input.orgName,
    stores,
    total: {
      stores: stores.length,
      ...figures(
        revenue.filter((row) => row.storeId === null),
        people.find((row) => row.storeId === null),
      ),
    },
    sharedBetween,
  };
}

/** The ids of the orgs that have stores connected or orders recorded, by name: what a report of every org covers. */
export async function reportedOrgIds(sql: Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select o.id::text as id from crm_orgs o
    where exists (select 1 from store_connections c where c.org_id = o.id)
       or exists (select 1 from order_facts f where f.org_id = o.id)
    order by o.name, o.id`;
  return rows.map((row) => row.id);
}
