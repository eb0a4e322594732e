import { describe, expect, it } from 'vitest';
import { guestCustomer } from '../adapters/guest-checkout';
import { mapCustomerToContact } from '../map/map-contact';
import type { ShopifyAddress } from '../models/address';
import type { ShopifyCustomer } from '../models/customer';
import { countryCode } from '../normalize/country';
import { normalizeEmail } from '../normalize/email';
import { normalizePhone } from '../normalize/phone';
import { customerSettings } from '../settings/store-settings';
import {
  type ContactCandidate,
  type CustomerKeys,
  matchCustomer,
  type MatchKey,
  type MatchOutcome,
} from './match-customer';

/** The matching keys of a store that kept the defaults. */
const DEFAULT_KEYS: MatchKey[] = customerSettings.parse({}).matchingKeys;

const address = (overrides: Partial<ShopifyAddress> = {}): ShopifyAddress => ({
  firstName: null,
  lastName: null,
  company: null,
  address1: '1 Market St',
  address2: null,
  city: 'San Francisco',
  province: 'California',
  provinceCode: 'CA',
  zip: '94105',
  country: 'United States',
  countryCode: 'US',
  phone: null,
  ...overrides,
});

const customer = (overrides: Partial<ShopifyCustomer> = {}): ShopifyCustomer => ({
  gid: 'gid://shopify/Customer/1001',
  legacyId: '1001',
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
  defaultAddress: address(),
  addresses: [],
  companyGids: [],
  ...overrides,
});

const GERMAN_OFFICE = address({
  company: 'Acme GmbH',
  address1: 'Friedrichstraße 10',
  city: 'Berlin',
  province: 'Berlin',
  provinceCode: 'BE',
  zip: '10117',
  country: 'Germany',
  countryCode: 'DE',
});

/** The matcher's view of a customer, built as the worker builds it: from the contact mapping's normalised keys. */
function keysOf(source: ShopifyCustomer, storeKey: string): CustomerKeys {
  const mapping = mapCustomerToContact(source, { storeKey, correlationId: 'corr-1', countryAs: 'name' });
  return {
    shopifyId: mapping.shopifyId,
    email: mapping.keys.email,
    phone: mapping.keys.phone,
    firstName: source.firstName,
    lastName: source.lastName,
    postalCode: mapping.keys.postalCode,
  };
}

/** A CRM contact's columns as Dataverse returns them: typed by people, cased and padded as they were typed. */
interface CrmContact {
  sv_shopifyid?: string;
  emailaddress1?: string;
  telephone1?: string;
  mobilephone?: string;
  firstname?: string;
  lastname?: string;
  address1_postalcode?: string;
  address1_country?: string;
}

/**
 * A contact as the worker hands it to the matcher: email normalised, phones in E.164 by the contact's own country,
 * else the customer's (apps/worker contact-candidates), unreadable phones dropped.
 */
function candidate(id: string, row: CrmContact, customerCountry: string | null): ContactCandidate {
  const country = countryCode({ code: row.address1_country, name: row.address1_country });
  return {
    id,
    shopifyId: row.sv_shopifyid ?? null,
    email: normalizeEmail(row.emailaddress1).value,
    phones: [row.telephone1, row.mobilephone]
      .map((typed) => normalizePhone(typed, country ?? customerCountry))
      .flatMap((phone) => (phone.e164 && phone.value ? [phone.value] : [])),
    firstName: row.firstname ?? null,
    lastName: row.lastname ?? null,
    postalCode: row.address1_postalcode ?? null,
  };
}

interface Case {
  case: string;
  customer: ShopifyCustomer;
  store: string;
  contacts: Record<string, CrmContact>;
  linkedId?: string;
  keys?: MatchKey[];
  expected: MatchOutcome;
}

function run({ customer: source, store, contacts, linkedId, keys }: Omit<Case, 'case' | 'expected'>): MatchOutcome {
  const home = source.defaultAddress
    ? countryCode({ code: source.defaultAddress.countryCode, name: source.defaultAddress.country })
    : null;
  return matchCustomer({
    customer: keysOf(source, store),
    linkedId: linkedId ?? null,
    candidates: Object.entries(contacts).map(([id, row]) => candidate(id, row, home)),
    keys: keys ?? DEFAULT_KEYS,
  });
}

