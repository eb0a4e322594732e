import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Database } from '../client';
import type { OrderFactStatus } from '../schema';
import { generateSecretKey, SecretBox } from '../secrets';
import { testOrg, useTestDatabase } from '../testing';
import { connectStoreToOrg } from './crm-orgs';
import { saveLink } from './entity-links';
import { orgReport, type OrderFactInput, reportedOrgIds, saveOrderFact, trimDecimal } from './order-facts';
import { upsertStore } from './stores';

const box = SecretBox.fromBase64(generateSecretKey());
const NOW = new Date('2026-11-27T12:00:00Z');
const IN_RANGE = new Date('2026-11-20T09:30:00Z');
const BEFORE_RANGE = new Date('2026-10-01T09:30:00Z');
const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

/** CRM rows of the identity graph: contacts, and one account (a B2B customer written to `account`). */
const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const C3 = '00000000-0000-4000-8000-0000000000c3';
const A1 = '00000000-0000-4000-8000-0000000000a1';

async function store(db: Database, key: string, orgId: string) {
  const saved = await upsertStore(db, box, {
    key,
    shopDomain: `${key}-report.myshopify.com`,
    name: `Store ${key.toUpperCase()}`,
    apiVersion: '2025-01',
  });
  await connectStoreToOrg(db, saved.id, orgId);
  return saved;
}

async function link(
  db: Database,
  input: { storeId: string; orgId: string; type: 'customer' | 'guest_checkout' | 'order'; n: number; crm: string },
) {
  const gidType = { customer: 'Customer', guest_checkout: 'GuestCheckout', order: 'Order' }[input.type];
  await saveLink(db, {
    storeId: input.storeId,
    shopifyType: input.type,
    shopifyGid: `gid://shopify/${gidType}/${input.n}`,
    orgId: input.orgId,
    crmTable: input.crm === A1 ? 'account' : input.type === 'order' ? 'salesorder' : 'contact',
    crmId: input.crm,
    shopifyUpdatedAt: NOW,
    contentHash: null,
    writtenValues: null,
    correlationId: randomUUID(),
    now: NOW,
  });
}

function fact(
  storeId: string,
  orgId: string,
  n: number,
  money: { currency: string; total: string; refunded?: string; status?: OrderFactStatus; locale?: string },
  processedAt = IN_RANGE,
): OrderFactInput {
  return {
    storeId,
    orgId,
    shopifyGid: `gid://shopify/Order/${n}`,
    orderName: `#${n}`,
    crmTable: 'salesorder',
    crmId: randomUUID(),
    currency: money.currency,
    total: money.total,
    refunded: money.refunded ?? '0',
    locale: money.locale ?? 'en-US',
    status: money.status ?? 'open',
    customerCrmId: C1,
    processedAt,
    now: NOW,
  };
}

