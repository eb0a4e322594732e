import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataverseClient } from './client';
import { provisionOrderTables, type OrderTablesReport } from './provision-order-tables';
import { simulatedOrg } from './testing/simulated-org';

/**
 * The custom order tables (issue 7) against the simulated org: planned, created, read back through EntityDefinitions,
 * left alone the second time, then written the way the sync writes them.
 */

let org: Awaited<ReturnType<typeof simulatedOrg>>;

beforeEach(async () => {
  org = await simulatedOrg();
});

afterEach(async () => {
  await org.close();
});

/** Our columns of each table and their AttributeType, written out here rather than taken from the code under test. */
const EXPECTED: Record<string, Record<string, string>> = {
  sv_shopifyorder: {
    sv_shopifyorderid: 'Uniqueidentifier',
    sv_name: 'String',
    sv_shopifyid: 'String',
    sv_lastcorrelationid: 'String',
    sv_ordername: 'String',
    sv_currency: 'String',
    sv_presentmentcurrency: 'String',
    sv_locale: 'String',
    sv_financialstatus: 'String',
    sv_fulfillmentstatus: 'String',
    sv_cancelreason: 'String',
    sv_shopifyurl: 'String',
    sv_subtotal: 'Decimal',
    sv_totaldiscount: 'Decimal',
    sv_totaltax: 'Decimal',
    sv_freight: 'Decimal',
    sv_total: 'Decimal',
    sv_refundedamount: 'Decimal',
    sv_refundcount: 'Integer',
    sv_processedon: 'DateTime',
    sv_cancelledon: 'DateTime',
    sv_closedon: 'DateTime',
    sv_contactid: 'Lookup',
    sv_accountid: 'Lookup',
  },
  sv_shopifyorderline: {
    sv_shopifyorderlineid: 'Uniqueidentifier',
    sv_name: 'String',
    sv_shopifyid: 'String',
    sv_lastcorrelationid: 'String',
    sv_sku: 'String',
    sv_variant: 'String',
    sv_quantity: 'Decimal',
    sv_unitprice: 'Decimal',
    sv_discount: 'Decimal',
    sv_tax: 'Decimal',
    sv_total: 'Decimal',
    sv_orderid: 'Lookup',
  },
  sv_shopifyrefund: {
    sv_shopifyrefundid: 'Uniqueidentifier',
    sv_name: 'String',
    sv_shopifyid: 'String',
    sv_lastcorrelationid: 'String',
    sv_amount: 'Decimal',
    sv_currency: 'String',
    sv_refundedon: 'DateTime',
    sv_lines: 'Memo',
    sv_note: 'String',
    sv_orderid: 'Lookup',
  },
};

interface EntityDefinition {
  EntitySetName: string;
  PrimaryNameAttribute: string;
  Attributes: {
    LogicalName: string;
    AttributeType: string;
    MaxLength?: number;
    Precision?: number;
    Targets?: string[];
  }[];
  Keys: { LogicalName: string; KeyAttributes: string[]; EntityKeyIndexStatus: string }[];
}

async function definition(client: DataverseClient, table: string): Promise<EntityDefinition> {
  const response = await client.request({
    method: 'GET',
    path: `EntityDefinitions(LogicalName='${table}')?$expand=Attributes,Keys`,
    idempotent: true,
  });
  return response.body as EntityDefinition;
}

/** Every step but the waits, which only a run that creates keys can have. */
function planned(report: OrderTablesReport) {
  return report.steps.filter((step) => step.kind !== 'wait-for-key');
}

async function send(
  client: DataverseClient,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await client.request({
    method,
    path,
    idempotent: method !== 'POST',
    ...(body === undefined ? {} : { body }),
    headers: method === 'GET' ? {} : { Prefer: 'return=representation' },
  });
  return response.body as Record<string, unknown>;
}

