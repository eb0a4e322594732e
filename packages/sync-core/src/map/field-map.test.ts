import { describe, expect, it } from 'vitest';
import type { ShopifyAddress } from '../models/address';
import type { ShopifyCompany } from '../models/company';
import type { ShopifyCustomer } from '../models/customer';
import { storeSettings } from '../settings/store-settings';
import { CUSTOMER_SOURCES, fieldMapColumns, fieldMapProblems, ORDER_SOURCES, SYNC_WRITTEN_COLUMNS } from './field-map';
import { mapCompanyToAccounts } from './map-account';
import { mapCustomerToContact } from './map-contact';
import { mapOrderToSalesOrder } from './map-order';
import { line, options, order, shipping } from './order-fixtures';

const address = (overrides: Partial<ShopifyAddress> = {}): ShopifyAddress => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines Ltd',
  address1: '100 King St W',
  address2: null,
  city: 'Toronto',
  province: 'Ontario',
  provinceCode: 'ON',
  zip: 'M5X 1A9',
  country: 'Canada',
  countryCode: 'CA',
  phone: '(416) 555-0123',
  ...overrides,
});

const customer = (overrides: Partial<ShopifyCustomer> = {}): ShopifyCustomer => ({
  gid: 'gid://shopify/Customer/42',
  legacyId: '42',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+14165550123',
  state: 'ENABLED',
  tags: ['vip', 'wholesale'],
  note: 'Prefers email',
  taxExempt: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  numberOfOrders: '3',
  amountSpent: { amount: '120.50', currency: 'CAD' },
  lastOrderAt: '2026-10-30T14:05:00Z',
  defaultAddress: address(),
  addresses: [address(), address({ city: 'Ottawa' })],
  companyGids: [],
  ...overrides,
});

const company: ShopifyCompany = {
  gid: 'gid://shopify/Company/7',
  name: 'Example Company',
  externalId: 'EXT-42',
  note: 'Pays by wire',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  locations: [
    {
      gid: 'gid://shopify/CompanyLocation/8',
      name: 'HQ',
      externalId: 'HQ',
      billingAddress: address(),
      shippingAddress: address(),
    },
  ],
  contacts: [],
};

/** The CRM column a row's key names: a bind's navigation property without the target of a polymorphic lookup. */
function columnOf(key: string): string {
  if (!key.endsWith('@odata.bind')) return key;
  return key.slice(0, -'@odata.bind'.length).replace(/_(contact|account)$/, '');
}

function unlisted(entity: keyof typeof SYNC_WRITTEN_COLUMNS, row: Record<string, unknown>): string[] {
  return Object.keys(row)
    .map(columnOf)
    .filter((column) => !column.startsWith('sv_') && !SYNC_WRITTEN_COLUMNS[entity].includes(column));
}

describe('SYNC_WRITTEN_COLUMNS', () => {
  it('lists every column the mappers write, so the field map cannot write one of them twice', () => {
    // Setup
    const contact = mapCustomerToContact(customer(), { storeKey: 'us', correlationId: 'c', countryAs: 'name' });
    const byAddress = mapCompanyToAccounts(company, {
      storeKey: 'us',
      correlationId: 'c',
      countryAs: 'name',
      companyLocationAs: 'address',
    });
    const asChildren = mapCompanyToAccounts(company, {
      storeKey: 'us',
      correlationId: 'c',
      countryAs: 'name',
      companyLocationAs: 'childAccount',
    });
    const plan = mapOrderToSalesOrder(
      order({
        currentTotal: '12.00',
        billingAddress: address(),
        shippingAddress: address(),
        lineItems: [line({ unit: '10.00' })],
        shippingLines: [shipping('2.00')],
      }),
      options({ priceLists: { USD: 'c0ffee00-0000-4000-8000-0000000000aa' } }),
    );

    // Assertions
    expect(unlisted('contact', contact.row)).toEqual([]);
    expect(unlisted('account', byAddress.account.row)).toEqual([]);
    expect(asChildren.locations.flatMap((location) => unlisted('account', location.row))).toEqual([]);
    expect(unlisted('salesorder', plan.header.row)).toEqual([]);
  });
});

