import { customerFromGraphql, customerFromRest, mapCustomerToContact, type GqlCustomer } from '@shopverse/sync-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataverseClient } from './client';
import { attributeMetadata, provision, SYNC_COLUMNS, SYNC_TABLES, type ColumnSpec } from './provisioning';
import { simulatedOrg } from './testing/simulated-org';

/**
 * Provisioning against the simulated org (issue 6): the contact's rollup columns with the types Microsoft documents,
 * created once, next to the key columns every synced table has; then a mapped contact written and read back.
 */

let org: Awaited<ReturnType<typeof simulatedOrg>>;

beforeEach(async () => {
  org = await simulatedOrg();
});

afterEach(async () => {
  await org.close();
});

const ROLLUPS = ['sv_orderscount', 'sv_amountspent', 'sv_amountspentcurrency', 'sv_lastorderdate'];
/** Our columns on sales orders (issue 7), in the order provisioning creates them. */
const ORDER_COLUMNS = [
  'sv_ordername',
  'sv_financialstatus',
  'sv_fulfillmentstatus',
  'sv_cancelreason',
  'sv_shopifyurl',
  'sv_currency',
  'sv_presentmentcurrency',
  'sv_locale',
  'sv_refundedamount',
  'sv_refundcount',
  'sv_processedon',
  'sv_cancelledon',
  'sv_closedon',
];

async function attribute(client: DataverseClient, table: string, logical: string): Promise<Record<string, unknown>> {
  const response = await client.request({
    method: 'GET',
    path: `EntityDefinitions(LogicalName='${table}')/Attributes(LogicalName='${logical}')`,
    idempotent: true,
  });
  return response.body as Record<string, unknown>;
}

async function columnNames(client: DataverseClient, table: string): Promise<string[]> {
  const response = await client.request({
    method: 'GET',
    path: `EntityDefinitions(LogicalName='${table}')/Attributes?$select=LogicalName&$filter=startswith(LogicalName,'sv_')`,
    idempotent: true,
  });
  return (response.body as { value: { LogicalName: string }[] }).value.map((row) => row.LogicalName).sort();
}

describe('provision: the rollup columns on contact', () => {
  it('a dry run lists them, the run creates them with their types, a second run changes nothing', async () => {
    // Action
    const dry = await provision(org.client, { dryRun: true, pollMs: 10 });
    const first = await provision(org.client, { pollMs: 10 });
    const second = await provision(org.client, { pollMs: 10 });
    const [count, amount, currency, lastOrder] = await Promise.all(
      ROLLUPS.map((column) => attribute(org.client, 'contact', column)),
    );

    // Assertions
    const created = (report: typeof first) =>
      report.steps.flatMap((step) => (step.kind === 'create-column' ? [`${step.table}.${step.column}`] : []));
    expect(created(dry)).toEqual(created(first));
    // The key and correlation id everywhere, the ids of every store on contact and account (issue 11).
    expect(created(first)).toHaveLength(SYNC_TABLES.length * 2 + 2 + ROLLUPS.length + ORDER_COLUMNS.length);
    expect(created(first).filter((name) => name.startsWith('contact.'))).toEqual(
      ['sv_shopifyid', 'sv_shopifyids', 'sv_lastcorrelationid', ...ROLLUPS].map((column) => `contact.${column}`),
    );
    expect(second.steps).toEqual([]);
    expect(second.present).toEqual(expect.arrayContaining(ROLLUPS.map((column) => `contact.${column}`)));
    expect(count).toMatchObject({ AttributeType: 'Integer', SchemaName: 'sv_orderscount', IsCustomAttribute: true });
    expect(amount).toMatchObject({ AttributeType: 'Decimal', Precision: 2 });
    expect(currency).toMatchObject({ AttributeType: 'String', MaxLength: 3 });
    expect(lastOrder).toMatchObject({ AttributeType: 'DateTime' });
  });

  it('only contact gets them', async () => {
    // Action
    await provision(org.client, { pollMs: 10 });

    // Assertions
    expect(await columnNames(org.client, 'contact')).toEqual([
      'sv_amountspent',
      'sv_amountspentcurrency',
      'sv_lastcorrelationid',
      'sv_lastorderdate',
      'sv_orderscount',
      'sv_shopifyid',
      'sv_shopifyids',
    ]);
    expect(await columnNames(org.client, 'account')).toEqual(['sv_lastcorrelationid', 'sv_shopifyid', 'sv_shopifyids']);
    expect(await columnNames(org.client, 'salesorderdetail')).toEqual(['sv_lastcorrelationid', 'sv_shopifyid']);
    expect(await columnNames(org.client, 'salesorder')).toEqual(
      ['sv_lastcorrelationid', 'sv_shopifyid', ...ORDER_COLUMNS].sort(),
    );
  });

  it('adds only the rollups to an org provisioned before they existed', async () => {
    // Setup: what provisioning created before issue 6, string columns on every table.
    for (const table of SYNC_TABLES) {
      for (const column of SYNC_COLUMNS.filter(
        (spec) => spec.name === 'shopifyid' || spec.name === 'lastcorrelationid',
      )) {
        await org.client.request({
          method: 'POST',
          path: `EntityDefinitions(LogicalName='${table}')/Attributes`,
          idempotent: false,
          body: attributeMetadata(column, 'sv'),
        });
      }
    }

    // Action
    const report = await provision(org.client, { pollMs: 10 });

    // Assertions
    expect(report.steps.filter((step) => step.kind === 'create-column')).toEqual([
      { kind: 'create-column', table: 'contact', column: 'sv_shopifyids' },
      ...ROLLUPS.map((column) => ({ kind: 'create-column', table: 'contact', column })),
      { kind: 'create-column', table: 'account', column: 'sv_shopifyids' },
      ...ORDER_COLUMNS.map((column) => ({ kind: 'create-column', table: 'salesorder', column })),
    ]);
    expect(report.present).toContain('account.sv_shopifyid');
  });

  it('refuses to go on when a column of ours exists with another type, and says what to do', async () => {
    // Setup: someone made sv_orderscount a text column by hand.
    const asText: ColumnSpec = {
      name: 'orderscount',
      label: 'Orders',
      description: 'by hand',
      type: 'String',
      maxLength: 10,
      tables: ['contact'],
    };
    await org.client.request({
      method: 'POST',
      path: "EntityDefinitions(LogicalName='contact')/Attributes",
      idempotent: false,
      body: attributeMetadata(asText, 'sv'),
    });

    // Action and assertions
    await expect(provision(org.client, { pollMs: 10 })).rejects.toThrow(
      /sv_orderscount on contact exists as String, but the sync writes it as Integer\. Delete the column/,
    );
  });
});

