import { describe, expect, it } from 'vitest';
import type { ShopifyAddress } from '../models/address';
import type { ShopifyCompany, ShopifyCompanyLocation } from '../models/company';
import type { ShopifyCustomer } from '../models/customer';
import {
  AccountMappingError,
  addressCompanyHash,
  type AccountMappingOptions,
  mapAddressCompanyToAccount,
  mapCompanyToAccounts,
  parentAccountBind,
} from './map-account';

const address = (overrides: Partial<ShopifyAddress> = {}): ShopifyAddress => ({
  firstName: null,
  lastName: null,
  company: null,
  address1: '175 Sherbrooke Street West',
  address2: null,
  city: 'Montreal',
  province: 'Quebec',
  provinceCode: 'QC',
  zip: 'H3A 0G4',
  country: 'Canada',
  countryCode: 'CA',
  phone: null,
  ...overrides,
});

const location = (
  id: string,
  name: string,
  overrides: Partial<ShopifyCompanyLocation> = {},
): ShopifyCompanyLocation => ({
  gid: `gid://shopify/CompanyLocation/${id}`,
  name,
  externalId: null,
  billingAddress: address(),
  shippingAddress: address({ address1: '1 Dock Road', city: 'Laval', zip: 'H7T 0A1' }),
  ...overrides,
});

const company = (overrides: Partial<ShopifyCompany> = {}): ShopifyCompany => ({
  // Above 2^53: the id must never pass through a number.
  gid: 'gid://shopify/Company/408372092144951419',
  name: 'Example Company',
  externalId: 'EXT-42',
  note: 'Pays by wire',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  locations: [
    location('9007199254740993', 'Montreal', { externalId: 'MTL' }),
    location('11', 'Toronto', {
      billingAddress: address({ city: 'Toronto', province: 'Ontario', provinceCode: 'ON' }),
    }),
    location('12', 'Vancouver', { shippingAddress: null }),
  ],
  contacts: [],
  ...overrides,
});

const customer = (defaultCompany: string | null, overrides: Partial<ShopifyCustomer> = {}): ShopifyCustomer => ({
  gid: 'gid://shopify/Customer/7390123456789012345',
  legacyId: '7390123456789012345',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: null,
  state: 'ENABLED',
  tags: [],
  note: null,
  taxExempt: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  numberOfOrders: null,
  amountSpent: null,
  lastOrderAt: null,
  defaultAddress: address({ company: defaultCompany }),
  addresses: [],
  companyGids: [],
  ...overrides,
});

const options = (overrides: Partial<AccountMappingOptions> = {}): AccountMappingOptions => ({
  storeKey: 'ca',
  correlationId: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d',
  countryAs: 'name',
  companyLocationAs: 'address',
  ...overrides,
});

const billingColumns = {
  address1_line1: '175 Sherbrooke Street West',
  address1_line2: null,
  address1_line3: null,
  address1_city: 'Montreal',
  address1_stateorprovince: 'Quebec',
  address1_postalcode: 'H3A 0G4',
  address1_country: 'Canada',
};

const shippingColumns = {
  address2_line1: '1 Dock Road',
  address2_line2: null,
  address2_line3: null,
  address2_city: 'Laval',
  address2_stateorprovince: 'Quebec',
  address2_postalcode: 'H7T 0A1',
  address2_country: 'Canada',
};

const emptyShipping = Object.fromEntries(Object.keys(shippingColumns).map((column) => [column, null]));

