import { provisionOrderTables } from '@shopverse/dataverse';
import { useTestDatabase } from '@shopverse/db/testing';
import { readCompany, readCustomers, readOrders } from '@shopverse/shopify';
import type { ShopifyCustomer, ShopifyOrder } from '@shopverse/sync-core';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness';

/**
 * The Mappings page's API against the simulators over HTTP: a field map is checked against the org's metadata
 * (unknown column, wrong type, too short) before it is saved, and the preview maps a real order with draft settings,
 * beside the CRM's rows, writing nothing.
 */

const START = new Date('2026-11-27T15:00:00.000Z');

interface Result<T> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

interface PreviewColumn {
  column: string;
  before: unknown;
  after: unknown;
  changed: boolean;
  kept: boolean;
}

interface Preview {
  orderName: string | null;
  settings: Record<string, unknown> | null;
  rows: { role: string; table: string; key: string; exists: boolean; columns: PreviewColumn[] }[];
  problems: { path: string; message: string }[];
  warnings: string[];
}

const PREVIEW = `query ($storeId: ID!, $settings: JSON, $orderName: String) {
  mappingPreview(storeId: $storeId, settings: $settings, orderName: $orderName) {
    orderName settings warnings problems { path message }
    rows { role table key exists columns { column before after changed kept } }
  }
}`;

/** Kinds of Dataverse operations that change something (the simulator counts reads as `readById` and `query`). */
const WRITES = ['create', 'update', 'delete', 'action', 'bulk'];

