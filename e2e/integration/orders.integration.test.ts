import { useTestDatabase } from '@shopverse/db/testing';
import { provisionOrderTables } from '@shopverse/dataverse';
import { readOrders, readOrdersWithEvents } from '@shopverse/shopify';
import type { ShopifyOrder } from '@shopverse/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness';

interface SalesOrder {
  salesorderid: string;
  sv_shopifyid: string | null;
  totalamount: number;
  statecode: number;
  statuscode: number;
}

/** Exact cents of a decimal string or number (the simulator keeps money exact; JSON numbers with 4 places). */
const cents = (value: string | number) => Math.round(Number(value) * 100);

describe('orders to sales orders, through the Shopify and Dataverse simulators', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let orders: ShopifyOrder[];

  const all = async <T>(path: string): Promise<T[]> => {
    const rows: T[] = [];
    for await (const page of harness.dataverse.query<T>(path)) rows.push(...page);
    return rows;
  };
  const syncOrders = () =>
    harness.syncEach(
      'shopify_order__sync',
      orders.map((order) => ({ orderGid: order.gid })),
    );

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 20, orders: 30 } });
    orders = [];
    for await (const page of readOrders(harness.shopify)) orders.push(...page);
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('writes every order once, to the cent, in the state Shopify says, and nothing on the second pass', async () => {
    // Action
    await syncOrders();

    // Assertions: nothing failed, one sales order per Shopify order, Dynamics' totals equal Shopify's current totals.
    const { sql } = database();
    const failed =
      await sql`select shopify_gid, error_message from sync_attempts where outcome in ('failed', 'retrying')`;
    expect(failed).toEqual([]);
    const salesOrders = await all<SalesOrder>(
      'salesorders?$select=salesorderid,sv_shopifyid,totalamount,statecode,statuscode',
    );
    expect(salesOrders).toHaveLength(orders.length);
    for (const order of orders) {
      const row = salesOrders.find((candidate) => candidate.sv_shopifyid === `us_${order.legacyId}`);
      expect(row, order.name).toBeDefined();
      expect(cents(row?.totalamount ?? 0), order.name).toBe(cents(order.totals.currentTotal.shop.amount));
      if (order.cancelledAt) expect(row?.statecode, `${order.name} is cancelled`).toBe(2);
      else if (order.fulfillmentStatus === 'FULFILLED') expect(row?.statecode, `${order.name} is fulfilled`).toBe(3);
      else expect(row?.statecode, `${order.name} is open`).toBe(0);
    }
    const notes = await all<{ annotationid: string }>('annotations?$select=annotationid');
    expect(notes.length).toBeGreaterThanOrEqual(orders.length);

    // Action: the same orders again, then again with our memory of what was written gone.
    await harness.sim('reset', 'POST');
    await syncOrders();
    const stats = await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
    await sql`update entity_links set content_hash = null, written_values = null where shopify_type = 'order'`;
    await syncOrders();

    // Assertions: no CRM write the second time; and after the replay, still one row per order, line and note.
    const writes = Object.entries(stats.totals.operationsByKind).filter(
      ([kind, count]) => !/read|query/i.test(kind) && count > 0,
    );
    expect(writes).toEqual([]);
    expect(await all('salesorders?$select=salesorderid')).toHaveLength(orders.length);
    expect(await all('annotations?$select=annotationid')).toHaveLength(notes.length);
  });

  it('takes an edit of an open order, and logs an edit of a closed one as a conflict for a person', async () => {
    // Setup: both orders get a new ship-to city in Shopify.
    const { sql } = database();
    const rows = await all<SalesOrder>('salesorders?$select=salesorderid,sv_shopifyid,statecode,statuscode');
    const stateOf = (order: ShopifyOrder) => rows.find((row) => row.sv_shopifyid === `us_${order.legacyId}`)?.statecode;
    const open = orders.find((order) => stateOf(order) === 0 && order.shippingAddress);
    const closed = orders.find((order) => stateOf(order) === 3 && order.shippingAddress);
    if (!open || !closed) throw new Error('the demo shop needs an open and a fulfilled order with a shipping address');
    for (const order of [open, closed]) {
      const address = order.shippingAddress;
      const result = await harness.shopify.request<{ orderUpdate: { userErrors: unknown[] } }>(
        'mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { field message } } }',
        {
          variables: {
            input: {
              id: order.gid,
              shippingAddress: {
                firstName: address?.firstName,
                lastName: address?.lastName,
                address1: address?.address1,
                city: 'Springfield',
                countryCode: address?.countryCode,
                provinceCode: address?.provinceCode,
                zip: address?.zip,
              },
            },
          },
        },
      );
      expect(result.orderUpdate.userErrors).toEqual([]);
    }

    // Action
    await harness.syncEach('shopify_order__sync', [{ orderGid: open.gid }, { orderGid: closed.gid }]);

    // Assertions
    const [edited] = await all<{ shipto_city: string }>(
      `salesorders?$select=shipto_city&$filter=sv_shopifyid eq 'us_${open.legacyId}'`,
    );
    expect(edited?.shipto_city).toBe('Springfield');
    const [conflict] = await sql<{ outcome: string; error_code: string; error_message: string }[]>`
      select outcome, error_code, error_message from sync_attempts
      where shopify_gid = ${closed.gid} order by started_at desc limit 1`;
    expect(conflict).toMatchObject({ outcome: 'failed', error_code: 'order.not_editable' });
    expect(conflict?.error_message).toContain(closed.name);
  });

  it('sends only what changed: a tag edit writes the header alone in one request, and lines we wrote that the order no longer has go', async () => {
    // Setup: an open order, synced; the CRM gets a line carrying our key that the Shopify order does not have (as
    // if the order had lost it in Shopify), and our memory of the order remembers it plus one a person deleted.
    const { sql } = database();
    const rows = await all<SalesOrder>('salesorders?$select=salesorderid,sv_shopifyid,statecode,statuscode');
    // A customer's order: a guest checkout's buyer is matched by email again on each sync (one query).
    const order = orders.find(
      (candidate) =>
        candidate.customerGid && rows.find((row) => row.sv_shopifyid === `us_${candidate.legacyId}`)?.statecode === 0,
    );
    const row = rows.find((candidate) => candidate.sv_shopifyid === `us_${order?.legacyId}`);
    if (!order || !row) throw new Error("the demo shop needs an open customer's order");
    await harness.dataverse.upsert(
      'salesorderdetails',
      { sv_shopifyid: `us_gone_${order.legacyId}` },
      {
        'salesorderid@odata.bind': `/salesorders(${row.salesorderid})`,
        productdescription: 'A line Shopify no longer has',
        isproductoverridden: true,
        priceperunit: 1,
        quantity: 1,
      },
      { idColumn: 'salesorderdetailid' },
    );
    await sql`
      update entity_links set written_values = jsonb_set(
        written_values, '{lines}',
        written_values->'lines' || jsonb_build_object(${`us_gone_${order.legacyId}`}::text, 'x')
      )
      where shopify_gid = ${order.gid}`;
    const tag = async (value: string) => {
      const result = await harness.shopify.request<{ orderUpdate: { userErrors: unknown[] } }>(
        'mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { field message } } }',
        { variables: { input: { id: order.gid, tags: [value] } } },
      );
      expect(result.orderUpdate.userErrors).toEqual([]);
    };
    const linesOf = () =>
      all<{ sv_shopifyid: string | null }>(
        `salesorderdetails?$select=sv_shopifyid&$filter=_salesorderid_value eq ${row.salesorderid}`,
      );
    const before = (await linesOf()).length;

    // Action: a tag edit; then another, with a remembered line already deleted in the CRM.
    await tag('first-edit');
    await harness.sim('reset', 'POST');
    await harness.syncEach('shopify_order__sync', [{ orderGid: order.gid }]);
    const first = await harness.sim<{ totals: { requests: number; operationsByKind: Record<string, number> } }>(
      'stats',
    );
    await sql`
      update entity_links set written_values = jsonb_set(
        written_values, '{lines}', written_values->'lines' || '{"us_deleted_by_a_person": "x"}'::jsonb
      )
      where shopify_gid = ${order.gid}`;
    await tag('second-edit');
    await harness.syncEach('shopify_order__sync', [{ orderGid: order.gid }]);

    // Assertions: the first edit was one changeset (the header, and the delete of the line the order lost); the
    // second went through although a remembered line was gone, and both left the order's own lines.
    expect(first.totals.operationsByKind).toEqual({ update: 1, delete: 1 });
    expect(first.totals).toMatchObject({ requests: 1 });
    const after = await linesOf();
    expect(after).toHaveLength(before - 1);
    expect(after.map((line) => line.sv_shopifyid)).not.toContain(`us_gone_${order.legacyId}`);
    const attempts = await sql<{ outcome: string }[]>`
      select outcome from sync_attempts where shopify_gid = ${order.gid} order by started_at desc limit 2`;
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['updated', 'updated']);
  });

  it('writes orders, lines and refunds to our own tables when the store says so, to the cent, once', async () => {
    // Setup: the store's orders go to custom tables, provisioned like our columns.
    const { sql } = database();
    await provisionOrderTables(harness.dataverse, { pollMs: 20 });
    await sql`
      update stores set settings = ${JSON.stringify({ orders: { target: 'custom' } })}::jsonb, updated_at = now()
      where id = ${harness.storeId}`;
    const withEvents: { refunds: number }[] = [];
    for await (const page of readOrdersWithEvents(harness.shopify)) {
      withEvents.push(...page.map((entry) => ({ refunds: entry.events.refunds.length })));
    }

    // Action
    await syncOrders();
    await harness.sim('reset', 'POST');
    await syncOrders();

    // Assertions
    const failed = await sql`
      select shopify_gid, error_message from sync_attempts
      where outcome in ('failed', 'retrying') and error_code is distinct from 'order.not_editable'`;
    expect(failed).toEqual([]);
    const rows = await all<{ sv_shopifyid: string; sv_total: number }>(
      'sv_shopifyorders?$select=sv_shopifyid,sv_total',
    );
    expect(rows).toHaveLength(orders.length);
    for (const order of orders) {
      const row = rows.find((candidate) => candidate.sv_shopifyid === `us_${order.legacyId}`);
      expect(cents(row?.sv_total ?? -1), order.name).toBe(cents(order.totals.currentTotal.shop.amount));
    }
    const refunds = await all('sv_shopifyrefunds?$select=sv_shopifyid');
    expect(refunds).toHaveLength(withEvents.reduce((sum, entry) => sum + entry.refunds, 0));
    const stats = await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
    expect(
      Object.entries(stats.totals.operationsByKind).filter(([kind, count]) => !/read|query/i.test(kind) && count > 0),
    ).toEqual([]);
  });
});
