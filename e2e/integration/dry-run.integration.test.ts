import { useTestDatabase } from '@shopverse/db/testing';
import { provisionOrderTables } from '@shopverse/dataverse';
import { readCustomers, readOrders } from '@shopverse/shopify';
import { type ColumnChange, sameCrmValue, type ShopifyCustomer, type ShopifyOrder } from '@shopverse/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, updateStoreSettings } from './sync-harness';

interface Attempt {
  entity: string;
  shopify_gid: string;
  crm_id: string | null;
  email: string | null;
  outcome: string;
  error_code: string | null;
  dry_run: boolean;
  source: string | null;
  received_at: string | Date | null;
  attempt: number;
  duration_ms: number | null;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
}

interface PlannedWrite {
  method: string;
  entitySet: string;
  key?: Record<string, string>;
  id?: string;
  diff: Record<string, ColumnChange>;
}

/** An edit of an order Dynamics has closed: logged as a conflict for a person, as the live run would. */
const isClosedOrderEdit = (row: Attempt) => row.error_code === 'order.not_editable';

/** When the test's changes "reached us": carried by the jobs' envelope into every attempt. */
const RECEIVED_AT = '2026-01-02T03:04:05.000Z';

/** Kinds of Dataverse operations that change something (the simulator counts reads as `readById` and `query`). */
const WRITES = ['create', 'update', 'delete', 'action', 'bulk'];