describe('mappings: field map checked against the org, preview of an order', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  let harness: SyncHarness;
  let latest: ShopifyOrder;
  /** Another order, not synced before the last test. */
  let other: ShopifyOrder;
  let calls = 0;

  const execute = async <T>(
    query: string,
    variables: Record<string, unknown>,
    role: 'viewer' | 'admin' = 'admin',
  ): Promise<Result<T>> => {
    const { sql, db } = database();
    // Each call a second later: the worker reloads a store's settings when its updated_at (set to \`now\`) moves.
    calls += 1;
    const now = new Date(START.getTime() + calls * 1000);
    const contextValue = {
      sql,
      db,
      secrets: harness.box,
      actor: 'admin@example.com',
      role,
      now,
      workerStaleSeconds: 60,
    };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as Result<T>;
  };
  const save = (settings: unknown) =>
    execute<{ updateStoreSettings: { settings: Record<string, unknown> } }>(
      `mutation ($storeId: ID!, $settings: JSON!) { updateStoreSettings(storeId: $storeId, settings: $settings) { settings } }`,
      { storeId: harness.storeId, settings },
    );
  const preview = async (variables: Record<string, unknown>, role: 'viewer' | 'admin' = 'viewer') => {
    const result = await execute<{ mappingPreview: Preview }>(
      PREVIEW,
      { storeId: harness.storeId, ...variables },
      role,
    );
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no preview');
    return result.data.mappingPreview;
  };
  const writes = async () => {
    const stats = await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
    return WRITES.reduce((total, kind) => total + (stats.totals.operationsByKind[kind] ?? 0), 0);
  };
  const column = (row: Preview['rows'][number] | undefined, name: string) =>
    row?.columns.find((item) => item.column === name);

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 3, orders: 3 }, worker: false });
    const orders: ShopifyOrder[] = [];
    for await (const page of readOrders(harness.shopify)) orders.push(...page);
    // Most recent first, as Shopify sorts by CREATED_AT reversed: ties by id, the newer id first.
    const [newest] = orders.sort(
      (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || Number(BigInt(b.legacyId) - BigInt(a.legacyId)),
    );
    if (!newest) throw new Error('the demo shop has no orders');
    latest = newest;
    const [second] = orders.filter((order) => order.gid !== newest.gid);
    if (!second) throw new Error('the demo shop has one order only');
    other = second;
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    await harness?.stop();
  });

  it('refuses a field map naming a column the org lacks, of the wrong type or too short, and saves one that fits', async () => {
    // Setup
    const refusedMap = {
      contact: [
        { source: 'note', column: 'new_x' },
        { source: 'createdAt', column: 'jobtitle' },
        { source: 'note', column: 'description' },
        { source: 'state', column: 'emailaddress1' },
      ],
      salesorder: [
        { source: 'poNumber', column: 'emailaddress' },
        { source: 'name', column: 'ordernumber' },
      ],
    };
    const fitting = {
      fieldMap: {
        contact: [{ source: 'state', column: 'nickname' }],
        salesorder: [
          { source: 'financialStatus', column: 'submitstatusdescription' },
          { source: 'test', column: 'willcall' },
          { source: 'lineItemCount', column: 'submitstatus' },
        ],
      },
    };

    // Action
    const refused = await save({ fieldMap: refusedMap });
    const refusedByOrg = await save({ fieldMap: { ...refusedMap, contact: refusedMap.contact.slice(0, 3) } });
    const saved = await save(fitting);
    const asViewer = await execute(
      `mutation ($storeId: ID!) { updateStoreSettings(storeId: $storeId, settings: {}) { id } }`,
      { storeId: harness.storeId },
      'viewer',
    );

    // Assertions: the schema's own refusal comes first and alone (the org is not asked about a map that cannot be
    // saved anyway); then the org's metadata names each column.
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.problems).toEqual([
      {
        path: 'fieldMap.contact.3.column',
        message: 'the sync already writes contact.emailaddress1; map onto another column',
      },
    ]);
    expect(refusedByOrg.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusedByOrg.errors?.[0]?.extensions?.problems).toEqual([
      { path: 'fieldMap.contact.0.column', message: 'contact has no column new_x' },
      {
        path: 'fieldMap.contact.1.column',
        message:
          'wrong type: createdAt is a date and time, contact.jobtitle is a String column; map it onto a DateTime column',
      },
      {
        path: 'fieldMap.contact.2.column',
        message: 'too long: note can be 5000 characters, description holds 2000',
      },
      {
        path: 'fieldMap.salesorder.0.column',
        message: 'too long: poNumber can be 255 characters, emailaddress holds 100',
      },
      { path: 'fieldMap.salesorder.1.column', message: 'Dynamics does not let salesorder.ordernumber be written' },
    ]);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.updateStoreSettings.settings).toMatchObject(fitting);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Cleanup
    expect((await save({})).errors).toBeUndefined();
  });

  it('previews the latest order under draft settings beside the CRM rows, and writes nothing', async () => {
    // Setup: the order is synced as saved (no field map), so the CRM has its rows.
    await harness.startWorker();
    await harness.syncEach('shopify_order__sync', [{ orderGid: latest.gid }]);
    const draft = {
      fieldMap: {
        contact: [{ source: 'state', column: 'nickname' }],
        salesorder: [{ source: 'financialStatus', column: 'submitstatusdescription' }],
      },
    };
    const { sql } = database();
    const countRows = async () =>
      (
        await sql<
          { n: number }[]
        >`select (select count(*) from sync_attempts)::int + (select count(*) from entity_links)::int as n`
      )[0]?.n;
    const before = { writes: await writes(), rows: await countRows() };

    // Action
    const shown = await preview({ settings: draft });
    const named = await preview({ settings: draft, orderName: latest.name.replace('#', '') });
    const missing = await preview({ orderName: '#999999' });
    const badDraft = await preview({ settings: { fieldMap: { contact: [{ source: 'note', column: 'new_x' }] } } });

    // Assertions
    // The preview says when the CRM order is closed, so its header changes would not be written (the sync's rule).
    const crmOrder = await harness.dataverse.request({
      method: 'GET',
      path: `salesorders(sv_shopifyid='us_${latest.legacyId}')?$select=statecode`,
      idempotent: true,
    });
    const closed = (crmOrder.body as { statecode: number }).statecode !== 0;
    expect(shown.problems).toEqual(
      closed ? [{ path: 'order', message: expect.stringContaining(`order ${latest.name} is `) as unknown }] : [],
    );
    expect(shown.orderName).toBe(latest.name);
    expect(named.orderName).toBe(latest.name);
    const roles = shown.rows.map((row) => row.role);
    expect(roles.slice(0, 2)).toEqual(['contact', 'salesorder']);
    expect(roles.slice(2).every((role) => role === 'line')).toBe(true);
    expect(roles.length).toBeGreaterThan(2);
    expect(shown.rows.every((row) => row.exists)).toBe(true);
    const [contact, order, ...lines] = shown.rows;
    expect(order?.table).toBe('salesorder');
    expect(order?.key).toBe(`us_${latest.legacyId}`);
    expect(column(order, 'submitstatusdescription')).toEqual({
      column: 'submitstatusdescription',
      before: null,
      after: latest.financialStatus,
      changed: true,
      kept: false,
    });
    expect(column(order, 'name')).toMatchObject({ after: `us-${latest.name}`, changed: false });
    expect(column(contact, 'nickname')?.changed).toBe(true);
    expect(
      lines.every((line) => line.table === 'salesorderdetail' && line.columns.every((item) => !item.changed)),
    ).toBe(true);
    expect(missing.rows).toEqual([]);
    expect(missing.problems).toEqual([{ path: 'orderName', message: 'store Demo US has no order named #999999' }]);
    expect(badDraft.problems).toEqual([{ path: 'fieldMap.contact.0.column', message: 'contact has no column new_x' }]);
    expect(badDraft.rows.map((row) => row.role).slice(0, 2)).toEqual(['contact', 'salesorder']);
    expect(await writes()).toBe(before.writes);
    expect(await countRows()).toBe(before.rows);
  });

  it('once saved, the sync writes the field map: the preview then shows the column as the CRM holds it', async () => {
    // A new order gets the column whatever its state (a closed CRM order takes no more edits).
    // Setup
    const settings = { fieldMap: { salesorder: [{ source: 'financialStatus', column: 'submitstatusdescription' }] } };
    expect((await save(settings)).errors).toBeUndefined();

    // Action
    await harness.syncEach('shopify_order__sync', [{ orderGid: other.gid }]);
    const shown = await preview({ orderName: other.name });

    // Assertions
    const order = shown.rows.find((row) => row.role === 'salesorder');
    expect(column(order, 'submitstatusdescription')).toEqual({
      column: 'submitstatusdescription',
      before: other.financialStatus,
      after: other.financialStatus,
      changed: false,
      kept: false,
    });

    // Cleanup
    expect((await save({})).errors).toBeUndefined();
  });

  it("the sync writes a customer's and a B2B company's field map columns to the contact and the account", async () => {
    // Setup
    const customers: ShopifyCustomer[] = [];
    for await (const page of readCustomers(harness.shopify)) customers.push(...page);
    const buyer = customers.find((customer) => customer.companyGids.length > 0);
    const companyGid = buyer?.companyGids[0];
    if (!buyer || !companyGid) throw new Error('the demo shop has no B2B customer');
    const company = await readCompany(harness.shopify, companyGid);
    if (!company) throw new Error(`the demo shop has no company ${companyGid}`);
    const settings = {
      customers: { target: 'b2b' },
      fieldMap: {
        contact: [{ source: 'state', column: 'nickname' }],
        account: [{ source: 'createdAt', column: 'lastusedincampaign' }],
      },
    };
    expect((await save(settings)).errors).toBeUndefined();
    const read = async (path: string) =>
      (await harness.dataverse.request({ method: 'GET', path, idempotent: true })).body as Record<string, unknown>;

    try {
      // Action
      await harness.syncEach('shopify_company__sync', [{ companyGid }]);
      await harness.syncEach('shopify_customer__sync', [{ customerGid: buyer.gid }]);

      // Assertions
      const contact = await read(`contacts(sv_shopifyid='us_${buyer.legacyId}')?$select=nickname`);
      const account = await read(
        `accounts(sv_shopifyid='us_${/\d+$/.exec(companyGid)?.[0] ?? ''}')?$select=lastusedincampaign`,
      );
      expect(contact.nickname).toBe(buyer.state);
      expect(Date.parse(String(account.lastusedincampaign))).toBe(Date.parse(company.createdAt));
    } finally {
      // Cleanup
      expect((await save({})).errors).toBeUndefined();
    }
  });

  it('previews an order written to our custom tables, and refuses a salesorder field map there', async () => {
    // Setup
    await provisionOrderTables(harness.dataverse, { pollMs: 20 });
    const custom = { orders: { target: 'custom' } };

    // Action
    const shown = await preview({ settings: custom });
    const refused = await preview({
      settings: { ...custom, fieldMap: { salesorder: [{ source: 'tags', column: 'submitstatusdescription' }] } },
    });

    // Assertions: the order and its lines in our tables, keyed as the custom tables writer keys them
    expect(shown.problems).toEqual([]);
    const [contact, order, ...children] = shown.rows;
    expect(contact?.role).toBe('contact');
    expect(order).toMatchObject({ role: 'salesorder', table: 'sv_shopifyorder', key: `us_${latest.legacyId}` });
    expect(column(order, 'sv_ordername')?.after).toBe(latest.name);
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((row) => ['sv_shopifyorderline', 'sv_shopifyrefund'].includes(row.table))).toBe(true);
    expect(refused.problems.map((problem) => problem.path)).toEqual(['fieldMap.salesorder']);
  });

  it('shows a contact column a person edited in the CRM as kept when the conflict policy says the CRM wins', async () => {
    // Setup: the latest order's contact (synced above) gets a first name typed in the CRM.
    const first = await preview({});
    const contact = first.rows.find((row) => row.role === 'contact');
    if (!contact) throw new Error('the latest order has no contact to preview');
    await harness.dataverse.request({
      method: 'PATCH',
      path: `contacts(sv_shopifyid='${contact.key}')`,
      body: { firstname: 'Typed in the CRM' },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });

    // Action
    const crmWins = await preview({ settings: { customers: { defaultConflictPolicy: 'crmWins' } } });
    const shopifyWins = await preview({ settings: { customers: { defaultConflictPolicy: 'shopifyWins' } } });

    // Assertions
    const firstName = (shown: Preview) =>
      column(
        shown.rows.find((row) => row.role === 'contact'),
        'firstname',
      );
    expect(firstName(crmWins)).toMatchObject({ before: 'Typed in the CRM', changed: false, kept: true });
    expect(firstName(shopifyWins)).toMatchObject({ before: 'Typed in the CRM', changed: true, kept: false });
  });
});