describe('order facts and the reports over them', () => {
  const database = useTestDatabase();

  /** Three stores of one org (us USD, eu EUR, b2b CAD and USD) sharing customers, and a second org beside them. */
  async function seed() {
    const { db } = database();
    const main = await testOrg(db, box, `reports${randomUUID().slice(0, 8)}`);
    const other = await testOrg(db, box, `other${randomUUID().slice(0, 8)}`);
    const suffix = randomUUID().replace(/-/g, '').slice(0, 6);
    const us = await store(db, `us${suffix}`, main.id);
    const eu = await store(db, `eu${suffix}`, main.id);
    const b2b = await store(db, `b2b${suffix}`, main.id);
    // C1 bought in us (as a customer and once as a guest) and in eu; C2 only in us; C3 in eu and b2b; A1 in b2b.
    await link(db, { storeId: us.id, orgId: main.id, type: 'customer', n: 1, crm: C1 });
    await link(db, { storeId: us.id, orgId: main.id, type: 'guest_checkout', n: 2, crm: C1 });
    await link(db, { storeId: us.id, orgId: main.id, type: 'customer', n: 3, crm: C2 });
    // The same numeric id in another store is another customer of that store.
    await link(db, { storeId: eu.id, orgId: main.id, type: 'customer', n: 1, crm: C1 });
    await link(db, { storeId: eu.id, orgId: main.id, type: 'customer', n: 4, crm: C3 });
    await link(db, { storeId: b2b.id, orgId: main.id, type: 'customer', n: 5, crm: C3 });
    await link(db, { storeId: b2b.id, orgId: main.id, type: 'customer', n: 6, crm: A1 });
    // Not customers: an order's link; and the us store's customer in the other org.
    await link(db, { storeId: us.id, orgId: main.id, type: 'order', n: 900, crm: randomUUID() });
    await connectStoreToOrg(db, us.id, other.id);
    await link(db, { storeId: us.id, orgId: other.id, type: 'customer', n: 7, crm: C2 });

    const facts = [
      fact(us.id, main.id, 1001, { currency: 'USD', total: '19.99' }),
      fact(us.id, main.id, 1002, { currency: 'USD', total: '0.01', status: 'fulfilled', locale: 'es-US' }),
      fact(us.id, main.id, 1003, { currency: 'USD', total: '100.10', refunded: '100.10', status: 'refunded' }),
      fact(us.id, main.id, 1004, { currency: 'USD', total: '50.00', status: 'cancelled' }),
      fact(eu.id, main.id, 1001, { currency: 'EUR', total: '0.10', locale: 'de-DE' }),
      fact(eu.id, main.id, 1002, {
        currency: 'EUR',
        total: '0.20',
        refunded: '0.05',
        status: 'partially_refunded',
        locale: 'fr-FR',
      }),
      fact(b2b.id, main.id, 1001, { currency: 'CAD', total: '1234.5678', locale: 'en-CA' }),
      fact(b2b.id, main.id, 1002, { currency: 'USD', total: '10.00', locale: 'en-CA' }),
      fact(b2b.id, main.id, 1003, { currency: 'CAD', total: '999.99', locale: 'en-CA' }, BEFORE_RANGE),
      fact(us.id, other.id, 1005, { currency: 'USD', total: '7.00' }),
    ];
    for (const item of facts) await saveOrderFact(db, item);
    return { main, other, us, eu, b2b };
  }

  it('counts every store of the org: orders, revenue per currency to the cent, customers and shared ones', async () => {
    // Setup
    const { sql } = database();
    const { main, us, eu, b2b } = await seed();
    // Action
    const report = await orgReport(sql, { orgId: main.id, ...RANGE });
    // Assertions
    expect(report?.orgName).toBe(main.name);
    expect(report?.stores.map((row) => row.key)).toEqual([b2b.key, eu.key, us.key]);
    const byKey = new Map(report?.stores.map((row) => [row.key, row]));
    expect(byKey.get(us.key)).toEqual({
      storeId: us.id,
      key: us.key,
      name: us.name,
      orders: 4,
      cancelled: 1,
      revenue: [{ currency: 'USD', orders: 3, gross: '120.10', refunded: '100.10', net: '20.00' }],
      customers: 2,
      sharedCustomers: 1,
      locales: ['en-US', 'es-US'],
    });
    expect(byKey.get(eu.key)).toMatchObject({
      orders: 2,
      cancelled: 0,
      revenue: [{ currency: 'EUR', orders: 2, gross: '0.30', refunded: '0.05', net: '0.25' }],
      customers: 2,
      sharedCustomers: 2,
      locales: ['de-DE', 'fr-FR'],
    });
    expect(byKey.get(b2b.key)).toMatchObject({
      orders: 2,
      revenue: [
        { currency: 'CAD', orders: 1, gross: '1234.5678', refunded: '0.00', net: '1234.5678' },
        { currency: 'USD', orders: 1, gross: '10.00', refunded: '0.00', net: '10.00' },
      ],
      customers: 2,
      sharedCustomers: 1,
      locales: ['en-CA'],
    });
    expect(report?.total).toEqual({
      stores: 3,
      orders: 8,
      cancelled: 1,
      revenue: [
        { currency: 'CAD', orders: 1, gross: '1234.5678', refunded: '0.00', net: '1234.5678' },
        { currency: 'EUR', orders: 2, gross: '0.30', refunded: '0.05', net: '0.25' },
        { currency: 'USD', orders: 4, gross: '130.10', refunded: '100.10', net: '30.00' },
      ],
      // C1, C2, C3, A1: C1 is linked three times from two stores, and counted once.
      customers: 4,
      sharedCustomers: 2,
      locales: ['de-DE', 'en-CA', 'en-US', 'es-US', 'fr-FR'],
    });
    expect(report?.sharedBetween).toEqual([
      { storeIds: [b2b.id, eu.id], stores: [b2b.key, eu.key], customers: 1 },
      { storeIds: [b2b.id, us.id], stores: [b2b.key, us.key], customers: 0 },
      { storeIds: [eu.id, us.id], stores: [eu.key, us.key], customers: 1 },
    ]);
  });

  it('takes every order without a range, and only the orders processed in [from, to) with one', async () => {
    // Setup
    const { sql } = database();
    const { main, b2b } = await seed();
    // Action
    const always = await orgReport(sql, { orgId: main.id });
    const before = await orgReport(sql, { orgId: main.id, to: RANGE.from });
    const edge = await orgReport(sql, { orgId: main.id, from: IN_RANGE, to: new Date(IN_RANGE.getTime() + 1) });
    // Assertions
    const cad = (report: typeof always) => report?.stores.find((row) => row.key === b2b.key)?.revenue[0];
    expect(cad(always)).toEqual({ currency: 'CAD', orders: 2, gross: '2234.5578', refunded: '0.00', net: '2234.5578' });
    expect(before?.total.orders).toBe(1);
    expect(cad(before)?.gross).toBe('999.99');
    expect(edge?.total.orders).toBe(8);
    // Customers are the identity graph as it is now: a range does not change them.
    expect(before?.total.customers).toBe(4);
  });

  it('reports one store, with the shares it has with the others', async () => {
    // Setup
    const { sql } = database();
    const { main, us, eu, b2b } = await seed();
    // Action
    const report = await orgReport(sql, { orgId: main.id, storeId: eu.id, ...RANGE });
    // Assertions
    expect(report?.stores.map((row) => row.key)).toEqual([eu.key]);
    expect(report?.total).toMatchObject({ stores: 1, orders: 2, customers: 2, sharedCustomers: 2 });
    expect(report?.total.revenue.map((row) => row.currency)).toEqual(['EUR']);
    expect(report?.sharedBetween).toEqual([
      { storeIds: [b2b.id, eu.id], stores: [b2b.key, eu.key], customers: 1 },
      { storeIds: [eu.id, us.id], stores: [eu.key, us.key], customers: 1 },
    ]);
  });

  it('keeps orgs apart, and answers nothing for an org that does not exist', async () => {
    // Setup
    const { sql } = database();
    const { main, other, us } = await seed();
    // Action
    const report = await orgReport(sql, { orgId: other.id });
    const missing = await orgReport(sql, { orgId: randomUUID() });
    const orgs = await reportedOrgIds(sql);
    // Assertions
    expect(report?.stores.map((row) => row.key)).toEqual([us.key]);
    expect(report?.total).toMatchObject({ orders: 1, customers: 1, sharedCustomers: 0 });
    expect(report?.total.revenue).toEqual([
      { currency: 'USD', orders: 1, gross: '7.00', refunded: '0.00', net: '7.00' },
    ]);
    expect(report?.sharedBetween).toEqual([]);
    expect(missing).toBeUndefined();
    expect(orgs).toEqual(expect.arrayContaining([main.id, other.id]));
  });

  it('saves one row per order and store, and a second sync updates it', async () => {
    // Setup
    const { db, sql } = database();
    const { main, us } = await seed();
    const first = fact(us.id, main.id, 2001, { currency: 'USD', total: '80.00' });
    const later = new Date('2026-11-28T08:00:00Z');
    // Action
    const created = await saveOrderFact(db, first);
    const updated = await saveOrderFact(db, { ...first, refunded: '30.5', status: 'partially_refunded', now: later });
    // Assertions
    expect(updated.id).toBe(created.id);
    expect(updated).toMatchObject({ total: '80.0000', refunded: '30.5000', status: 'partially_refunded' });
    expect(updated.updatedAt).toEqual(later);
    expect(updated.createdAt).toEqual(NOW);
    const [count] = await sql<{ n: number }[]>`
      select count(*)::int as n from order_facts where store_id = ${us.id} and shopify_gid = 'gid://shopify/Order/2001'`;
    expect(count?.n).toBe(1);
  });

  it('refuses amounts it would round and codes that are not ISO 4217, naming the order', async () => {
    // Setup
    const { db } = database();
    const { main, us } = await seed();
    const base = fact(us.id, main.id, 3001, { currency: 'USD', total: '1.00' });
    // Action
    const rounded = saveOrderFact(db, { ...base, total: '12.345678' });
    const float = saveOrderFact(db, { ...base, total: String(0.1 + 0.2) });
    const currency = saveOrderFact(db, { ...base, currency: 'usd' });
    // Assertions
    await expect(rounded).rejects.toThrow(/Order #3001 \(gid:\/\/shopify\/Order\/3001\): total "12\.345678"/);
    await expect(float).rejects.toThrow(/total "0\.30000000000000004"/);
    await expect(currency).rejects.toThrow(/currency "usd" is not an ISO 4217 code/);
  });

  it('goes with its store', async () => {
    // Setup
    const { sql } = database();
    const { main, us } = await seed();
    // Action
    await sql`delete from stores where id = ${us.id}`;
    // Assertions
    const report = await orgReport(sql, { orgId: main.id });
    expect(report?.stores.map((row) => row.key)).not.toContain(us.key);
    expect(report?.total.revenue.find((row) => row.currency === 'USD')?.gross).toBe('10.00');
  });
});

describe('trimDecimal', () => {
  it('shows cents, and keeps places beyond them that are not zero', () => {
    expect(trimDecimal('1234.5000')).toBe('1234.50');
    expect(trimDecimal('0')).toBe('0.00');
    expect(trimDecimal('0.1250')).toBe('0.125');
    expect(trimDecimal('17')).toBe('17.00');
  });
});
