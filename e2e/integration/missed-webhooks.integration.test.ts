import { randomUUID } from 'node:crypto';
import { addJob, syncJobKey } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { readCustomers, readOrders } from '@shopverse/shopify';
import type { ShopifyCustomer, ShopifyOrder } from '@shopverse/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWebhookSwitches, startSyncHarness, type SyncHarness, until } from './sync-harness';

interface Stats {
  totals: { operationsByKind: Record<string, number> };
}

/**
 * Issue 8: with webhook delivery switched off in the Shopify simulator, changes reach the CRM through the delta poll
 * alone, including records updated within the same second, and a poll with nothing new queues and writes nothing.
 */
describe('missed webhooks: the delta poll alone keeps the CRM in step', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let customers: ShopifyCustomer[];
  let orders: ShopifyOrder[];

  const all = async <T>(path: string): Promise<T[]> => {
    const rows: T[] = [];
    for await (const page of harness.dataverse.query<T>(path)) rows.push(...page);
    return rows;
  };
  // Nothing but the poll queues syncs here (deliveries off, no crontab), so every attempt is the poll's doing.
  const attempts = async () => {
    const { sql } = database();
    return sql<{ shopify_gid: string; outcome: string; correlation_id: string }[]>`
      select shopify_gid, outcome, correlation_id::text from sync_attempts order by started_at, id`;
  };

  beforeAll(async () => {
    // No overlap: each poll starts exactly at its cursor's second, so the records that share that second are read
    // again and must be recognised as synced (the default overlap would re-read minutes and hide a cursor bug).
    harness = await startSyncHarness(database, {
      settings: { pipeline: { pollOverlapSeconds: 0 } },
      demo: { customers: 8, orders: 16 },
    });
    customers = [];
    for await (const page of readCustomers(harness.shopify)) customers.push(...page);
    orders = [];
    for await (const page of readOrders(harness.shopify)) orders.push(...page);
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('reconciles everything, then every change made with deliveries off, then nothing', async () => {
    // Setup: Shopify sends no webhook from now on.
    const switches = await setWebhookSwitches(harness, { drop: { probability: 1 } });
    expect(switches).toMatchObject({ drop: { probability: 1 } });
    const { sql } = database();

    // Action: the first poll of the store has no cursor: a full reconciliation.
    await harness.syncEach('store__poll', [{}]);

    // Assertions: every customer and order is in the CRM, nothing failed, and both cursors moved.
    expect(await sql`select shopify_gid, error_message from sync_attempts where outcome = 'failed'`).toEqual([]);
    const contacts = await all<{ sv_shopifyid: string | null }>('contacts?$select=sv_shopifyid');
    for (const customer of customers) {
      expect(
        contacts.map((row) => row.sv_shopifyid),
        customer.gid,
      ).toContain(`us_${customer.legacyId}`);
    }
    const salesOrders = await all<{ sv_shopifyid: string | null; statecode: number }>(
      'salesorders?$select=sv_shopifyid,statecode',
    );
    expect(salesOrders).toHaveLength(orders.length);
    const cursors = await sql<{ entity: string }[]>`select entity from sync_cursors order by entity`;
    expect(cursors.map((row) => row.entity)).toEqual(['customer', 'order']);
    const afterFirst = (await attempts()).length;
    expect(afterFirst).toBeGreaterThanOrEqual(customers.length + orders.length);

    // Setup: four customers renamed and two open orders shipped elsewhere, all at once, just after a second starts,
    // so that several share one `updatedAt` (Shopify's is to the second).
    const renamed = customers.slice(0, 4);
    const openOrders = orders
      .filter((order) => order.shippingAddress)
      .filter((order) => salesOrders.find((row) => row.sv_shopifyid === `us_${order.legacyId}`)?.statecode === 0)
      .slice(0, 2);
    expect(openOrders).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const updatedAts = await Promise.all([
      ...renamed.map(async (customer, index) => {
        const result = await harness.shopify.request<{
          customerUpdate: { customer: { updatedAt: string } | null; userErrors: unknown[] };
        }>(
          `mutation($input: CustomerInput!) {
            customerUpdate(input: $input) { customer { updatedAt } userErrors { field message } } }`,
          { variables: { input: { id: customer.gid, firstName: `Polled${index}` } } },
        );
        expect(result.customerUpdate.userErrors).toEqual([]);
        return result.customerUpdate.customer?.updatedAt;
      }),
      ...openOrders.map(async (order, index) => {
        const address = order.shippingAddress;
        const result = await harness.shopify.request<{
          orderUpdate: { order: { updatedAt: string } | null; userErrors: unknown[] };
        }>(
          `mutation($input: OrderInput!) {
            orderUpdate(input: $input) { order { updatedAt } userErrors { field message } } }`,
          {
            variables: {
              input: {
                id: order.gid,
                shippingAddress: {
                  firstName: address?.firstName,
                  lastName: address?.lastName,
                  address1: address?.address1,
                  city: `Pollville ${index}`,
                  countryCode: address?.countryCode,
                  provinceCode: address?.provinceCode,
                  zip: address?.zip,
                },
              },
            },
          },
        );
        expect(result.orderUpdate.userErrors).toEqual([]);
        return result.orderUpdate.order?.updatedAt;
      }),
    ]);
    const perSecond = new Map<string, number>();
    for (const at of updatedAts) if (at) perSecond.set(at, (perSecond.get(at) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeGreaterThanOrEqual(3);

    // Action: the next poll, webhooks still off.
    await harness.syncEach('store__poll', [{}]);

    // Assertions: each change is in the CRM; the poll synced exactly the changed records, each under its own
    // correlation id.
    for (const [index, customer] of renamed.entries()) {
      const [contact] = await all<{ firstname: string }>(
        `contacts?$select=firstname&$filter=sv_shopifyid eq 'us_${customer.legacyId}'`,
      );
      expect(contact?.firstname, customer.gid).toBe(`Polled${index}`);
    }
    for (const [index, order] of openOrders.entries()) {
      const [row] = await all<{ shipto_city: string }>(
        `salesorders?$select=shipto_city&$filter=sv_shopifyid eq 'us_${order.legacyId}'`,
      );
      expect(row?.shipto_city, order.name).toBe(`Pollville ${index}`);
    }
    const second = (await attempts()).slice(afterFirst);
    expect(second.map((attempt) => attempt.shopify_gid).sort()).toEqual(
      [...renamed.map((customer) => customer.gid), ...openOrders.map((order) => order.gid)].sort(),
    );
    expect(second.every((attempt) => attempt.outcome === 'updated')).toBe(true);
    expect(new Set(second.map((attempt) => attempt.correlation_id)).size).toBe(second.length);

    // Action: the crontab's run (no store: it queues the store's poll), with nothing changed since; it reads again
    // the records of its cursors' seconds, among them those updated together above.
    await harness.sim('reset', 'POST');
    await addJob(sql, 'store__poll', {});
    await until(
      async () => ((await sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined),
      'the crontab poll and what it queued',
    );

    // Assertions: nothing queued, nothing written.
    expect((await attempts()).length).toBe(afterFirst + second.length);
    const stats = await harness.sim<Stats>('stats');
    const writes = Object.entries(stats.totals.operationsByKind).filter(
      ([kind, count]) => !/read|query/i.test(kind) && count > 0,
    );
    expect(writes).toEqual([]);
  }, 120_000);

  it('leaves a changed record whose sync waits for its retry as it is: not run early, its retry count kept', async () => {
    // Setup: a customer changed with deliveries off, whose sync already waits its fourth try, due in ten minutes.
    const { sql } = database();
    const customer = customers[5];
    if (!customer) throw new Error('the demo shop has too few customers');
    const renamed = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      'mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }',
      { variables: { input: { id: customer.gid, firstName: 'Waiting' } } },
    );
    expect(renamed.customerUpdate.userErrors).toEqual([]);
    const key = syncJobKey('customer', harness.storeId, customer.gid);
    const correlationId = randomUUID();
    await addJob(
      sql,
      'shopify_customer__sync',
      { storeId: harness.storeId, customerGid: customer.gid, correlationId, source: 'poll', retry: 3 },
      { jobKey: key, delaySeconds: 600 },
    );
    const before = (await attempts()).length;

    // Action: the store's poll, which reads the changed customer.
    await addJob(sql, 'store__poll', { storeId: harness.storeId });
    await until(
      async () =>
        (await sql`select 1 from graphile_worker.jobs where key is distinct from ${key} limit 1`).length === 0
          ? true
          : undefined,
      'the poll',
    );

    // Assertions: the waiting job is untouched (same try, same time), and nothing synced the customer early.
    const [job] = await sql<{ payload: { retry?: number; correlationId?: string }; due: boolean }[]>`
      select payload, run_at > now() + interval '5 minutes' as due from graphile_worker._private_jobs where key = ${key}`;
    expect(job).toMatchObject({ payload: { retry: 3, correlationId }, due: true });
    expect((await attempts()).length).toBe(before);
    await sql`delete from graphile_worker._private_jobs where key = ${key}`;
  }, 60_000);
});
