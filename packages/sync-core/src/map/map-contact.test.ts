import { describe, expect, it } from 'vitest';
import type { ShopifyCustomer } from '../models/customer';
import { mapCustomerToContact } from './map-contact';

const customer = (overrides: Partial<ShopifyCustomer> = {}): ShopifyCustomer => ({
  gid: 'gid://shopify/Customer/7390123456789012345',
  legacyId: '7390123456789012345',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: '  Ada@Example.COM ',
  phone: null,
  state: 'ENABLED',
  tags: [],
  note: null,
  taxExempt: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  numberOfOrders: '3',
  amountSpent: { amount: '120.5', currency: 'CAD' },
  lastOrderAt: '2026-10-30T14:05:00Z',
  defaultAddress: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    company: null,
    address1: '100 King St W',
    address2: 'Suite 4',
    city: 'Toronto',
    province: 'Ontario',
    provinceCode: 'ON',
    zip: ' M5X 1A9 ',
    country: 'Canada',
    countryCode: 'CA',
    phone: '(416) 555-0123',
  },
  addresses: [],
  companyGids: [],
  ...overrides,
});

const options = { storeKey: 'ca', correlationId: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d', countryAs: 'name' as const };

describe('mapCustomerToContact', () => {
  it('writes normalised values, the rollups, our key (the id never passes through a number) and the correlation id', () => {
    const mapping = mapCustomerToContact(customer(), options);
    expect(mapping.shopifyId).toBe('ca_7390123456789012345');
    expect(mapping.row).toEqual({
      firstname: 'Ada',
      lastname: 'Lovelace',
      emailaddress1: 'ada@example.com',
      telephone1: '+14165550123',
      address1_line1: '100 King St W',
      address1_line2: 'Suite 4',
      address1_line3: null,
      address1_city: 'Toronto',
      address1_stateorprovince: 'Ontario',
      address1_postalcode: 'M5X 1A9',
      address1_country: 'Canada',
      sv_orderscount: 3,
      sv_amountspent: 120.5,
      sv_amountspentcurrency: 'CAD',
      sv_lastorderdate: '2026-10-30T14:05:00Z',
      sv_shopifyid: 'ca_7390123456789012345',
      sv_lastcorrelationid: options.correlationId,
    });
    expect(mapping.warnings).toEqual([]);
  });

  it('writes ISO codes when the store asks for them', () => {
    const { row } = mapCustomerToContact(customer(), { ...options, countryAs: 'code' });
    expect([row.address1_country, row.address1_stateorprovince]).toEqual(['CA', 'ON']);
  });

  it('cuts what does not fit and says so, keeping invalid values as given', () => {
    const mapping = mapCustomerToContact(
      customer({
        firstName: 'Maximilian-Alexander Friedrich Wilhelm von Hohenzollern-Sigmaringen',
        email: 'not-an-email',
        phone: '12',
      }),
      options,
    );
    expect(mapping.row.firstname).toHaveLength(50);
    expect(mapping.row.emailaddress1).toBe('not-an-email');
    expect(mapping.row.telephone1).toBe('12');
    expect(mapping.keys).toMatchObject({ email: null, phone: null });
    expect(mapping.warnings).toEqual([
      'email "not-an-email" is not an address; written as given',
      'phone "12" is not a valid number; written as given',
      'firstname was cut to 50 characters: "Maximilian-Alexander Friedrich Wilhelm von Hohenzollern-Sigmaringen"',
    ]);
  });

  it('handles a country without regions', () => {
    const address = {
      ...customer().defaultAddress!,
      city: 'Singapore',
      province: null,
      provinceCode: null,
      country: 'Singapore',
      countryCode: 'SG',
      zip: '018956',
      phone: '6123 4567',
    };
    const mapping = mapCustomerToContact(customer({ defaultAddress: address }), options);
    expect(mapping.row).toMatchObject({
      address1_country: 'Singapore',
      address1_stateorprovince: null,
      telephone1: '+6561234567',
    });
    expect(mapping.warnings).toEqual([]);
  });
});

describe('mapCustomerToContact: rollups (issue 6)', () => {
  const rollupColumns = ['sv_orderscount', 'sv_amountspent', 'sv_amountspentcurrency', 'sv_lastorderdate'];

  it('sends the count and the amount as JSON numbers with exactly the digits Shopify wrote', () => {
    // Setup
    const rich = customer({ numberOfOrders: '1048', amountSpent: { amount: '98765432109.87', currency: 'USD' } });

    // Action
    const { row } = mapCustomerToContact(rich, { ...options, prefix: 'crm' });
    const body = JSON.stringify(row);

    // Assertions
    expect(row).toMatchObject({
      crm_orderscount: 1048,
      crm_amountspent: 98765432109.87,
      crm_amountspentcurrency: 'USD',
      crm_lastorderdate: '2026-10-30T14:05:00Z',
    });
    expect(body).toContain('"crm_orderscount":1048');
    expect(body).toContain('"crm_amountspent":98765432109.87');
  });

  it('leaves out every rollup a webhook body does not carry, rather than writing null over a full read', () => {
    // Setup: what customerFromRest makes of a customers/update body.
    const fromWebhook = customer({ numberOfOrders: null, amountSpent: null, lastOrderAt: null });

    // Action
    const { row, warnings } = mapCustomerToContact(fromWebhook, options);

    // Assertions
    for (const column of rollupColumns) expect(row).not.toHaveProperty(column);
    expect(warnings).toEqual([]);
  });

  it('writes the rollups a source does carry and leaves out the others', () => {
    // Setup: an older webhook body with orders_count but no usable total or date.
    const partial = customer({ numberOfOrders: '0', amountSpent: null, lastOrderAt: undefined });

    // Action
    const { row } = mapCustomerToContact(partial, options);

    // Assertions
    expect(row.sv_orderscount).toBe(0);
    expect(Object.keys(row).filter((column) => rollupColumns.includes(column))).toEqual(['sv_orderscount']);
  });

  it('writes no rollup when the option is off', () => {
    // Action
    const { row } = mapCustomerToContact(customer(), { ...options, rollups: false });

    // Assertions
    for (const column of rollupColumns) expect(row).not.toHaveProperty(column);
    expect(row.sv_shopifyid).toBe('ca_7390123456789012345');
  });

  it('leaves out a count the Whole Number column cannot hold, and says so', () => {
    // Setup: UnsignedInt64 allows far more than 2,147,483,647.
    const many = customer({ numberOfOrders: '18446744073709551615' });

    // Action
    const mapping = mapCustomerToContact(many, options);
    const atLimit = mapCustomerToContact(customer({ numberOfOrders: '2147483647' }), options);

    // Assertions
    expect(mapping.row).not.toHaveProperty('sv_orderscount');
    expect(mapping.row.sv_amountspent).toBe(120.5);
    expect(mapping.warnings).toEqual([
      'orders count "18446744073709551615" does not fit a Whole Number column; sv_orderscount not written',
    ]);
    expect(atLimit.row.sv_orderscount).toBe(2147483647);
    expect(mapCustomerToContact(customer({ numberOfOrders: '2147483648' }), options).warnings).toHaveLength(1);
  });

  it('warns that the CRM rounds an amount with more decimals than its column keeps', () => {
    // Setup: Kuwaiti dinars have three decimals.
    const kwd = customer({ amountSpent: { amount: '12.345', currency: 'KWD' } });

    // Action
    const mapping = mapCustomerToContact(kwd, options);
    const trailingZeros = mapCustomerToContact(
      customer({ amountSpent: { amount: '12.3400', currency: 'USD' } }),
      options,
    );

    // Assertions
    expect(mapping.row.sv_amountspent).toBe(12.345);
    expect(mapping.warnings).toEqual([
      'amount spent 12.345 KWD has more decimals than sv_amountspent keeps (2); the CRM rounds it',
    ]);
    expect(trailingZeros.row.sv_amountspent).toBe(12.34);
    expect(trailingZeros.warnings).toEqual([]);
  });

  it('refuses an amount a JSON number would round, instead of writing a rounded amount', () => {
    // Setup
    const precise = customer({ amountSpent: { amount: '1234567890123456.78', currency: 'USD' } });

    // Action and assertions
    expect(() => mapCustomerToContact(precise, options)).toThrow(/sv_amountspent: "1234567890123456\.78"/);
  });
});
