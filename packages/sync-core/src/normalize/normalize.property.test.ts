import * as regionData from 'country-region-data';
import fc from 'fast-check';
import countries from 'i18n-iso-countries';
import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { addressColumns } from '../map/map-address';
import { mapCustomerToContact } from '../map/map-contact';
import type { ShopifyAddress } from '../models/address';
import type { ShopifyCustomer } from '../models/customer';
import { fitAddressLines } from './address-lines';
import { countryCode, countryName, region } from './country';
import { normalizeEmail } from './email';
import { normalizePhone } from './phone';

/** Enough runs to meet the odd cases, few enough that the file stays well under the unit suite's budget. */
const RUNS = { numRuns: 200 };
/** For whole addresses: an unreadable country name is looked up in all 78 languages (about 3 ms), several per run. */
const ADDRESS_RUNS = { numRuns: 60 };

/** Text with the whitespace people paste: tabs, no-break spaces, line breaks, around and inside. */
const padding = fc.constantFrom('', ' ', '  ', '\t', '\u00a0', '\n', ' \u2003');
const padded = (inner: fc.Arbitrary<string>) =>
  fc.tuple(padding, inner, padding).map(([before, text, after]) => `${before}${text}${after}`);
const anyCase = (inner: fc.Arbitrary<string>) =>
  fc
    .tuple(inner, fc.array(fc.boolean(), { minLength: 1 }))
    .map(([text, flips]) =>
      [...text].map((char, index) => (flips[index % flips.length] ? char.toUpperCase() : char.toLowerCase())).join(''),
    );

const ALPHA2 = Object.keys(countries.getAlpha2Codes());
/** [country name, alpha-2, [region name, region code][]] as country-region-data publishes it. */
type CountryEntry = [string, string, [string, string][]];
/** The package also exports the list of all entries; only country entries (keyed by their alpha-2) count here. */
const WITH_REGIONS = Object.entries(regionData as unknown as Record<string, CountryEntry>)
  .filter(([key, entry]) => /^[A-Z]{2}$/.test(key) && entry[1] === key && entry[2].length > 0)
  .map(([, entry]) => entry);

describe('normalizeEmail (properties)', () => {
  it('is idempotent, and its value is trimmed and lower-cased', () => {
    fc.assert(
      fc.property(fc.oneof(padded(anyCase(fc.emailAddress())), fc.string({ unit: 'grapheme' })), (raw) => {
        const once = normalizeEmail(raw);
        expect(normalizeEmail(once.value)).toEqual(once);
        if (once.value !== null) {
          expect(once.value).toBe(once.value.trim());
          expect(once.value).toBe(once.value.toLowerCase());
        }
      }),
      RUNS,
    );
  });

  it('reads one address however it is cased or padded', () => {
    fc.assert(
      fc.property(fc.emailAddress(), padding, padding, fc.boolean(), (email, before, after, upper) => {
        const written = `${before}${upper ? email.toUpperCase() : email}${after}`;
        expect(normalizeEmail(written)).toEqual({ value: email.toLowerCase(), valid: true });
      }),
      RUNS,
    );
  });
});

/** Phones from libphonenumber's own example numbers: one real-shaped number per country. */
const PHONE_COUNTRIES = getCountries().filter((country) => getExampleNumber(country, examples)?.isValid());
const phoneExample = fc.constantFrom(...PHONE_COUNTRIES).map((country) => {
  const example = getExampleNumber(country, examples);
  if (!example) throw new Error(`no example number for ${country}`);
  return { country, example };
});
/** The separators people put between digit groups. */
const separator = fc.constantFrom(' ', '-', '.', '', ' - ');
const regroup = (written: string, sep: string) => written.replace(/ /g, sep);