describe('mapCompanyToAccounts', () => {
  it("'address' mode: one account with the main location's billing and shipping addresses", () => {
    // Setup
    const input = company();

    // Action
    const { account, locations } = mapCompanyToAccounts(input, options());

    // Assertions
    expect(account).toEqual({
      shopifyId: 'ca_408372092144951419',
      shopifyGid: 'gid://shopify/Company/408372092144951419',
      shopifyType: 'company',
      row: {
        name: 'Example Company',
        accountnumber: 'EXT-42',
        description: 'Pays by wire',
        ...billingColumns,
        ...shippingColumns,
        sv_shopifyid: 'ca_408372092144951419',
        sv_lastcorrelationid: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d',
      },
      warnings: [
        'the account has the addresses of the main location "Montreal" (gid://shopify/CompanyLocation/9007199254740993) only; ' +
          'not written: "Toronto" (gid://shopify/CompanyLocation/11), "Vancouver" (gid://shopify/CompanyLocation/12); ' +
          'the setting companyLocationAs: childAccount keeps every location, each as an account of its own',
      ],
    });
    expect(locations).toEqual([]);
  });

  it("'childAccount' mode: an account without addresses and one child account per location under it", () => {
    // Setup
    const input = company();

    // Action
    const { account, locations } = mapCompanyToAccounts(
      input,
      options({ companyLocationAs: 'childAccount', prefix: 'xy' }),
    );

    // Assertions
    expect(account.row).toEqual({
      name: 'Example Company',
      accountnumber: 'EXT-42',
      description: 'Pays by wire',
      xy_shopifyid: 'ca_408372092144951419',
      xy_lastcorrelationid: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d',
    });
    expect(account.warnings).toEqual([]);
    expect(locations).toHaveLength(3);
    expect(locations[0]).toEqual({
      shopifyId: 'ca_location_9007199254740993',
      shopifyGid: 'gid://shopify/CompanyLocation/9007199254740993',
      shopifyType: 'company_location',
      row: {
        name: 'Example Company - Montreal',
        accountnumber: 'MTL',
        ...billingColumns,
        ...shippingColumns,
        'parentaccountid@odata.bind': "/accounts(xy_shopifyid='ca_408372092144951419')",
        xy_shopifyid: 'ca_location_9007199254740993',
        xy_lastcorrelationid: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d',
      },
      warnings: [],
    });
    expect(locations.map((row) => [row.shopifyId, row.row.name, row.row.address1_city, row.row.accountnumber])).toEqual(
      [
        ['ca_location_9007199254740993', 'Example Company - Montreal', 'Montreal', 'MTL'],
        ['ca_location_11', 'Example Company - Toronto', 'Toronto', null],
        ['ca_location_12', 'Example Company - Vancouver', 'Montreal', null],
      ],
    );
    // A location without a shipping address clears the slot rather than keeping a stale one.
    expect(locations[2]?.row).toMatchObject(emptyShipping);
  });

  it.each([
    ['address', 'name', 'Example Company'.padEnd(200, 'x'), 160],
    ['childAccount', 'name', 'Example Company'.padEnd(200, 'x'), 160],
    ['address', 'accountnumber', 'A'.repeat(30), 20],
    ['address', 'description', 'n'.repeat(2500), 2000],
  ] as const)('%s mode: a long %s is cut to %i characters with a warning', (mode, column, value, max) => {
    // Setup
    const field = { name: 'name', accountnumber: 'externalId', description: 'note' }[column];
    const input = company({ [field]: value, locations: [location('10', 'Montreal')] });

    // Action
    const { account } = mapCompanyToAccounts(input, options({ companyLocationAs: mode }));

    // Assertions
    expect(account.row[column]).toBe(value.slice(0, max));
    expect(account.warnings).toEqual([`${column} was cut to ${max} characters: "${value}"`]);
  });

  it('cuts a child account name made long by the company and location names', () => {
    const input = company({ name: 'C'.repeat(100), locations: [location('10', 'L'.repeat(100))] });
    const [child] = mapCompanyToAccounts(input, options({ companyLocationAs: 'childAccount' })).locations;
    expect(child?.row.name).toHaveLength(160);
    expect(child?.warnings).toEqual([`name was cut to 160 characters: "${'C'.repeat(100)} - ${'L'.repeat(100)}"`]);
  });

  it('names the address a warning is about', () => {
    const input = company({
      locations: [location('10', 'Montreal', { billingAddress: address({ countryCode: 'ZZ', country: 'Atlantis' }) })],
    });
    const { account } = mapCompanyToAccounts(input, options());
    expect(account.row.address1_country).toBe('Atlantis');
    expect(account.warnings).toEqual([
      'billing address of location "Montreal" (gid://shopify/CompanyLocation/10): country "ZZ" is not an ISO 3166 country; written as given',
    ]);
  });

  it("'address' mode without locations (a companies/* body) leaves the addresses out and says so", () => {
    const { account } = mapCompanyToAccounts(company({ locations: [] }), options());
    expect(Object.keys(account.row).filter((column) => column.startsWith('address'))).toEqual([]);
    expect(account.warnings).toEqual([
      "company gid://shopify/Company/408372092144951419 came without locations; the account's addresses were left as they are",
    ]);
  });

  it('doubles a single quote of a key value in the parent bind', () => {
    const [child] = mapCompanyToAccounts(
      company(),
      options({ storeKey: "o'neil", companyLocationAs: 'childAccount' }),
    ).locations;
    expect(child?.row['parentaccountid@odata.bind']).toBe("/accounts(sv_shopifyid='o''neil_408372092144951419')");
  });

  it.each([
    [
      'a gid without a numeric id',
      company({ gid: 'gid://shopify/Company/abc' }),
      /"gid:\/\/shopify\/Company\/abc" does not end/,
    ],
    [
      'a location gid without one',
      company({ locations: [location('x', 'Montreal', { gid: 'https://www.example.com/' })] }),
      /"https:\/\/www.example.com\/" does not end/,
    ],
    ['a blank name', company({ name: '  ' }), /company gid:\/\/shopify\/Company\/408372092144951419 has no name/],
  ])('refuses %s, naming it', (_case, input, message) => {
    expect(() => mapCompanyToAccounts(input, options({ companyLocationAs: 'childAccount' }))).toThrow(message);
    expect(() => mapCompanyToAccounts(input, options({ companyLocationAs: 'childAccount' }))).toThrow(
      AccountMappingError,
    );
  });

  it('refuses a store key Dataverse cannot put in a key URL', () => {
    expect(() => mapCompanyToAccounts(company(), options({ storeKey: 'us/eu' }))).toThrow(
      /account key "us\/eu_408372092144951419" contains "\/"/,
    );
  });

  it.each(['address', 'childAccount'] as const)('%s mode: the same input gives the same rows', (mode) => {
    const first = mapCompanyToAccounts(company(), options({ companyLocationAs: mode }));
    const second = mapCompanyToAccounts(structuredClone(company()), options({ companyLocationAs: mode }));
    expect(second).toEqual(first);
  });
});

