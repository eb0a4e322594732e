import { describe, expect, it } from 'vitest';
import { emptyMessage, formatDetails, placeOf, shortId, summariseDetails, toAuditFilter } from './audit-view';

describe('toAuditFilter', () => {
  it('leaves out empty fields and trims the rest', () => {
    // Action
    const filter = toAuditFilter({ action: ' api_token.create ', actor: '', targetType: '   ' });
    // Assertions
    expect(filter).toEqual({ action: 'api_token.create' });
    expect(toAuditFilter({ action: '', actor: 'ops@sandbox.test', targetType: 'store' })).toEqual({
      actor: 'ops@sandbox.test',
      targetType: 'store',
    });
  });
});

describe('details', () => {
  it('sums up an object in a line, cutting long values and counting what is left out', () => {
    // Setup
    const details = { name: 'sandbox', role: 'operator', url: `https://${'x'.repeat(60)}.example`, a: 1, b: true };
    // Action
    const summary = summariseDetails(details);
    // Assertions
    expect(summary).toMatch(/^name: sandbox, role: operator, url: https:\/\/x+…, a: 1 \(\+1 more\)$/);
    expect(summary.split('url: ')[1]?.split(',')[0]).toHaveLength(40);
  });

  it('shows nested values as JSON and nothing for empty details', () => {
    expect(summariseDetails({ topics: ['orders/create', 'orders/updated'] })).toBe(
      'topics: ["orders/create","orders/updated"]',
    );
    expect(summariseDetails({})).toBe('');
    expect(summariseDetails(null)).toBe('');
    expect(summariseDetails('plain')).toBe('plain');
  });

  it('formats the whole details as indented JSON', () => {
    expect(formatDetails({ name: 'sandbox', nested: { on: true } })).toBe(
      '{\n  "name": "sandbox",\n  "nested": {\n    "on": true\n  }\n}',
    );
  });
});

describe('placeOf', () => {
  const places = { stores: [{ id: 's1', key: 'us', name: 'Sandbox US' }], orgs: [{ id: 'o1', name: 'Sandbox org' }] };

  it('names the store, else the org, else keeps the id of one that is gone', () => {
    expect(placeOf({ storeId: 's1', orgId: 'o1' }, places)).toBe('Sandbox US (us)');
    expect(placeOf({ storeId: null, orgId: 'o1' }, places)).toBe('Sandbox org');
    expect(placeOf({ storeId: 's9', orgId: null }, places)).toBe('s9');
    expect(placeOf({ storeId: null, orgId: null }, places)).toBe('');
    expect(placeOf({ storeId: 's1', orgId: null }, undefined)).toBe('s1');
  });
});

describe('emptyMessage', () => {
  it('tells an empty trail from a filter that matched nothing', () => {
    expect(emptyMessage({})).toMatch(/^No audit events yet/);
    expect(emptyMessage({ action: 'store.pause' })).toMatch(/^No audit events match these filters/);
  });
});

describe('shortId', () => {
  it('cuts a UUID to its first group and leaves short ids whole', () => {
    expect(shortId('f7b9471a-9119-4e4e-a5fc-312d2f89db82')).toBe('f7b9471a…');
    expect(shortId('us')).toBe('us');
  });
});
