import { describe, expect, it } from 'vitest';
import { classifyFind } from './find-key';

describe('classifyFind', () => {
  it('reads an order name with its # as an order name', () => {
    // Action
    const key = classifyFind('  #1042 ');
    // Assertions
    expect(key.kind).toBe('order-name');
    expect(key.filters).toEqual([{ orderName: '#1042' }]);
  });

  it('searches digits alone as an order name and as a Shopify numeric id', () => {
    // Action
    const short = classifyFind('1042');
    const long = classifyFind('820982911946154508');
    // Assertions
    expect(short.filters).toEqual([{ orderName: '1042' }, { shopifyId: '1042' }]);
    expect(long.filters).toEqual([{ orderName: '820982911946154508' }, { shopifyId: '820982911946154508' }]);
  });

  it('reads an email in any case as the lower-cased email the log stores', () => {
    // Action
    const key = classifyFind('Ada.Lovelace@Example.COM');
    // Assertions
    expect(key).toMatchObject({ kind: 'email', filters: [{ email: 'ada.lovelace@example.com' }] });
  });

  it('reads a Shopify gid as a Shopify id', () => {
    // Action
    const key = classifyFind('gid://shopify/Customer/7');
    // Assertions
    expect(key).toMatchObject({ kind: 'shopify-gid', filters: [{ shopifyId: 'gid://shopify/Customer/7' }] });
  });

  it('searches a GUID as a correlation id and as a CRM id, braces and case as Dynamics shows them', () => {
    // Setup: a sequential Dataverse id, which is no RFC 9562 UUID.
    const pasted = '{A2D3C9F0-1F2B-E811-A953-000D3A1A9407}';
    // Action
    const key = classifyFind(pasted);
    // Assertions
    expect(key.kind).toBe('guid');
    expect(key.filters).toEqual([
      { correlationId: 'a2d3c9f0-1f2b-e811-a953-000d3a1a9407' },
      { crmId: 'a2d3c9f0-1f2b-e811-a953-000d3a1a9407' },
    ]);
  });

  it('searches anything else as an order name from a store template, and nothing as every attempt', () => {
    // Action
    const templated = classifyFind('SV-1042');
    const empty = classifyFind('   ');
    const notGid = classifyFind('gid://shopify/Order/abc');
    // Assertions
    expect(templated.filters).toEqual([{ orderName: 'SV-1042' }]);
    expect(empty).toEqual({ kind: 'none', filters: [], meaning: 'every attempt' });
    expect(notGid.kind).toBe('order-name');
  });
});