describe('mapAddressCompanyToAccount', () => {
  it('writes the account named after the default address company, with that address', () => {
    const account = mapAddressCompanyToAccount(customer('  ACME Ltd '), options({ countryAs: 'code' }));
    const hash = addressCompanyHash('ACME Ltd');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(account).toEqual({
      shopifyId: `ca_company_${hash}`,
      shopifyGid: `gid://shopify/AddressCompany/${hash}`,
      shopifyType: 'address_company',
      row: {
        name: 'ACME Ltd',
        ...billingColumns,
        address1_stateorprovince: 'QC',
        address1_country: 'CA',
        sv_shopifyid: `ca_company_${hash}`,
        sv_lastcorrelationid: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d',
      },
      warnings: [],
    });
  });

  it.each([
    ['ACME Ltd', ' acme  ltd'],
    ['ACME Ltd', 'acme\tLTD\n'],
    // NFKC: full-width letters and a no-break space are the plain ones.
    ['ACME Ltd', 'ＡＣＭＥ\u00a0Ltd'],
  ])('gives "%s" and "%s" the same key', (one, other) => {
    const first = mapAddressCompanyToAccount(customer(one), options());
    const second = mapAddressCompanyToAccount(customer(other), options());
    expect(first?.shopifyId).toBeDefined();
    expect(second?.shopifyId).toBe(first?.shopifyId);
    expect(second?.shopifyGid).toBe(first?.shopifyGid);
  });

  it('gives different names different keys, and the same name in another store another key', () => {
    const acme = mapAddressCompanyToAccount(customer('ACME Ltd'), options());
    expect(mapAddressCompanyToAccount(customer('ACME Inc'), options())?.shopifyId).not.toBe(acme?.shopifyId);
    expect(mapAddressCompanyToAccount(customer('ACME Ltd'), options({ storeKey: 'us' }))?.shopifyId).toBe(
      acme?.shopifyId.replace(/^ca_/, 'us_'),
    );
  });

  it.each([
    ['no company', customer(null)],
    ['a blank company', customer('   ')],
    ['no default address', customer(null, { defaultAddress: null })],
  ])('is null for %s', (_case, input) => {
    expect(mapAddressCompanyToAccount(input, options())).toBeNull();
  });

  it('cuts a long name with a warning but keys on the whole name', () => {
    const long = 'Company '.repeat(30).trim();
    const account = mapAddressCompanyToAccount(customer(long), options());
    expect(account?.row.name).toBe(long.slice(0, 160).trimEnd());
    expect(account?.warnings).toEqual([`name was cut to 160 characters: "${long}"`]);
    expect(account?.shopifyId).toBe(`ca_company_${addressCompanyHash(long)}`);
  });

  it('gives the same result for the same input', () => {
    expect(mapAddressCompanyToAccount(customer('ACME Ltd'), options())).toEqual(
      mapAddressCompanyToAccount(structuredClone(customer('ACME Ltd')), options()),
    );
  });
});

describe('parentAccountBind', () => {
  it.each([
    ['us_123', undefined, "/accounts(sv_shopifyid='us_123')"],
    ['us_123', 'xy', "/accounts(xy_shopifyid='us_123')"],
    ["o'neil_7", undefined, "/accounts(sv_shopifyid='o''neil_7')"],
  ])('binds %s (prefix %s)', (key, prefix, path) => {
    expect(parentAccountBind(key, prefix)).toEqual({ 'parentcustomerid_account@odata.bind': path });
  });

  it('refuses a key Dataverse cannot address', () => {
    expect(() => parentAccountBind('us_1?x')).toThrow(AccountMappingError);
  });
});