describe('fieldMapColumns', () => {
  it('writes each mapped source, cuts a string to the source length with a warning, and writes a missing value as null', () => {
    // Setup
    const warnings: string[] = [];
    const long = 'x'.repeat(5001);

    // Action
    const row = fieldMapColumns(
      CUSTOMER_SOURCES,
      customer({ note: long, tags: [] }),
      [
        { source: 'note', column: 'new_note' },
        { source: 'tags', column: 'new_tags' },
        { source: 'addressCount', column: 'new_addresses' },
        { source: 'createdAt', column: 'new_since' },
      ],
      warnings,
    );

    // Assertions
    expect(row).toEqual({
      new_note: 'x'.repeat(5000),
      new_tags: null,
      new_addresses: 2,
      new_since: '2026-01-01T00:00:00Z',
    });
    expect(warnings).toEqual([`new_note was cut to 5000 characters: "${long}"`]);
  });

  it('gives booleans and numbers of an order as they are', () => {
    // Setup
    const warnings: string[] = [];

    // Action
    const row = fieldMapColumns(
      ORDER_SOURCES,
      order({ currentTotal: '0.00', test: true, tags: ['a', 'b'] }),
      [
        { source: 'test', column: 'new_test' },
        { source: 'lineItemCount', column: 'new_lines' },
        { source: 'tags', column: 'new_tags' },
      ],
      warnings,
    );

    // Assertions
    expect(row).toEqual({ new_test: true, new_lines: 0, new_tags: 'a, b' });
    expect(warnings).toEqual([]);
  });
});

describe('the mappers with a field map', () => {
  it('adds the mapped columns to the contact and to the sales order header', () => {
    // Action
    const contact = mapCustomerToContact(customer(), {
      storeKey: 'us',
      correlationId: 'c',
      countryAs: 'name',
      fieldMap: [{ source: 'note', column: 'description' }],
    });
    const plan = mapOrderToSalesOrder(
      order({ currentTotal: '0.00', poNumber: 'PO-7' }),
      options({}, { fieldMap: [{ source: 'poNumber', column: 'ordernumber' }] }),
    );

    // Assertions
    expect(contact.row.description).toBe('Prefers email');
    expect(contact.row.firstname).toBe('Ada');
    expect(plan.header.row.ordernumber).toBe('PO-7');
    expect(plan.lines.every((written) => !('ordernumber' in written.row))).toBe(true);
  });
});

describe('fieldMapProblems', () => {
  it('refuses unknown sources, columns the sync writes, our own columns, bad names and a column mapped twice', () => {
    // Action
    const problems = fieldMapProblems(
      {
        contact: [
          { source: 'note', column: 'emailaddress1' },
          { source: 'shoeSize', column: 'new_shoes' },
          { source: 'note', column: 'abc_lastcorrelationid' },
        ],
        account: [{ source: 'note', column: 'New Note' }],
        salesorder: [
          { source: 'tags', column: 'new_tags' },
          { source: 'poNumber', column: 'new_tags' },
        ],
      },
      'abc',
    );

    // Assertions
    expect(problems).toEqual([
      {
        path: 'fieldMap.contact.0.column',
        message: 'the sync already writes contact.emailaddress1; map onto another column',
      },
      {
        path: 'fieldMap.contact.1.source',
        message: '"shoeSize" is not a contact source; one of note, tags, state, createdAt, addressCount',
      },
      {
        path: 'fieldMap.contact.2.column',
        message:
          "abc_lastcorrelationid is one of Shopverse's own abc_ columns (keys and bookkeeping); map onto another column",
      },
      {
        path: 'fieldMap.account.0.column',
        message: '"New Note" is not a column\'s logical name (lower case letters, digits and _, e.g. new_note)',
      },
      { path: 'fieldMap.salesorder.1.column', message: 'salesorder.new_tags is mapped twice' },
    ]);
  });

  it('is part of the settings schema: every other setting keeps its default, problems are named by path', () => {
    // Action
    const empty = storeSettings.parse({});
    const refused = storeSettings.safeParse({ fieldMap: { salesorder: [{ source: 'note', column: 'sv_shopifyid' }] } });

    // Assertions
    expect(empty.fieldMap).toEqual({ contact: [], account: [], salesorder: [] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['fieldMap.salesorder.0.source', expect.stringContaining('"note" is not a salesorder source')],
      ['fieldMap.salesorder.0.column', expect.stringContaining("sv_shopifyid is one of Shopverse's own sv_ columns")],
    ]);
  });
});