describe('dry-run (shadow) mode and personal data redaction in the sync log', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let orders: ShopifyOrder[];
  let customers: Map<string, ShopifyCustomer>;
  /** Shopify wins every column, so a CRM edit shows in a diff as a before the sync would overwrite. */
  const settings = (pipeline: Record<string, unknown>) => ({
    pipeline,
    customers: { defaultConflictPolicy: 'shopifyWins' },
  });

  const writesSince = async () => {
    const stats = await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
    return Object.fromEntries(
      Object.entries(stats.totals.operationsByKind).filter(([kind, count]) => WRITES.includes(kind) && count > 0),
    );
  };
  const attemptsOf = async (gids: string[], since: Date) => {
    const { sql } = database();
    return sql<Attempt[]>`
      select entity, shopify_gid, crm_id, email, outcome, error_code, dry_run, source, received_at, attempt, duration_ms, request, response
      from sync_attempts where shopify_gid in ${sql(gids)} and started_at >= ${since.toISOString()}
      order by started_at, id`;
  };
  const linksOf = async (gids: string[]) => {
    const { sql } = database();
    return sql<{ shopify_gid: string; crm_id: string }[]>`
      select shopify_gid, crm_id from entity_links where shopify_gid in ${sql(gids)}`;
  };
  const read = async (path: string): Promise<Record<string, unknown> | null> => {
    const rows: Record<string, unknown>[] = [];
    for await (const page of harness.dataverse.query<Record<string, unknown>>(path)) rows.push(...page);
    return rows[0] ?? null;
  };
  const syncCustomerAndOrder = async (order: ShopifyOrder) => {
    const envelope = { source: 'poll', receivedAt: RECEIVED_AT };
    await harness.syncEach('shopify_customer__sync', [{ customerGid: order.customerGid, ...envelope }]);
    await harness.syncEach('shopify_order__sync', [{ orderGid: order.gid, ...envelope }]);
  };
  /** Orders whose buyer is a customer with an email and a name, each buyer once. */
  const ordersOfNamedCustomers = () => {
    const seen = new Set<string>();
    return orders.filter((order) => {
      const customer = order.customerGid ? customers.get(order.customerGid) : undefined;
      if (!customer?.email || !customer.firstName || !customer.lastName || seen.has(customer.gid)) return false;
      seen.add(customer.gid);
      return true;
    });
  };

  beforeAll(async () => {
    harness = await startSyncHarness(database, {
      settings: settings({ dryRun: true }),
      demo: { customers: 12, orders: 16 },
    });
    orders = [];
    for await (const page of readOrders(harness.shopify)) orders.push(...page);
    customers = new Map();
    for await (const page of readCustomers(harness.shopify)) {
      for (const customer of page) customers.set(customer.gid, customer);
    }
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('writes nothing in a dry run, logs the writes as diffs, and the live run then makes exactly those', async () => {
    // Setup: an order whose buyer is a named customer with an email.
    const [order] = ordersOfNamedCustomers();
    if (!order?.customerGid) throw new Error('the demo shop needs an order of a named customer with an email');
    const customer = customers.get(order.customerGid);
    if (!customer?.email) throw new Error('unreachable: filtered above');
    const gids = [customer.gid, order.gid];
    const key = `us_${customer.legacyId}`;
    await harness.sim('reset', 'POST');
    const dryStart = new Date();

    // Action: the dry run.
    await syncCustomerAndOrder(order);

    // Assertions: no write reached the CRM, nothing was linked, and the attempts hold what would have been written.
    expect(await writesSince()).toEqual({});
    expect(await read(`contacts?$select=contactid&$filter=sv_shopifyid eq '${key}'`)).toBeNull();
    expect(await read(`salesorders?$select=salesorderid&$filter=sv_shopifyid eq 'us_${order.legacyId}'`)).toBeNull();
    expect(await linksOf(gids)).toEqual([]);
    const dry = await attemptsOf(gids, dryStart);
    expect(dry.filter((row) => !row.dry_run)).toEqual([]);
    const dryContact = dry.find((row) => row.entity === 'customer' && row.outcome === 'created');
    expect(dryContact?.source).toBe('poll');
    expect(new Date(dryContact?.received_at ?? 0).toISOString()).toBe(RECEIVED_AT);
    expect(dryContact?.attempt).toBe(1);
    expect(dryContact?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(dryContact?.email).toBe(customer.email.toLowerCase());
    const contactDiff = dryContact?.request?.diff as Record<string, ColumnChange>;
    expect(contactDiff.emailaddress1).toEqual({ before: null, after: customer.email });
    expect(contactDiff.sv_shopifyid).toEqual({ before: null, after: key });
    const dryOrder = dry.find((row) => row.entity === 'order');
    expect(dryOrder?.outcome).toBe('created');
    expect(dryOrder?.crm_id).toBeNull();
    const orderWrites = dryOrder?.request?.writes as PlannedWrite[];
    const header = orderWrites.find((write) => write.entitySet === 'salesorders');
    expect(header?.diff.sv_ordername).toEqual({ before: null, after: order.name });
    // The order binds to the contact it would create, by that contact's key.
    expect(header?.diff['customerid_contact@odata.bind']?.after).toBe(`/contacts(sv_shopifyid='${key}')`);
    expect(orderWrites.filter((write) => write.entitySet === 'annotations').length).toBeGreaterThanOrEqual(2);

    // Action: live.
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: false }));
    const liveStart = new Date();
    await syncCustomerAndOrder(order);

    // Assertions: the live writes are the dry run's plan, column for column.
    const live = await attemptsOf(gids, liveStart);
    expect(live.filter((row) => row.dry_run)).toEqual([]);
    const liveContact = live.find((row) => row.entity === 'customer');
    expect(liveContact?.outcome).toBe('created');
    expect(liveContact?.response).toMatchObject({ status: 201, created: true, crmId: liveContact?.crm_id });
    const written = liveContact?.request?.row as Record<string, unknown>;
    for (const [column, change] of Object.entries(contactDiff)) expect(written[column], column).toEqual(change.after);
    const contact = await read(`contacts?$filter=sv_shopifyid eq '${key}'`);
    expect(contact?.contactid).toBe(liveContact?.crm_id);
    for (const [column, change] of Object.entries(contactDiff)) {
      if (column.includes('@')) continue;
      expect(sameCrmValue(contact?.[column], change.after), `${column}: ${String(contact?.[column])}`).toBe(true);
    }
    const salesOrder = await read(`salesorders?$filter=sv_shopifyid eq 'us_${order.legacyId}'`);
    expect(salesOrder).not.toBeNull();
    for (const [column, change] of Object.entries(header?.diff ?? {})) {
      if (column.includes('@')) continue;
      expect(sameCrmValue(salesOrder?.[column], change.after), `${column}: ${String(salesOrder?.[column])}`).toBe(true);
    }
    expect(salesOrder?._customerid_value).toBe(liveContact?.crm_id);
    const liveOrder = live.find((row) => row.entity === 'order');
    expect(liveOrder?.outcome).toBe('created');
    expect(liveOrder?.response).toMatchObject({ crmId: salesOrder?.salesorderid, changeset: { status: 200 } });

    // Setup: a person edits the contact in the CRM, and the customer changes in Shopify.
    const contactId = String(contact?.contactid);
    await harness.dataverse.request({
      method: 'PATCH',
      path: `contacts(${contactId})`,
      body: { firstname: 'Edited-in-CRM' },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
    const update = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: customer.gid, firstName: 'Renamed-in-Shopify' } } },
    );
    expect(update.customerUpdate.userErrors).toEqual([]);
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: true }));
    await harness.sim('reset', 'POST');
    const editStart = new Date();

    // Action: a dry run over the edit.
    await harness.syncEach('shopify_customer__sync', [{ customerGid: customer.gid }]);

    // Assertions: the diff shows the CRM's value and Shopify's; the CRM still holds the person's edit.
    expect(await writesSince()).toEqual({});
    const [shadow] = await attemptsOf([customer.gid], editStart);
    expect(shadow).toMatchObject({ dry_run: true, outcome: 'updated', crm_id: contactId });
    expect(shadow?.request?.diff).toEqual({ firstname: { before: 'Edited-in-CRM', after: 'Renamed-in-Shopify' } });
    expect((await read(`contacts?$select=firstname&$filter=contactid eq ${contactId}`))?.firstname).toBe(
      'Edited-in-CRM',
    );

    // Action: live again.
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: false }));
    const againStart = new Date();
    await harness.syncEach('shopify_customer__sync', [{ customerGid: customer.gid }]);

    // Assertions: the write made is the one shown.
    const [applied] = await attemptsOf([customer.gid], againStart);
    expect(applied).toMatchObject({ dry_run: false, outcome: 'updated', crm_id: contactId });
    expect(applied?.request?.row).toMatchObject({ firstname: 'Renamed-in-Shopify' });
    expect((await read(`contacts?$select=firstname&$filter=contactid eq ${contactId}`))?.firstname).toBe(
      'Renamed-in-Shopify',
    );
  }, 120_000);

  it('dry-runs a B2B customer with the company it depends on, and the deactivation of a deleted customer', async () => {
    // Setup: companies as accounts; a customer of a company, and one without orders or companies.
    const b2b = (pipeline: Record<string, unknown>) => ({
      pipeline,
      customers: { target: 'b2b', defaultConflictPolicy: 'shopifyWins' },
    });
    const all = [...customers.values()];
    const { sql } = database();
    const linked = new Set(
      (await sql<{ shopify_gid: string }[]>`select shopify_gid from entity_links`).map((row) => row.shopify_gid),
    );
    const employee = all.find(
      (customer) =>
        !linked.has(customer.gid) && customer.companyGids.length > 0 && !linked.has(customer.companyGids[0] ?? ''),
    );
    const leaving = all.find(
      (customer) =>
        !linked.has(customer.gid) &&
        customer.companyGids.length === 0 &&
        customer.numberOfOrders === '0' &&
        customer.email,
    );
    const companyGid = employee?.companyGids[0];
    if (!employee || !companyGid || !leaving) throw new Error('the demo shop needs a company contact and a loner');
    await updateStoreSettings(database, harness.storeId, b2b({ dryRun: true }));
    await harness.sim('reset', 'POST');
    const start = new Date();

    // Action
    await harness.syncEach('shopify_customer__sync', [{ customerGid: employee.gid }]);

    // Assertions: nothing written; the contact would go under the account the company's sync would create.
    expect(await writesSince()).toEqual({});
    expect(await linksOf([employee.gid, companyGid])).toEqual([]);
    const rows = await attemptsOf([employee.gid, companyGid], start);
    const company = rows.find((row) => row.entity === 'company');
    expect(company).toMatchObject({ dry_run: true, outcome: 'created', crm_id: null });
    const companyKey = (company?.request?.key as Record<string, string>).sv_shopifyid;
    const contact = rows.find((row) => row.entity === 'customer');
    expect(contact).toMatchObject({ dry_run: true, outcome: 'created' });
    expect((contact?.request?.diff as Record<string, ColumnChange>)['parentcustomerid_account@odata.bind']).toEqual({
      before: null,
      after: `/accounts(sv_shopifyid='${companyKey}')`,
    });

    // Setup: the loner is synced live, then deleted in Shopify.
    await updateStoreSettings(database, harness.storeId, b2b({ dryRun: false }));
    await harness.syncEach('shopify_customer__sync', [{ customerGid: leaving.gid }]);
    const [link] = await linksOf([leaving.gid]);
    if (!link) throw new Error(`${leaving.gid} was not synced`);
    const removal = await harness.shopify.request<{ customerDelete: { userErrors: unknown[] } }>(
      `mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: leaving.gid } } },
    );
    expect(removal.customerDelete.userErrors).toEqual([]);
    await updateStoreSettings(database, harness.storeId, b2b({ dryRun: true }));
    await harness.sim('reset', 'POST');
    const deletion = new Date();

    // Action
    await harness.syncEach('shopify_customer__sync', [{ customerGid: leaving.gid }]);

    // Assertions: the deactivation is shown, not made.
    expect(await writesSince()).toEqual({});
    const [shown] = await attemptsOf([leaving.gid], deletion);
    expect(shown).toMatchObject({ dry_run: true, outcome: 'updated', crm_id: link.crm_id });
    expect(shown?.request).toMatchObject({
      operation: 'deactivate',
      diff: { statecode: { before: 0, after: 1 }, statuscode: { before: 1, after: 2 } },
    });
    expect((await read(`contacts?$select=statecode&$filter=contactid eq ${link.crm_id}`))?.statecode).toBe(0);
    expect(await linksOf([leaving.gid])).toHaveLength(1);

    // Action: live.
    await updateStoreSettings(database, harness.storeId, b2b({ dryRun: false }));
    await harness.syncEach('shopify_customer__sync', [{ customerGid: leaving.gid }]);

    // Assertions
    expect((await read(`contacts?$select=statecode&$filter=contactid eq ${link.crm_id}`))?.statecode).toBe(1);
  }, 120_000);

  it('keeps no name or email of the record in the log when the store redacts personal data', async () => {
    // Setup: another named customer's order, synced live with redaction on.
    const [, order] = ordersOfNamedCustomers();
    if (!order?.customerGid) throw new Error('the demo shop needs a second order of a named customer');
    const customer = customers.get(order.customerGid);
    if (!customer?.email || !customer.firstName || !customer.lastName) throw new Error('unreachable: filtered above');
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: false, redactPersonalData: true }));
    const start = new Date();

    // Action
    await syncCustomerAndOrder(order);

    // Assertions: the writes happened and are logged by ids and keys, without the person's data.
    const links = await linksOf([customer.gid, order.gid]);
    expect(links).toHaveLength(2);
    const rows = await attemptsOf([customer.gid, order.gid], start);
    expect(rows.map((row) => [row.entity, row.outcome])).toEqual(
      expect.arrayContaining([
        ['customer', 'created'],
        ['order', 'created'],
      ]),
    );
    expect(rows.map((row) => row.email)).toEqual(rows.map(() => null));
    const text = JSON.stringify(rows.map((row) => [row.request, row.response]));
    expect(text.toLowerCase()).not.toContain(customer.email.toLowerCase());
    for (const name of [customer.firstName, customer.lastName]) {
      // As a word: a name like Ann is inside `annotations`.
      expect(text, name).not.toMatch(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'));
    }
    expect(text).toContain(`us_${customer.legacyId}`);
    expect(text).toContain(`us_${order.legacyId}`);
    for (const link of links) expect(text).toContain(link.crm_id);
    expect(text).toContain('[redacted]');
  }, 120_000);

  it('dry-runs every order, guests and closed ones included, to sales orders and to custom tables, writing nothing', async () => {
    // Setup
    const { sql } = database();
    const gids = orders.map((order) => order.gid);
    const syncOrders = () =>
      harness.syncEach(
        'shopify_order__sync',
        orders.map((order) => ({ orderGid: order.gid })),
      );
    const orderAttempts = async (since: Date) =>
      (await attemptsOf(gids, since)).filter((row) => row.entity === 'order');
    const problems = (rows: Attempt[]) =>
      rows.filter((row) => row.outcome === 'retrying' || (row.outcome === 'failed' && !isClosedOrderEdit(row)));
    expect(orders.some((order) => order.customerGid === null)).toBe(true);
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: true }));
    await harness.sim('reset', 'POST');
    const first = new Date();

    // Action: a dry run of every order, some of them already written by the tests above.
    await syncOrders();

    // Assertions
    expect(await writesSince()).toEqual({});
    const shadow = await orderAttempts(first);
    expect(problems(shadow)).toEqual([]);
    expect(shadow).toHaveLength(orders.length);
    expect(shadow.every((row) => row.dry_run)).toBe(true);

    // Action: live, then a dry run with our memory of what was written gone, so every row is compared afresh.
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: false }));
    await syncOrders();
    await sql`update entity_links set content_hash = null, written_values = null where shopify_type = 'order'`;
    await updateStoreSettings(database, harness.storeId, settings({ dryRun: true }));
    await harness.sim('reset', 'POST');
    const again = new Date();
    await syncOrders();

    // Assertions: the CRM holds what the sync would write; only lookups bound by alternate key (a product by its
    // number) cannot be compared with the id read back, and show.
    expect(await writesSince()).toEqual({});
    const settled = await orderAttempts(again);
    expect(problems(settled)).toEqual([]);
    for (const row of settled.filter((attempt) => attempt.outcome !== 'failed')) {
      const writes = (row.request?.writes ?? []) as PlannedWrite[];
      const changed = writes.flatMap((write) =>
        Object.entries(write.diff)
          .filter(([, change]) => !(typeof change.after === 'string' && /^\/\w+\(\w+=/.test(change.after)))
          .map(([column]) => `${write.entitySet}.${column}`),
      );
      expect(changed, row.shopify_gid).toEqual([]);
      expect(row.outcome, row.shopify_gid).toBe('updated');
    }

    // Setup: the store's orders go to our own tables.
    await provisionOrderTables(harness.dataverse, { pollMs: 20 });
    await updateStoreSettings(database, harness.storeId, {
      ...settings({ dryRun: true }),
      orders: { target: 'custom' },
    });
    await harness.sim('reset', 'POST');
    const custom = new Date();

    // Action
    await syncOrders();

    // Assertions: nothing written to the custom tables, each order shown as a created row of them.
    expect(await writesSince()).toEqual({});
    const planned = await orderAttempts(custom);
    expect(problems(planned)).toEqual([]);
    for (const row of planned) {
      expect(row.outcome, row.shopify_gid).toBe('created');
      const writes = (row.request?.writes ?? []) as PlannedWrite[];
      expect(writes.map((write) => write.entitySet)).toContain('sv_shopifyorders');
    }
    expect(await read('sv_shopifyorders?$select=sv_shopifyid')).toBeNull();
  }, 180_000);
});
