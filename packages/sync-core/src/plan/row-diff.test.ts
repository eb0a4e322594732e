import { describe, expect, it } from 'vitest';
import type { CrmValue } from './plan-row';
import { diffAfter, diffRow, lookupProperties, lookupProperty, sameCrmValue } from './row-diff';

describe('sameCrmValue', () => {
  it.each([
    [null, null, true],
    [undefined, null, true],
    ['', null, true],
    [null, '', true],
    ['Ada', 'Ada', true],
    ['Ada', 'ada', false],
    [null, 'Ada', false],
    ['Ada', null, false],
    [10.5, '10.50', true],
    [10.5, 10.5, true],
    [10.5, '10.51', false],
    [2, 2, true],
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z', true],
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:01.000Z', false],
    [{ nested: true }, 'x', false],
  ] as [unknown, CrmValue, boolean][])('%j vs %j -> %s', (before, after, same) => {
    // Assertions
    expect(sameCrmValue(before, after)).toBe(same);
  });
});

interface DiffCase {
  what: string;
  current: Record<string, unknown> | null;
  writes: Record<string, CrmValue>;
  ignore: string[];
  expected: Record<string, { before: unknown; after: CrmValue }>;
}

describe('lookupProperty', () => {
  it.each([
    ['customerid_contact@odata.bind', '/contacts(x)', '_customerid_value'],
    ['parentcustomerid_account@odata.bind', '/accounts(x)', '_parentcustomerid_value'],
    ['objectid_salesorder@odata.bind', "/salesorders(sv_shopifyid='us_1')", '_objectid_value'],
    ['transactioncurrencyid@odata.bind', '/transactioncurrencies(x)', '_transactioncurrencyid_value'],
    ['sv_orderid@odata.bind', '/sv_shopifyorders(x)', '_sv_orderid_value'],
    ['productid@odata.bind', '/products(x)', '_productid_value'],
    ['salesorderid@odata.bind', '$1', null],
    ['firstname', 'Ada', null],
  ])('%s = %s -> %s', (column, value, property) => {
    // Assertions
    expect(lookupProperty(column, value)).toBe(property);
  });

  it('lists the properties to read for a row', () => {
    // Assertions
    expect(
      lookupProperties({ name: 'x', 'customerid_account@odata.bind': '/accounts(a)', 'x@odata.bind': '$1' }),
    ).toEqual(['_customerid_value']);
  });
});

describe('diffRow', () => {
  it.each<DiffCase>([
    {
      what: 'a row to create: every non-empty column from null, empty ones left out',
      current: null,
      writes: { firstname: 'Ada', lastname: 'Lovelace', telephone1: null, sv_shopifyid: 'us_1' },
      ignore: [],
      expected: {
        firstname: { before: null, after: 'Ada' },
        lastname: { before: null, after: 'Lovelace' },
        sv_shopifyid: { before: null, after: 'us_1' },
      },
    },
    {
      what: 'an existing row: only the columns that change, with the CRM value before',
      current: { contactid: 'c-1', firstname: 'Ada', lastname: 'Byron', creditlimit: 100, modifiedon: 'x' },
      writes: { firstname: 'Ada', lastname: 'Lovelace', creditlimit: '100.00' },
      ignore: [],
      expected: { lastname: { before: 'Byron', after: 'Lovelace' } },
    },
    {
      what: 'bookkeeping columns ignored',
      current: { statecode: 0, sv_lastcorrelationid: 'old' },
      writes: { statecode: 1, sv_lastcorrelationid: 'new' },
      ignore: ['sv_lastcorrelationid'],
      expected: { statecode: { before: 0, after: 1 } },
    },
    {
      what: 'a column emptied in Shopify shows as a change to null',
      current: { telephone1: '+1 555 0100' },
      writes: { telephone1: null },
      ignore: [],
      expected: { telephone1: { before: '+1 555 0100', after: null } },
    },
    {
      what: 'a lookup not read back shows as written',
      current: { contactid: 'c-1' },
      writes: { 'parentcustomerid_account@odata.bind': '/accounts(a-1)' },
      ignore: [],
      expected: { 'parentcustomerid_account@odata.bind': { before: null, after: '/accounts(a-1)' } },
    },
    {
      what: 'a lookup read back by its property, the same row (GUID case aside): no change',
      current: { contactid: 'c-1', _parentcustomerid_value: '6a1d1c1e-0000-4000-8000-000000000001' },
      writes: { 'parentcustomerid_account@odata.bind': '/accounts(6A1D1C1E-0000-4000-8000-000000000001)' },
      ignore: [],
      expected: {},
    },
    {
      what: 'a lookup read back pointing elsewhere, or empty',
      current: { _customerid_value: '6A1D1C1E-0000-4000-8000-000000000002', _transactioncurrencyid_value: null },
      writes: {
        'customerid_contact@odata.bind': '/contacts(6a1d1c1e-0000-4000-8000-000000000001)',
        'transactioncurrencyid@odata.bind': '/transactioncurrencies(6a1d1c1e-0000-4000-8000-000000000001)',
      },
      ignore: [],
      expected: {
        'customerid_contact@odata.bind': {
          before: '/contacts(6A1D1C1E-0000-4000-8000-000000000002)',
          after: '/contacts(6a1d1c1e-0000-4000-8000-000000000001)',
        },
        'transactioncurrencyid@odata.bind': {
          before: null,
          after: '/transactioncurrencies(6a1d1c1e-0000-4000-8000-000000000001)',
        },
      },
    },
    {
      what: 'a lookup bound by alternate key cannot be compared with an id: shown as written',
      current: { _parentaccountid_value: '6a1d1c1e-0000-4000-8000-000000000001' },
      writes: { 'parentaccountid@odata.bind': "/accounts(sv_shopifyid='us_1')" },
      ignore: [],
      expected: {
        'parentaccountid@odata.bind': { before: null, after: "/accounts(sv_shopifyid='us_1')" },
      },
    },
    {
      what: 'nothing to change',
      current: { firstname: 'Ada' },
      writes: { firstname: 'Ada' },
      ignore: [],
      expected: {},
    },
  ])('$what', ({ current, writes, ignore, expected }) => {
    // Action
    const diff = diffRow(current, writes, { ignore });

    // Assertions
    expect(diff).toEqual(expected);
  });

  it('gives back, through diffAfter, exactly the changed values it was given', () => {
    // Setup
    const writes: Record<string, CrmValue> = { a: 'x', b: 2, c: null, d: 'same' };

    // Action
    const after = diffAfter(diffRow({ c: 'was', d: 'same' }, writes));

    // Assertions
    expect(after).toEqual({ a: 'x', b: 2, c: null });
  });
});