describe('normalizePhone (properties)', () => {
  it('is idempotent for any text and any default region', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^[+0-9 ().\-/]{0,24}$/), fc.string({ unit: 'grapheme', maxLength: 24 })),
        fc.constantFrom<string | null>(...PHONE_COUNTRIES, null, 'us', 'XX'),
        (raw, country) => {
          const once = normalizePhone(raw, country);
          expect(normalizePhone(once.value, country)).toEqual(once);
        },
      ),
      RUNS,
    );
  });

  it('reads a national number written with any separators, the address country as the region', () => {
    fc.assert(
      fc.property(phoneExample, separator, ({ country, example }, sep) => {
        const written = regroup(example.formatNational(), sep);
        expect([country, written, normalizePhone(written, country)]).toEqual([
          country,
          written,
          { value: example.number, e164: true },
        ]);
      }),
      RUNS,
    );
  });

  it('reads an international number the same whatever the default region', () => {
    fc.assert(
      fc.property(
        phoneExample,
        fc.constantFrom<CountryCode | null>(...PHONE_COUNTRIES, null),
        separator,
        fc.constantFrom('international', 'e164'),
        ({ example }, region, sep, form) => {
          const written =
            form === 'e164' ? example.number : regroup(example.formatInternational(), sep === '' ? ' ' : sep);
          expect([written, region, normalizePhone(written, region)]).toEqual([
            written,
            region,
            { value: example.number, e164: true },
          ]);
        },
      ),
      RUNS,
    );
  });
});

describe('countryCode (properties)', () => {
  it('reads every country by alpha-2, alpha-3, numeric code and English name, in any case and padding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALPHA2),
        fc.constantFrom('alpha2', 'alpha3', 'numeric', 'name'),
        padding,
        fc.boolean(),
        (alpha2, form, pad, lower) => {
          const text =
            form === 'alpha2'
              ? alpha2
              : form === 'alpha3'
                ? countries.alpha2ToAlpha3(alpha2)
                : form === 'numeric'
                  ? countries.alpha2ToNumeric(alpha2)
                  : countryName(alpha2);
          const written = `${pad}${lower ? text?.toLowerCase() : text}${pad}`;
          const input = form === 'name' ? { name: written } : { code: written };
          expect([input, countryCode(input)]).toEqual([input, alpha2]);
        },
      ),
      RUNS,
    );
  });

  it('always answers an ISO alpha-2 code or null, and reads its own answer back', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(fc.constantFrom(...ALPHA2, '124', '276', 'DEU', 'UK', 'XX'), fc.string({ maxLength: 4 }))),
        fc.option(fc.oneof(fc.constantFrom('Deutschland', 'Germany', 'Canada', 'Atlantis'), fc.string())),
        (code, name) => {
          const found = countryCode({ code, name });
          if (found === null) return;
          expect(found).toMatch(/^[A-Z]{2}$/);
          expect(countryCode({ code: found })).toBe(found);
          expect(countryCode({ name: countryName(found) })).toBe(found);
        },
      ),
      RUNS,
    );
  });
});

describe('region (properties)', () => {
  const regionOf = fc.constantFrom(...WITH_REGIONS).chain(([, alpha2, list]) =>
    fc.constantFrom(...list).map(([name, code]) => ({
      country: alpha2,
      name,
      code,
      iso: code.startsWith(`${alpha2}-`) ? code : `${alpha2}-${code}`,
    })),
  );

  it('finds one region by its code, its ISO 3166-2 code or its name, and reads its own answer back', () => {
    fc.assert(
      fc.property(regionOf, fc.boolean(), padding, ({ country, name, code, iso }, lower, pad) => {
        const cased = (text: string) => `${pad}${lower ? text.toLowerCase() : text}${pad}`;
        if (code === '' || code === 'undefined') {
          // The data knows this region by name only: its name stands in for the code, and no text reads as its code.
          expect(region(country, { name: cased(name) })).toEqual({ iso: null, code: name, name });
          expect(region(country, { code })).toBeNull();
          return;
        }
        const byCode = region(country, { code: cased(code) });
        expect(byCode).not.toBeNull();
        expect(region(country, { code: cased(iso) })).toEqual(byCode);
        expect(region(country.toLowerCase(), { code: byCode?.code })).toEqual(byCode);
        // Two regions of one country may share a name in the data; the name must at least read back to itself.
        const byName = region(country, { name: cased(name) });
        expect(byName?.name).toBe(name);
        expect(region(country, { name: byName?.name, code: byName?.code })).toEqual(byName);
      }),
      RUNS,
    );
  });

  it('answers a region of the country asked about, or null', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALPHA2, 'XX'),
        fc.option(fc.string({ maxLength: 6 })),
        fc.option(fc.string()),
        (country, code, name) => {
          const found = region(country, { code, name });
          if (found) expect(found.iso).toBe(`${country}-${found.code}`);
        },
      ),
      RUNS,
    );
  });
});

