import { describe, expect, it } from 'vitest';
import { isPersonalField, REDACTED, redactPersonalData } from './redact';

describe('isPersonalField', () => {
  it.each([
    ['firstname', true],
    ['lastName', true],
    ['emailaddress1', true],
    ['telephone1', true],
    ['address1_line1', true],
    ['address2_city', true],
    ['address1_postalcode', true],
    ['billto_contactname', true],
    ['shipto_name', true],
    ['sv_name', true],
    ['zip', true],
    ['notetext', true],
    ['label', true],
    ['sv_shopifyid', false],
    ['sv_ordername', false],
    ['contactid', false],
    ['statecode', false],
    ['totalamount', false],
    ['address1_country', false],
    ['address1_stateorprovince', false],
    ['parentcustomerid_account@odata.bind', false],
    ['subject', false],
    ['error', false],
  ])('%s -> %s', (field, personal) => {
    // Assertions
    expect(isPersonalField(field)).toBe(personal);
  });
});

describe('redactPersonalData', () => {
  it.each([
    {
      what: 'a contact row: personal columns go, the key, the country and the bookkeeping stay',
      input: {
        operation: 'create',
        key: 'us_1001',
        row: {
          firstname: 'Ada',
          lastname: 'Lovelace',
          emailaddress1: 'ada@example.com',
          telephone1: '+44 20 7946 0000',
          address1_line1: '12 Analytical Row',
          address1_city: 'London',
          address1_postalcode: 'N1 9GU',
          address1_country: 'United Kingdom',
          sv_shopifyid: 'us_1001',
          sv_lastcorrelationid: '0b7a1c64-4c1b-4d0e-9d6a-6f0f4e5a2b11',
        },
      },
      expected: {
        operation: 'create',
        key: 'us_1001',
        row: {
          firstname: REDACTED,
          lastname: REDACTED,
          emailaddress1: REDACTED,
          telephone1: REDACTED,
          address1_line1: REDACTED,
          address1_city: REDACTED,
          address1_postalcode: REDACTED,
          address1_country: 'United Kingdom',
          sv_shopifyid: 'us_1001',
          sv_lastcorrelationid: '0b7a1c64-4c1b-4d0e-9d6a-6f0f4e5a2b11',
        },
      },
    },
    {
      what: 'a dry-run diff: both sides of a personal column go, nulls stay, amounts and states stay',
      input: {
        diff: {
          lastname: { before: 'Byron', after: 'Lovelace' },
          emailaddress1: { before: null, after: 'ada@example.com' },
          statecode: { before: 0, after: 1 },
          totalamount: { before: 10.5, after: 12 },
        },
      },
      expected: {
        diff: {
          lastname: { before: REDACTED, after: REDACTED },
          emailaddress1: { before: null, after: REDACTED },
          statecode: { before: 0, after: 1 },
          totalamount: { before: 10.5, after: 12 },
        },
      },
    },
    {
      what: 'an order: bill-to and ship-to blocks and note text go, the order name, ids and amounts stay',
      input: {
        header: {
          key: 'us_5001',
          row: {
            name: '#1001',
            sv_ordername: '#1001',
            billto_name: 'Ada Lovelace',
            billto_line1: '12 Analytical Row',
            shipto_contactname: 'Ada Lovelace',
            totalamount: 99.95,
            'customerid_contact@odata.bind': '/contacts(6a1d1c1e-0000-4000-8000-000000000001)',
          },
        },
        notes: [{ id: 'n-1', subject: 'Order #1001 placed in Shopify', notetext: 'Leave it with Ada next door' }],
      },
      expected: {
        header: {
          key: 'us_5001',
          row: {
            name: REDACTED,
            sv_ordername: '#1001',
            billto_name: REDACTED,
            billto_line1: REDACTED,
            shipto_contactname: REDACTED,
            totalamount: 99.95,
            'customerid_contact@odata.bind': '/contacts(6a1d1c1e-0000-4000-8000-000000000001)',
          },
        },
        notes: [{ id: 'n-1', subject: 'Order #1001 placed in Shopify', notetext: REDACTED }],
      },
    },
    {
      what: 'texts: emails anywhere, quoted values in warnings; error text otherwise kept',
      input: {
        warnings: ['phone "555 0100" is not a valid number; written as given', 'address lines were cut'],
        reason: '2 contacts match on email',
        candidates: [{ crmId: 'c-1', label: 'Ada Lovelace <ada@example.com>', confidence: 0.7 }],
        error: 'Dataverse refused contact ada@example.com: duplicate (0x80040237).',
        status: 412,
      },
      expected: {
        warnings: [`phone "${REDACTED}" is not a valid number; written as given`, 'address lines were cut'],
        reason: '2 contacts match on email',
        candidates: [{ crmId: 'c-1', label: REDACTED, confidence: 0.7 }],
        error: `Dataverse refused contact ${REDACTED}: duplicate (0x80040237).`,
        status: 412,
      },
    },
    { what: 'null stays null', input: null, expected: null },
    { what: 'a bare email text', input: 'ADA@Example.COM', expected: REDACTED },
  ])('$what', ({ input, expected }) => {
    // Setup
    const before = structuredClone(input);

    // Action
    const redacted = redactPersonalData(input);

    // Assertions
    expect(redacted).toEqual(expected);
    expect(input).toEqual(before);
  });
});