/** A guest checkout's buyer: an order with an email and nothing else. */
const guest = (email: string) => {
  const buyer = guestCustomer({
    email,
    phone: null,
    billingAddress: null,
    shippingAddress: null,
    createdAt: '2026-11-02T00:00:00Z',
    updatedAt: '2026-11-02T00:00:00Z',
  });
  if (!buyer) throw new Error(`no guest buyer for ${email}`);
  return buyer;
};
const GUEST_KEY = keysOf(guest('ada@example.com'), 'us').shopifyId;

describe('matchCustomer: the hard cases of issue 6', () => {
  it.each<Case>([
    {
      case: 'a mixed-case, padded email on both sides is one address',
      customer: customer({ email: '  Ada.Lovelace@Example.COM ' }),
      store: 'us',
      contacts: { c1: { emailaddress1: ' ada.lovelace@EXAMPLE.com' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'an email shared by two contacts is a question for a person, with what each matched on',
      customer: customer({ phone: '(415) 555-0132' }),
      store: 'us',
      contacts: {
        c1: { emailaddress1: 'ada@example.com' },
        c2: { emailaddress1: 'ADA@example.com', mobilephone: '415.555.0132' },
      },
      expected: {
        kind: 'ambiguous',
        key: 'email',
        candidates: [
          { id: 'c1', matchedOn: ['email'] },
          { id: 'c2', matchedOn: ['email', 'phone'] },
        ],
      },
    },
    {
      case: 'of two contacts sharing the email, the one mirroring another customer of this store is not a candidate',
      customer: customer(),
      store: 'us',
      contacts: {
        c1: { emailaddress1: 'ada@example.com', sv_shopifyid: 'us_7' },
        c2: { emailaddress1: 'ada@example.com' },
      },
      expected: { kind: 'update', id: 'c2', matchedOn: 'email' },
    },
    {
      case: 'a phone-only customer matches by phone, however the CRM wrote the number',
      customer: customer({ email: null, phone: '(415) 555-0132' }),
      store: 'us',
      contacts: { c1: { telephone1: '+1 415-555-0132', address1_country: 'United States' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'phone' },
    },
    {
      case: 'a phone-only customer whose household shares the phone is a question',
      customer: customer({ email: null, phone: '(415) 555-0132' }),
      store: 'us',
      contacts: { c1: { telephone1: '415.555.0132' }, c2: { mobilephone: '(415) 555 0132' } },
      expected: {
        kind: 'ambiguous',
        key: 'phone',
        candidates: [
          { id: 'c1', matchedOn: ['phone'] },
          { id: 'c2', matchedOn: ['phone'] },
        ],
      },
    },
    {
      case: 'a number no dialling plan of the address reads is never a key (001 is not how the US dials out)',
      customer: customer({ email: null, phone: '001 415 555 0132' }),
      store: 'us',
      contacts: { c1: { telephone1: '+14155550132' } },
      expected: { kind: 'create' },
    },
    {
      case: 'the same digits in a contact from another country are another number',
      customer: customer({ email: null, phone: '030 901820', defaultAddress: GERMAN_OFFICE }),
      store: 'de',
      contacts: { c1: { telephone1: '030 901820', address1_country: 'United Kingdom' } },
      expected: { kind: 'create' },
    },
    {
      case: 'a guest checkout whose email a contact has, in another case, updates that contact',
      customer: guest(' Ada@Example.com'),
      store: 'us',
      contacts: { c1: { emailaddress1: 'ADA@EXAMPLE.COM' }, c2: { emailaddress1: 'bo@example.com' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'a guest checkout whose email is on the contact of this store’s registered customer updates it',
      customer: guest('ada@example.com'),
      store: 'us',
      contacts: { c1: { emailaddress1: 'ada@example.com', sv_shopifyid: 'us_1001' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'a customer who signed up after buying as a guest finds the contact the guest checkout made',
      customer: customer(),
      store: 'us',
      contacts: { c1: { emailaddress1: 'ada@example.com', sv_shopifyid: GUEST_KEY } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'a guest checkout with an email no contact has is created',
      customer: guest('new@example.com'),
      store: 'us',
      contacts: { c1: { emailaddress1: 'ada@example.com' } },
      expected: { kind: 'create' },
    },
    {
      case: 'a B2B company contact finds its contact by work email',
      customer: customer({
        email: 'Einkauf@Acme.example',
        phone: '030 901820',
        defaultAddress: GERMAN_OFFICE,
        companyGids: ['gid://shopify/Company/31'],
      }),
      store: 'de',
      contacts: { c1: { emailaddress1: 'einkauf@acme.example', address1_country: 'Deutschland' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'a B2B contact with a new email and the company switchboard shared by two contacts is a question',
      customer: customer({
        email: 'neu@acme.example',
        phone: '030 901820',
        defaultAddress: GERMAN_OFFICE,
        companyGids: ['gid://shopify/Company/31'],
      }),
      store: 'de',
      contacts: {
        c1: { emailaddress1: 'einkauf@acme.example', telephone1: '+49 30 901820', address1_country: 'Deutschland' },
        c2: { emailaddress1: 'chef@acme.example', telephone1: '030/901820', address1_country: 'Germany' },
      },
      expected: {
        kind: 'ambiguous',
        key: 'phone',
        candidates: [
          { id: 'c1', matchedOn: ['phone'] },
          { id: 'c2', matchedOn: ['phone'] },
        ],
      },
    },
    {
      case: 'a B2B contact whose switchboard is on a colleague’s contact from the same store gets its own',
      customer: customer({
        email: 'neu@acme.example',
        phone: '030 901820',
        defaultAddress: GERMAN_OFFICE,
        companyGids: ['gid://shopify/Company/31'],
      }),
      store: 'de',
      contacts: { c1: { telephone1: '+49 30 901820', sv_shopifyid: 'de_55' } },
      expected: { kind: 'create' },
    },
    {
      case: 'a customer in a second store finds, by email, the contact the first store made (same numeric id)',
      customer: customer({ gid: 'gid://shopify/Customer/1', legacyId: '1' }),
      store: 'eu',
      contacts: { 'c-us': { emailaddress1: 'Ada@example.com', sv_shopifyid: 'us_1' } },
      expected: { kind: 'update', id: 'c-us', matchedOn: 'email' },
    },
    {
      case: 'a customer in a second store finds, by phone, the contact the first store made',
      customer: customer({ email: null, phone: '+1 415 555 0132' }),
      store: 'eu',
      contacts: { 'c-us': { mobilephone: '(415) 555-0132', sv_shopifyid: 'us_1001' } },
      expected: { kind: 'update', id: 'c-us', matchedOn: 'phone' },
    },
    {
      case: 'the same numeric id in another store is not our key: another person is created',
      customer: customer({ gid: 'gid://shopify/Customer/1', legacyId: '1' }),
      store: 'eu',
      contacts: { 'c-us': { emailaddress1: 'bo@example.com', sv_shopifyid: 'us_1' } },
      expected: { kind: 'create' },
    },
    {
      case: 'another customer of the same store on the same phone (a household) is not this customer',
      customer: customer({ email: null, legacyId: '2', phone: '(415) 555-0132' }),
      store: 'us',
      contacts: { c1: { telephone1: '+14155550132', sv_shopifyid: 'us_1' } },
      expected: { kind: 'create' },
    },
    {
      case: 'a store whose key starts like another’s is another store (us2 is not us)',
      customer: customer({ legacyId: '1' }),
      store: 'us2',
      contacts: { c1: { emailaddress1: 'ada@example.com', sv_shopifyid: 'us_1' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'a key in no shape of ours names someone we cannot tell: not a candidate',
      customer: customer(),
      store: 'us',
      contacts: { c1: { emailaddress1: 'ada@example.com', sv_shopifyid: 'LEGACY-42' } },
      expected: { kind: 'create' },
    },
    {
      case: 'our own key wins over another store’s contact with the same email',
      customer: customer({ legacyId: '1' }),
      store: 'eu',
      contacts: {
        'c-us': { emailaddress1: 'ada@example.com', sv_shopifyid: 'us_1' },
        'c-eu': { sv_shopifyid: 'eu_1' },
      },
      expected: { kind: 'update', id: 'c-eu', matchedOn: 'alternateKey' },
    },
    {
      case: 'a contact whose email was edited in the CRM after the last sync is still found by our key',
      customer: customer(),
      store: 'us',
      contacts: {
        c1: { emailaddress1: 'ada.lovelace@work.example', sv_shopifyid: 'us_1001' },
        c2: { emailaddress1: 'ada@example.com' },
      },
      expected: { kind: 'update', id: 'c1', matchedOn: 'alternateKey' },
    },
    {
      case: 'the linked row wins over an email match elsewhere',
      customer: customer(),
      store: 'us',
      linkedId: 'c-linked',
      contacts: { c1: { emailaddress1: 'ada@example.com' } },
      expected: { kind: 'update', id: 'c-linked', matchedOn: 'linkedId' },
    },
    {
      case: 'name and postal code, where the store asks for them, spaces and case aside',
      customer: customer({
        email: null,
        defaultAddress: address({ zip: 'SW1A 1AA', countryCode: 'GB', country: null }),
      }),
      store: 'uk',
      keys: ['email', 'phone', 'namePostal'],
      contacts: { c1: { firstname: 'ADA', lastname: 'lovelace', address1_postalcode: 'sw1a1aa' } },
      expected: { kind: 'update', id: 'c1', matchedOn: 'namePostal' },
    },
  ])('$case', ({ expected, ...input }) => {
    expect(run(input)).toEqual(expected);
  });

  it('builds a guest checkout’s keys from the email alone', () => {
    // Setup
    const buyer = guest(' Ada@Example.com');

    // Action
    const keys = keysOf(buyer, 'us');

    // Assertions
    expect(keys).toEqual({
      shopifyId: expect.stringMatching(/^us_guest_[0-9a-f]{20}$/) as string,
      email: 'ada@example.com',
      phone: null,
      firstName: null,
      lastName: null,
      postalCode: null,
    });
  });
});

describe('matchCustomer: one phone written five ways in three countries', () => {
  /** The address country is the default region, as the mapper uses it. */
  const HOMES = {
    US: { address: address(), e164: '+14155550132', crm: { telephone1: '415-555-0132', address1_country: 'USA' } },
    GB: {
      address: address({
        city: 'London',
        province: null,
        provinceCode: null,
        zip: 'EC1A 1BB',
        country: 'United Kingdom',
        countryCode: 'GB',
      }),
      e164: '+442079460018',
      crm: { telephone1: '020 7946 0018', address1_country: 'United Kingdom' },
    },
    DE: {
      address: GERMAN_OFFICE,
      e164: '+4930901820',
      crm: { telephone1: '(030) 90 18 20', address1_country: 'Deutschland' },
    },
  } as const;

  it.each<[keyof typeof HOMES, string]>([
    ['US', '+1 415 555 0132'],
    ['US', '(415) 555-0132'],
    ['US', '415.555.0132'],
    ['US', '011 1 415 555 0132'],
    ['US', '1-415-555-0132'],
    ['GB', '020 7946 0018'],
    ['GB', '+44 20 7946 0018'],
    ['GB', '+44 (0)20 7946 0018'],
    ['GB', '0044 20 7946 0018'],
    ['GB', '(020) 7946-0018'],
    ['DE', '030 901820'],
    ['DE', '+49 30 901820'],
    ['DE', '0049 30 901820'],
    ['DE', '030/901820'],
    ['DE', '+49 (0)30 901820'],
  ])('%s: %s', (home, written) => {
    // Setup: a phone-only customer, the number on the address, as checkouts collect it.
    const { address: where, e164, crm } = HOMES[home];
    const source = customer({ email: null, phone: null, defaultAddress: { ...where, phone: written } });

    // Action
    const keys = keysOf(source, 'us');
    const outcome = run({
      customer: source,
      store: 'us',
      contacts: { c1: crm, c2: HOMES[home === 'US' ? 'DE' : 'US'].crm },
    });

    // Assertions
    expect(keys.phone).toBe(e164);
    expect(outcome).toEqual({ kind: 'update', id: 'c1', matchedOn: 'phone' });
  });
});