describe('fitAddressLines (properties)', () => {
  const word = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 14 }).filter((text) => !/\s/.test(text));
  const line = fc.oneof(
    fc.array(word, { maxLength: 12 }).map((words) => words.join(' ')),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.constant(null),
  );

  it('is idempotent, keeps every line within bounds, and loses no character', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (raw, columns, maxLength) => {
          const once = fitAddressLines(raw, columns, maxLength);
          const twice = fitAddressLines(once.lines, columns, maxLength);
          expect(twice).toEqual({ lines: once.lines, cut: null });
          expect(once.lines.length).toBeLessThanOrEqual(columns);
          for (const fitted of once.lines) {
            expect(fitted.length).toBeGreaterThan(0);
            expect(fitted.length).toBeLessThanOrEqual(maxLength);
            expect(fitted).toBe(fitted.trim());
          }
          const letters = (parts: (string | null)[]) => parts.join('').replace(/\s/g, '');
          expect(letters([...once.lines, once.cut])).toBe(letters(raw));
        },
      ),
      RUNS,
    );
  });

  it('leaves lines that already fit as they are, spaces tidied', () => {
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { maxLength: 3 }), (lines) => {
        const written = lines.map((words) => words.join('  '));
        expect(fitAddressLines(written, 3, 80)).toEqual({ lines: lines.map((words) => words.join(' ')), cut: null });
      }),
      RUNS,
    );
  });
});

describe('country and region regressions the properties found', () => {
  it.each([
    // i18n-iso-countries calls a numeric code valid; it used to come back as "124" instead of "CA".
    [{ code: '124' }, 'CA'],
    [{ code: ' 276 ' }, 'DE'],
  ])('countryCode(%j) is %s', (input, alpha2) => {
    expect(countryCode(input)).toBe(alpha2);
  });

  it.each([
    // The data writes Romania's counties as "RO-AB"; Shopify sends "AB".
    ['RO', { code: 'AB' }, { iso: 'RO-AB', code: 'AB', name: 'Alba' }],
    ['RO', { code: 'ro-ab' }, { iso: 'RO-AB', code: 'AB', name: 'Alba' }],
    // The data has no codes for Puerto Rico's municipalities: "undefined" was read, and written, as a code.
    ['PR', { name: 'Adjuntas' }, { iso: null, code: 'Adjuntas', name: 'Adjuntas' }],
    ['PR', { code: 'undefined' }, null],
  ])('region(%s, %j)', (country, input, expected) => {
    expect(region(country, input)).toEqual(expected);
  });
});

