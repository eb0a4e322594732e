import { useTestDatabase } from '@shopverse/db/testing';
import { readOrders } from '@shopverse/shopify';
import type { ShopifyOrder } from '@shopverse/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDataverseFaults, startSyncHarness, type SyncHarness } from './sync-harness';

/** Exact cents of a decimal string or number (the simulator keeps money exact; JSON numbers with 4 places). */
const cents = (value: string | number) => Math.round(Number(value) * 100);

/**
 * Order lines and timeline notes go as UpsertMultiple (issue 10). Bulk messages work on custom tables and only on the
 * standard tables that support them: an org that refuses them for a table gets one upsert per row, with nothing lost.
 */
describe('bulk writes of lines and notes, and the org that refuses them', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let orders: ShopifyOrder[];
  /** The CRM's lines after the first sync, to find none added twice by the second. */
  let lineCount = 0;

  const all = async <T>(path: string): Promise<T[]> => {
    const rows: T[] = [];
    for await (const page of harness.dataverse.query<T>(path)) rows.push(...page);
    return rows;
  };
  const faults = (settings: Record<string, unknown>) => setDataverseFaults(harness, settings);
  const refuseBulk = (table: string, set: string) => ({
    id: `no-bulk-${table}`,
    method: 'POST',
    pathContains: `${set}/Microsoft.Dynamics.CRM.UpsertMultiple`,
    status: 400,
    code: '0x80040800',
    message:
      `The 'UpsertMultiple' method does not support entities of type '${table}'. ` +
      'MessageProcessorCache returned MessageProcessor.Empty.',
  });
  const bulkRequests = async () =>
    (await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats')).totals.operationsByKind
      .bulk ?? 0;

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 8, orders: 12 } });
    orders = [];
    for await (const page of readOrders(harness.shopify)) orders.push(...page);
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('writes every line and note one by one where the org refuses bulk messages, to the cent', async () => {
    // Setup: the org's lines and notes take no UpsertMultiple.
    await faults({
      rules: [refuseBulk('salesorderdetail', 'salesorderdetails'), refuseBulk('annotation', 'annotations')],
    });
    await harness.sim('reset', 'POST');

    // Action
    await harness.syncEach(
      'shopify_order__sync',
      orders.map((order) => ({ orderGid: order.gid })),
    );
    await faults({ rules: [] });

    // Assertions: nothing failed; every order, line and note is there, totals to the cent.
    const { sql } = database();
    const failed =
      await sql`select shopify_gid, error_message from sync_attempts where outcome in ('failed', 'retrying')`;
    expect(failed).toEqual([]);
    const salesOrders = await all<{ sv_shopifyid: string; totalamount: number }>(
      'salesorders?$select=sv_shopifyid,totalamount',
    );
    expect(salesOrders).toHaveLength(orders.length);
    for (const order of orders) {
      const row = salesOrders.find((candidate) => candidate.sv_shopifyid === `us_${order.legacyId}`);
      expect(cents(row?.totalamount ?? 0), order.name).toBe(cents(order.totals.currentTotal.shop.amount));
    }
    lineCount = (await all('salesorderdetails?$select=salesorderdetailid')).length;
    expect(lineCount).toBeGreaterThanOrEqual(orders.reduce((sum, order) => sum + order.lineItems.length, 0));
    const notes = await all<{ annotationid: string }>('annotations?$select=annotationid');
    expect(notes.length).toBeGreaterThanOrEqual(orders.length);
    // Each refusal sent the syncs then in flight to one row per operation (the refused requests wrote nothing), and
    // the syncs that came later wrote that way from the start.
    const logged = await sql<{ request: { operations: { url: string }[]; notes: { url: string }[] } }[]>`
      select request from sync_attempts where outcome = 'created' and entity = 'order'`;
    expect(logged).toHaveLength(orders.length);
    for (const { request } of logged) {
      expect(JSON.stringify(request)).not.toContain('UpsertMultiple');
      expect(request.operations.some((operation) => operation.url.startsWith('salesorderdetails('))).toBe(true);
      expect(request.notes.every((note) => note.url.startsWith('annotations('))).toBe(true);
    }
  });

  it('writes an order’s lines and notes as one UpsertMultiple each where the org takes them', async () => {
    // Setup: the store edited (its sync context, with what the org refused, is built anew), and every order written
    // anew.
    const { sql } = database();
    await sql`update stores set updated_at = now() where id = ${harness.storeId}`;
    await sql`update entity_links set content_hash = null, written_values = null where shopify_type = 'order'`;
    await harness.sim('reset', 'POST');

    // Action
    await harness.syncEach(
      'shopify_order__sync',
      orders.map((order) => ({ orderGid: order.gid })),
    );

    // Assertions: the open orders' lines and every order's notes went in bulk; still one row per line and note.
    expect(await bulkRequests()).toBeGreaterThan(0);
    const [logged] = await sql<{ request: { notes: { url: string; body: { Targets: unknown[] } } } }[]>`
      select request from sync_attempts where entity = 'order' and request->'notes'->>'url' is not null
      order by finished_at desc limit 1`;
    expect(logged?.request.notes.url).toBe('annotations/Microsoft.Dynamics.CRM.UpsertMultiple');
    expect(logged?.request.notes.body.Targets.length).toBeGreaterThan(0);
    expect(await all('salesorderdetails?$select=salesorderdetailid')).toHaveLength(lineCount);
  });
});
