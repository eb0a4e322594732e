import { describe, expect, it } from 'vitest';
import { alternateKeyPath, bulkUnsupported, idFromEntityUrl } from './keys';

describe('alternateKeyPath', () => {
  it('addresses a row by our Shopify id key', () => {
    expect(alternateKeyPath('contacts', { sv_shopifyid: 'us_7390123456789012345' })).toBe(
      "contacts(sv_shopifyid='us_7390123456789012345')",
    );
  });

  it('doubles single quotes and encodes the rest', () => {
    expect(alternateKeyPath('accounts', { name: "O'Brien Ltd" })).toBe("accounts(name='O''Brien%20Ltd')");
  });

  it('joins compound keys and leaves numbers unquoted', () => {
    expect(alternateKeyPath('x', { a: 'v', b: 3 })).toBe("x(a='v',b=3)");
  });

  it('refuses characters that break key URLs, naming them', () => {
    expect(() => alternateKeyPath('contacts', { sv_shopifyid: 'us:42' })).toThrow(/contains ":"/);
  });
});

describe('idFromEntityUrl', () => {
  it('reads the id of an OData-EntityId', () => {
    expect(
      idFromEntityUrl('https://org.crm.dynamics.com/api/data/v9.2/tasks(e73ffc82-e292-ed11-aad1-000d3a9933c9)'),
    ).toBe('e73ffc82-e292-ed11-aad1-000d3a9933c9');
    expect(() => idFromEntityUrl('contacts')).toThrow(/No row id/);
  });
});

describe('bulkUnsupported', () => {
  it('tells a table without bulk messages from any other refusal', () => {
    const unsupported = "The 'UpsertMultiple' method does not support entities of type 'annotation'.";
    expect(bulkUnsupported({ status: 400, message: unsupported })).toBe(true);
    expect(
      bulkUnsupported({
        status: 404,
        message: "Resource not found for the segment 'Microsoft.Dynamics.CRM.UpsertMultiple'.",
      }),
    ).toBe(true);
    // A row the message refused (a plug-in, a bad value) is the row's failure, not the message's.
    expect(bulkUnsupported({ status: 400, message: 'A validation error occurred.' })).toBe(false);
    expect(bulkUnsupported({ status: 404, message: "Resource not found for the segment 'contacts'." })).toBe(false);
    expect(bulkUnsupported({ status: 500, message: unsupported })).toBe(false);
  });
});