/** Words as address and name parts are written: letters, digits and the odd accent or punctuation. */
const word = fc.stringMatching(/^[A-Za-z0-9À-ÿ'.#-]{1,12}$/);
const words = (maxLength: number) => fc.array(word, { minLength: 1, maxLength }).map((parts) => parts.join(' '));
const optional = <T>(inner: fc.Arbitrary<T>) => fc.option(inner, { nil: null });
const countryGiven = fc.oneof(
  fc.constantFrom(...ALPHA2).map((alpha2) => ({ countryCode: alpha2, country: countryName(alpha2) })),
  fc.constantFrom(...ALPHA2).map((alpha2) => ({ countryCode: null, country: countryName(alpha2) })),
  fc.constantFrom('Deutschland', 'Atlantis', 'XX').map((text) => ({ countryCode: null, country: text })),
  fc.constant({ countryCode: null, country: null }),
);
const regionGiven = (country: string | null) => {
  const entry = WITH_REGIONS.find(([, alpha2]) => alpha2 === country);
  const known = entry ? fc.constantFrom(...entry[2]) : fc.constant<[string, string]>(['Nowhere', 'NW']);
  return fc.oneof(
    known.map(([name, code]) => ({ province: name, provinceCode: code })),
    known.map(([name]) => ({ province: name, provinceCode: null })),
    fc.constant({ province: 'Nowhere Shire', provinceCode: null }),
    fc.constant({ province: null, provinceCode: null }),
  );
};

/** A Shopify address whose values each fit their Dynamics column (ADDRESS_LENGTHS), padded as people type them. */
const shopifyAddress = (lineWords: number): fc.Arbitrary<ShopifyAddress> =>
  countryGiven.chain((country) =>
    fc
      .record({
        firstName: fc.constant(null),
        lastName: fc.constant(null),
        company: optional(words(3)),
        address1: optional(padded(words(lineWords))),
        address2: optional(padded(words(lineWords))),
        city: optional(words(4)),
        zip: optional(padded(fc.stringMatching(/^[A-Z0-9]{3,5}( [A-Z0-9]{3})?$/))),
        phone: fc.constant(null),
        countryCode: fc.constant(country.countryCode),
        country: fc.constant(country.country),
        region: regionGiven(countryCode({ code: country.countryCode, name: country.country })),
      })
      .map(({ region: given, ...rest }) => ({ ...rest, ...given })),
  );

/** The address again, as a person or a later read would give it back from the columns we wrote. */
function addressFromColumns(columns: Record<string, string | number | null>): ShopifyAddress {
  const text = (column: string) => {
    const value = columns[`address1_${column}`];
    return typeof value === 'string' ? value : null;
  };
  return {
    firstName: null,
    lastName: null,
    company: null,
    address1: text('line1'),
    address2: [text('line2'), text('line3')].filter(Boolean).join(' ') || null,
    city: text('city'),
    // The column holds a name or a code, depending on the store: give it as both, as a CRM edit would be read.
    province: text('stateorprovince'),
    provinceCode: text('stateorprovince'),
    zip: text('postalcode'),
    country: text('country'),
    countryCode: text('country'),
    phone: null,
  };
}

describe('addressColumns (properties)', () => {
  it('writes the same columns for an address rebuilt from its own columns, and cuts nothing the second time', () => {
    fc.assert(
      fc.property(shopifyAddress(80), fc.constantFrom('name' as const, 'code' as const), (address, countryAs) => {
        const first: string[] = [];
        const once = addressColumns(address, 'address1', countryAs, first);
        const second: string[] = [];
        const again = addressColumns(addressFromColumns(once), 'address1', countryAs, second);
        expect(again).toEqual(once);
        expect(second.filter((warning) => warning.includes('cut'))).toEqual([]);
      }),
      ADDRESS_RUNS,
    );
  });
});

const PHONES = ['+1 416 555 0123', '(416) 555-0123', '020 7946 0018', '+49 30 901820', '030 901820', '12', null];

/** What a customer's mapping reads; the rest of a customer is fixed. */
type CustomerFields = Pick<
  ShopifyCustomer,
  'legacyId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'defaultAddress'
>;

const shopifyCustomer: fc.Arbitrary<CustomerFields> = fc.record({
  legacyId: fc.bigInt({ min: 1n, max: 2n ** 63n }).map(String),
  firstName: optional(padded(words(3))),
  lastName: optional(padded(words(3))),
  email: optional(fc.oneof(padded(anyCase(fc.emailAddress())), fc.constantFrom('not an email', ' '))),
  phone: optional(fc.constantFrom(...PHONES.filter((phone) => phone !== null))),
  defaultAddress: optional(
    fc
      .tuple(shopifyAddress(20), fc.constantFrom(...PHONES))
      .map(([address, phone]): ShopifyAddress => ({ ...address, phone })),
  ),
});

function customerOf(fields: CustomerFields): ShopifyCustomer {
  return {
    ...fields,
    gid: `gid://shopify/Customer/${fields.legacyId}`,
    state: 'ENABLED',
    tags: [],
    note: null,
    lastOrderAt: null,
    taxExempt: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    // Rollups are not normalised values: null leaves their columns out of the row.
    numberOfOrders: null,
    amountSpent: null,
    addresses: fields.defaultAddress ? [fields.defaultAddress] : [],
    companyGids: [],
  };
}

describe('mapCustomerToContact (properties)', () => {
  it('maps a customer rebuilt from its own row to the same row and keys, without a new warning', () => {
    fc.assert(
      fc.property(shopifyCustomer, fc.constantFrom('name' as const, 'code' as const), (fields, countryAs) => {
        const options = { storeKey: 'us', correlationId: 'c-1', countryAs };
        const once = mapCustomerToContact(customerOf(fields), options);
        const text = (column: string) => {
          const value = once.row[column];
          return typeof value === 'string' ? value : null;
        };
        const rebuilt = customerOf({
          legacyId: fields.legacyId,
          firstName: text('firstname'),
          lastName: text('lastname'),
          email: text('emailaddress1'),
          phone: text('telephone1'),
          defaultAddress: fields.defaultAddress ? addressFromColumns(once.row) : null,
        });
        const again = mapCustomerToContact(rebuilt, options);
        expect(again.row).toEqual(once.row);
        expect(again.keys).toEqual(once.keys);
        expect(again.shopifyId).toBe(once.shopifyId);
        // The same complaints at most (an unreadable value is quoted as the column now holds it), and no new cut.
        const kind = (warning: string) => warning.replace(/"[^]*"/, '""');
        expect(again.warnings.map(kind).filter((warning) => !once.warnings.map(kind).includes(warning))).toEqual([]);
      }),
      ADDRESS_RUNS,
    );
  });
});

describe('mapping past the column lengths (properties)', () => {
  const longAddress = fc.record({
    firstName: fc.constant(null),
    lastName: fc.constant(null),
    company: fc.constant(null),
    address1: words(60),
    address2: words(60),
    city: words(14),
    province: fc.constant(null),
    provinceCode: fc.constant(null),
    zip: words(5),
    country: fc.constant('Canada'),
    countryCode: fc.constant('CA'),
    phone: fc.constant(null),
  });
  const long: fc.Arbitrary<CustomerFields> = fc.record({
    legacyId: fc.constant('1'),
    firstName: padded(words(12)),
    lastName: padded(words(12)),
    email: fc.constant(null),
    phone: fc.constant(null),
    defaultAddress: longAddress,
  });
  /** The smallest case: a cut that ends on a space (lastname 50, postal code 20). */
  const cutOnASpace: CustomerFields = {
    legacyId: '1',
    firstName: 'Ada',
    lastName: `${'a'.repeat(49)} b`,
    email: null,
    phone: null,
    defaultAddress: {
      firstName: null,
      lastName: null,
      company: null,
      address1: 'Main St',
      address2: null,
      city: 'Toronto',
      province: null,
      provinceCode: null,
      zip: '1234567890123456789 X',
      country: 'Canada',
      countryCode: 'CA',
      phone: null,
    },
  };

  // `fit` trims what it cut, or a cut row would change on every round trip (and its content hash with it).
  it('maps a customer rebuilt from its cut row to the same row', () => {
    fc.assert(
      fc.property(long, (fields) => {
        const options = { storeKey: 'us', correlationId: 'c-1', countryAs: 'name' as const };
        const once = mapCustomerToContact(customerOf(fields), options);
        const text = (column: string) => {
          const value = once.row[column];
          return typeof value === 'string' ? value : null;
        };
        const again = mapCustomerToContact(
          customerOf({
            legacyId: fields.legacyId,
            firstName: text('firstname'),
            lastName: text('lastname'),
            email: null,
            phone: null,
            defaultAddress: addressFromColumns(once.row),
          }),
          options,
        );
        expect(again.row).toEqual(once.row);
      }),
      { ...RUNS, examples: [[cutOnASpace]] },
    );
  });

  it('never writes more than a column holds', () => {
    fc.assert(
      fc.property(long, (fields) => {
        const { row } = mapCustomerToContact(customerOf(fields), {
          storeKey: 'us',
          correlationId: 'c-1',
          countryAs: 'name',
        });
        const limits: Record<string, number> = {
          firstname: 50,
          lastname: 50,
          address1_line1: 250,
          address1_line2: 250,
          address1_line3: 250,
          address1_city: 80,
          address1_postalcode: 20,
        };
        for (const [column, limit] of Object.entries(limits)) {
          expect(String(row[column] ?? '').length).toBeLessThanOrEqual(limit);
        }
      }),
      RUNS,
    );
  });
});
