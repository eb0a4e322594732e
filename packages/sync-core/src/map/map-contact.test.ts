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
  it('writes normalised values, our key (the id never passes through a number) and the correlation id', () => {
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