describe('provisionOrderTables', () => {
  it('a dry run lists every step, the run makes exactly those, the second run none', async () => {
    // Action
    const dry = await provisionOrderTables(org.client, { dryRun: true, pollMs: 10 });
    const afterDry = await org.client.request({
      method: 'GET',
      path: "EntityDefinitions?$select=LogicalName&$filter=startswith(LogicalName,'sv_')",
      idempotent: true,
    });
    const first = await provisionOrderTables(org.client, { pollMs: 10 });
    const second = await provisionOrderTables(org.client, { pollMs: 10 });

    // Assertions
    expect((afterDry.body as { value: unknown[] }).value).toEqual([]);
    expect(dry.dryRun).toBe(true);
    expect(planned(first)).toEqual(dry.steps);
    expect(dry.steps.filter((step) => step.kind === 'create-table')).toEqual([
      { kind: 'create-table', table: 'sv_shopifyorder' },
      { kind: 'create-table', table: 'sv_shopifyorderline' },
      { kind: 'create-table', table: 'sv_shopifyrefund' },
    ]);
    // The primary id and name columns come with their table; every other column is a step of its own.
    for (const [table, columns] of Object.entries(EXPECTED)) {
      const created = dry.steps.flatMap((step) =>
        step.kind === 'create-column' && step.table === table ? [step.column] : [],
      );
      const plain = Object.entries(columns).flatMap(([name, type]) =>
        name !== 'sv_name' && type !== 'Lookup' && type !== 'Uniqueidentifier' ? [name] : [],
      );
      expect(created.sort()).toEqual(plain.sort());
    }
    expect(dry.steps.filter((step) => step.kind === 'create-relationship')).toEqual([
      {
        kind: 'create-relationship',
        table: 'sv_shopifyorder',
        relationship: 'sv_contact_shopifyorder',
        column: 'sv_contactid',
        referenced: 'contact',
      },
      {
        kind: 'create-relationship',
        table: 'sv_shopifyorder',
        relationship: 'sv_account_shopifyorder',
        column: 'sv_accountid',
        referenced: 'account',
      },
      {
        kind: 'create-relationship',
        table: 'sv_shopifyorderline',
        relationship: 'sv_shopifyorder_shopifyorderline',
        column: 'sv_orderid',
        referenced: 'sv_shopifyorder',
      },
      {
        kind: 'create-relationship',
        table: 'sv_shopifyrefund',
        relationship: 'sv_shopifyorder_shopifyrefund',
        column: 'sv_orderid',
        referenced: 'sv_shopifyorder',
      },
    ]);
    expect(dry.steps.filter((step) => step.kind === 'create-key').map((step) => step.table)).toEqual(
      Object.keys(EXPECTED),
    );
    expect(second.steps).toEqual([]);
    expect(second.present).toEqual(
      expect.arrayContaining([
        'sv_shopifyorder',
        'sv_shopifyorder.sv_name',
        'sv_shopifyorderline.sv_orderid -> sv_shopifyorder',
        'sv_shopifyrefund key sv_shopifyid_key (Active)',
      ]),
    );
  });

  it('creates the tables with their columns, types, lookups and Active keys, as EntityDefinitions reads them', async () => {
    // Action
    await provisionOrderTables(org.client, { pollMs: 10 });
    const [order, line, refund] = await Promise.all(
      Object.keys(EXPECTED).map((table) => definition(org.client, table)),
    );

    // Assertions
    for (const [table, read] of [
      ['sv_shopifyorder', order],
      ['sv_shopifyorderline', line],
      ['sv_shopifyrefund', refund],
    ] as const) {
      const ours = Object.fromEntries(
        (read?.Attributes ?? [])
          .filter((attribute) => attribute.LogicalName.startsWith('sv_'))
          .map((attribute) => [attribute.LogicalName, attribute.AttributeType]),
      );
      expect(ours).toEqual(EXPECTED[table]);
      expect(read?.PrimaryNameAttribute).toBe('sv_name');
      expect(read?.Keys).toEqual([
        expect.objectContaining({
          LogicalName: 'sv_shopifyid_key',
          KeyAttributes: ['sv_shopifyid'],
          EntityKeyIndexStatus: 'Active',
        }),
      ]);
    }
    const column = (read: EntityDefinition | undefined, name: string) =>
      read?.Attributes.find((attribute) => attribute.LogicalName === name);
    expect(column(order, 'sv_name')).toMatchObject({ MaxLength: 300 });
    expect(column(order, 'sv_currency')).toMatchObject({ MaxLength: 3 });
    expect(column(order, 'sv_total')).toMatchObject({ Precision: 2 });
    expect(column(order, 'sv_contactid')).toMatchObject({ Targets: ['contact'] });
    expect(column(order, 'sv_accountid')).toMatchObject({ Targets: ['account'] });
    expect(column(line, 'sv_name')).toMatchObject({ MaxLength: 500 });
    expect(column(line, 'sv_quantity')).toMatchObject({ Precision: 5 });
    expect(column(line, 'sv_orderid')).toMatchObject({ Targets: ['sv_shopifyorder'] });
    expect(column(refund, 'sv_lines')).toMatchObject({ MaxLength: 4000 });
    expect(column(refund, 'sv_note')).toMatchObject({ MaxLength: 2000 });
    expect(column(refund, 'sv_orderid')).toMatchObject({ Targets: ['sv_shopifyorder'] });
  });

  it('an order upserted by key takes lines, a refund and a note bound to it', async () => {
    // Setup
    await provisionOrderTables(org.client, { pollMs: 10 });
    const sets = Object.fromEntries(
      await Promise.all(
        Object.keys(EXPECTED).map(async (table) => [table, (await definition(org.client, table)).EntitySetName]),
      ),
    ) as Record<string, string>;
    const orders = sets.sv_shopifyorder ?? '';
    const contact = await send(org.client, 'POST', 'contacts', { lastname: 'Rivera', emailaddress1: 'r@example.com' });
    const orderKey = `${orders}(sv_shopifyid='us_5001')`;

    // Action
    const order = await send(org.client, 'PATCH', orderKey, {
      sv_name: '#1042',
      sv_ordername: '#1042',
      sv_currency: 'USD',
      sv_total: 59.9,
      sv_refundcount: 1,
      sv_processedon: '2026-03-01T10:00:00Z',
      'sv_contactid@odata.bind': `/contacts(${String(contact.contactid)})`,
    });
    for (const [id, sku] of [
      ['us_9001', 'TEE-S'],
      ['us_9002', 'MUG'],
    ] as const) {
      await send(org.client, 'PATCH', `${sets.sv_shopifyorderline ?? ''}(sv_shopifyid='${id}')`, {
        sv_name: sku,
        sv_sku: sku,
        sv_quantity: 1,
        sv_total: 29.95,
        'sv_orderid@odata.bind': `/${orderKey}`,
      });
    }
    await send(org.client, 'PATCH', `${sets.sv_shopifyrefund ?? ''}(sv_shopifyid='us_7001')`, {
      sv_name: 'Refund of #1042',
      sv_amount: 29.95,
      sv_currency: 'USD',
      sv_lines: '1 x MUG (restocked)',
      'sv_orderid@odata.bind': `/${orderKey}`,
    });
    const note = await send(org.client, 'POST', 'annotations', {
      subject: 'Order paid',
      notetext: 'Shopify: the order was paid.',
      'objectid_sv_shopifyorder@odata.bind': `/${orders}(${String(order.sv_shopifyorderid)})`,
    });
    const lines = await send(
      org.client,
      'GET',
      `${sets.sv_shopifyorderline ?? ''}?$select=sv_sku&$filter=_sv_orderid_value eq ${String(order.sv_shopifyorderid)}&$orderby=sv_sku`,
    );
    const readNote = await send(org.client, 'GET', `annotations(${String(note.annotationid)})?$select=_objectid_value`);
    const readOrder = await send(org.client, 'GET', `${orderKey}?$select=sv_total,_sv_contactid_value`);

    // Assertions
    expect((lines.value as { sv_sku: string }[]).map((row) => row.sv_sku)).toEqual(['MUG', 'TEE-S']);
    expect(readNote._objectid_value).toBe(order.sv_shopifyorderid);
    expect(readOrder).toMatchObject({ sv_total: 59.9, _sv_contactid_value: contact.contactid });
  });

  it('a column of ours with another type is an error naming it and what to do', async () => {
    // Setup: a table made by hand, its shopifyid a whole number.
    await org.client.request({
      method: 'POST',
      path: 'EntityDefinitions',
      idempotent: false,
      body: {
        '@odata.type': 'Microsoft.Dynamics.CRM.EntityMetadata',
        SchemaName: 'sv_shopifyorder',
        OwnershipType: 'UserOwned',
        HasNotes: true,
        Attributes: [
          {
            '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
            SchemaName: 'sv_name',
            MaxLength: 100,
            IsPrimaryName: true,
          },
        ],
      },
    });
    await org.client.request({
      method: 'POST',
      path: "EntityDefinitions(LogicalName='sv_shopifyorder')/Attributes",
      idempotent: false,
      body: { '@odata.type': 'Microsoft.Dynamics.CRM.IntegerAttributeMetadata', SchemaName: 'sv_shopifyid' },
    });

    // Action
    const outcome = await provisionOrderTables(org.client, { pollMs: 10 }).catch((error: unknown) => error);

    // Assertions
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(
      /The column sv_shopifyid on sv_shopifyorder exists as Integer, but the sync writes it as String\. Delete the column/,
    );
  });

  /** Creates a table by hand, as someone might in the maker portal, with notes and a name column. */
  async function handMadeTable(schemaName: string, columns: string[]): Promise<void> {
    await send(org.client, 'POST', 'EntityDefinitions', {
      '@odata.type': 'Microsoft.Dynamics.CRM.EntityMetadata',
      SchemaName: schemaName,
      OwnershipType: 'UserOwned',
      HasNotes: true,
      Attributes: [
        {
          '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
          SchemaName: 'sv_name',
          MaxLength: 300,
          IsPrimaryName: true,
        },
      ],
    });
    for (const column of columns) {
      await send(org.client, 'POST', `EntityDefinitions(LogicalName='${schemaName}')/Attributes`, {
        '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
        SchemaName: column,
        MaxLength: 100,
      });
    }
  }

  it('completes a table made by hand, keeping what it has', async () => {
    // Setup
    await handMadeTable('sv_shopifyorder', ['sv_shopifyid']);

    // Action
    const report = await provisionOrderTables(org.client, { pollMs: 10 });

    // Assertions
    const forOrder = report.steps.filter((step) => step.table === 'sv_shopifyorder');
    expect(forOrder.map((step) => step.kind)).not.toContain('create-table');
    expect(forOrder).toContainEqual({ kind: 'create-column', table: 'sv_shopifyorder', column: 'sv_total' });
    expect(forOrder).not.toContainEqual(expect.objectContaining({ column: 'sv_shopifyid' }));
    expect(report.present).toEqual(
      expect.arrayContaining(['sv_shopifyorder', 'sv_shopifyorder.sv_name', 'sv_shopifyorder.sv_shopifyid']),
    );
    const order = await definition(org.client, 'sv_shopifyorder');
    expect(order.Attributes.map((attribute) => attribute.LogicalName)).toEqual(
      expect.arrayContaining(['sv_total', 'sv_contactid', 'sv_closedon']),
    );
    expect(order.Keys.map((key) => key.EntityKeyIndexStatus)).toEqual(['Active']);
  });

  it('refuses a lookup of ours that exists as another kind of column, in a dry run too', async () => {
    // Setup
    await handMadeTable('sv_shopifyorderline', ['sv_orderid']);

    // Action
    const dry = await provisionOrderTables(org.client, { dryRun: true }).catch((error: unknown) => error);
    const run = await provisionOrderTables(org.client, { pollMs: 10 }).catch((error: unknown) => error);

    // Assertions
    for (const outcome of [dry, run]) {
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(
        /^The column sv_orderid on sv_shopifyorderline exists as String, but the sync needs a lookup to sv_shopifyorder\. Delete the column/,
      );
    }
  });

  it('the key index is waited for until Active', async () => {
    // Setup: an org whose key indexes take a while to build.
    await org.close();
    org = await simulatedOrg({ keyActivationMs: 60 });

    // Action
    const report = await provisionOrderTables(org.client, { pollMs: 20 });

    // Assertions
    expect(report.steps.filter((step) => step.kind === 'wait-for-key')).toEqual([
      { kind: 'wait-for-key', table: 'sv_shopifyorder', key: 'sv_shopifyid_key', status: 'Pending' },
      { kind: 'wait-for-key', table: 'sv_shopifyorderline', key: 'sv_shopifyid_key', status: 'Pending' },
      { kind: 'wait-for-key', table: 'sv_shopifyrefund', key: 'sv_shopifyid_key', status: 'Pending' },
    ]);
    expect((await definition(org.client, 'sv_shopifyrefund')).Keys[0]?.EntityKeyIndexStatus).toBe('Active');
  });

  it('deleting the order deletes its lines and refunds (parental cascade)', async () => {
    // Setup: an order with a line and a refund.
    await provisionOrderTables(org.client, { pollMs: 10 });
    const set = async (table: string) => (await definition(org.client, table)).EntitySetName;
    const [orders, lines, refunds] = await Promise.all(
      ['sv_shopifyorder', 'sv_shopifyorderline', 'sv_shopifyrefund'].map(set),
    );
    const orderKey = `${orders ?? ''}(sv_shopifyid='us_5002')`;
    const order = await send(org.client, 'PATCH', orderKey, { sv_name: '#1043' });
    await send(org.client, 'PATCH', `${lines ?? ''}(sv_shopifyid='us_9003')`, {
      sv_name: 'Mug',
      'sv_orderid@odata.bind': `/${orderKey}`,
    });
    await send(org.client, 'PATCH', `${refunds ?? ''}(sv_shopifyid='us_7002')`, {
      sv_name: 'Refund of #1043',
      'sv_orderid@odata.bind': `/${orderKey}`,
    });

    // Action
    await send(org.client, 'DELETE', `${orders ?? ''}(${String(order.sv_shopifyorderid)})`);

    // Assertions
    for (const children of [lines, refunds]) {
      const left = await send(org.client, 'GET', `${children ?? ''}?$select=sv_shopifyid`);
      expect(left.value, children).toEqual([]);
    }
  });
});