describe('a mapped contact with its rollups', () => {
  const node: GqlCustomer = {
    id: 'gid://shopify/Customer/7390123456789012345',
    legacyResourceId: '7390123456789012345',
    firstName: 'Ada',
    lastName: 'Lovelace',
    state: 'ENABLED',
    tags: [],
    taxExempt: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    numberOfOrders: '12',
    amountSpent: { amount: '98765432109.87', currencyCode: 'EUR' },
    lastOrder: { createdAt: '2026-10-30T14:05:00Z' },
    addresses: [],
    companyContactProfiles: [],
  };
  const options = { storeKey: 'eu', correlationId: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d', countryAs: 'code' as const };

  async function readContact(): Promise<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = [];
    for await (const page of org.client.query<Record<string, unknown>>(
      `contacts?$select=lastname,${ROLLUPS.join(',')}&$filter=sv_shopifyid eq 'eu_7390123456789012345'`,
    )) {
      rows.push(...page);
    }
    expect(rows).toHaveLength(1);
    return rows[0] ?? {};
  }

  it('is written exactly (numbers as JSON numbers), and a webhook without rollups leaves them as they were', async () => {
    // Setup
    await provision(org.client, { pollMs: 10 });
    const full = mapCustomerToContact(customerFromGraphql(node), options);

    // Action: a full read, then a customers/update webhook body that carries no rollup.
    await org.client.upsert('contacts', { sv_shopifyid: full.shopifyId }, full.row);
    const afterFullRead = await readContact();
    const webhook = mapCustomerToContact(
      customerFromRest({
        admin_graphql_api_id: node.id,
        first_name: 'Ada',
        last_name: 'King',
        state: 'enabled',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-11-02T00:00:00Z',
        currency: 'USD',
      }),
      options,
    );
    await org.client.upsert('contacts', { sv_shopifyid: webhook.shopifyId }, webhook.row);
    const afterWebhook = await readContact();

    // Assertions
    expect(afterFullRead).toMatchObject({
      lastname: 'Lovelace',
      sv_orderscount: 12,
      sv_amountspent: 98765432109.87,
      sv_amountspentcurrency: 'EUR',
      sv_lastorderdate: '2026-10-30T14:05:00Z',
    });
    expect(afterWebhook).toMatchObject({
      lastname: 'King',
      sv_orderscount: 12,
      sv_amountspent: 98765432109.87,
      sv_amountspentcurrency: 'EUR',
      sv_lastorderdate: '2026-10-30T14:05:00Z',
    });
  });
});
