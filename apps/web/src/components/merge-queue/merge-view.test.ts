import { describe, expect, it } from 'vitest';
import { confidenceText, decisionText, matchedFields, summarizeRecord, typeText } from './merge-view';

describe('summarizeRecord', () => {
  it('reads a parked customer: its name, email, phone and default address', () => {
    // Setup
    const customer = {
      gid: 'gid://shopify/Customer/7',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+447700900123',
      defaultAddress: {
        address1: '12 St James Sq',
        address2: null,
        city: 'London',
        zip: 'SW1Y 4JH',
        province: null,
        provinceCode: null,
        country: 'United Kingdom',
        countryCode: 'GB',
      },
      addresses: [],
    };
    // Action
    const summary = summarizeRecord(customer);
    // Assertions
    expect(summary).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+447700900123',
      address: '12 St James Sq, SW1Y 4JH London, GB',
    });
  });

  it('takes the first address when there is no default, and the address phone when the record has none', () => {
    // Action
    const summary = summarizeRecord({
      firstName: null,
      lastName: 'Byron',
      email: null,
      addresses: [
        { address1: '1 Main St', city: 'Ottawa', provinceCode: 'ON', countryCode: 'CA', phone: '+16135550100' },
      ],
    });
    // Assertions
    expect(summary).toEqual({
      name: 'Byron',
      email: null,
      phone: '+16135550100',
      address: '1 Main St, Ottawa, ON, CA',
    });
  });

  it('reads a company by its name, and anything that is not a record as empty', () => {
    // Assertions
    expect(summarizeRecord({ name: 'Acme Ltd', customerGid: 'gid://shopify/Customer/1' }).name).toBe('Acme Ltd');
    expect(summarizeRecord(null)).toEqual({ name: null, email: null, phone: null, address: null });
    expect(summarizeRecord({ firstName: 42, email: ['x'], defaultAddress: 'nowhere' })).toEqual({
      name: null,
      email: null,
      phone: null,
      address: null,
    });
  });
});

describe('matchedFields', () => {
  it('marks the fields each matching key compares', () => {
    // Assertions
    expect([...matchedFields(['email'])]).toEqual(['email']);
    expect([...matchedFields(['email', 'phone'])]).toEqual(['email', 'phone']);
    expect([...matchedFields(['namePostal'])]).toEqual(['name', 'address']);
    expect([...matchedFields(['name'])]).toEqual(['name']);
  });

  it('marks nothing for keys that are no field of the record', () => {
    // Assertions
    expect([...matchedFields(['alternateKey', 'decision'])]).toEqual([]);
  });
});

describe('confidenceText', () => {
  it('shows a share as a whole percentage, clamped to 0 to 100', () => {
    // Assertions
    expect(confidenceText(0.87)).toBe('87%');
    expect(confidenceText(0.005)).toBe('1%');
    expect(confidenceText(1.2)).toBe('100%');
    expect(confidenceText(null)).toBeNull();
  });
});

describe('decisionText', () => {
  const label = (crmId: string) => (crmId === 'c-1' ? 'Ada <ada@example.com>' : crmId);
  const decided = { resolvedBy: 'ops@example.com', resolvedAt: '2026-11-27T10:15:42.123Z' };

  it('says nothing while the item is open', () => {
    // Assertions
    expect(
      decisionText(
        { kind: 'AMBIGUOUS_MATCH', status: 'OPEN', resolution: null, resolvedBy: null, resolvedAt: null },
        label,
      ),
    ).toBeNull();
  });

  it('says who linked the record to which candidate, and when', () => {
    // Action
    const sentence = decisionText(
      { kind: 'AMBIGUOUS_MATCH', status: 'RESOLVED', resolution: { kind: 'LINK', crmId: 'c-1' }, ...decided },
      label,
    );
    // Assertions
    expect(sentence).toBe('Linked to Ada <ada@example.com> by ops@example.com on 2026-11-27 10:15 UTC.');
  });

  it('says who created a new record or ignored it', () => {
    // Assertions
    expect(
      decisionText(
        { kind: 'AMBIGUOUS_MATCH', status: 'RESOLVED', resolution: { kind: 'CREATE', crmId: null }, ...decided },
        label,
      ),
    ).toBe('Created as a new record in the CRM by ops@example.com on 2026-11-27 10:15 UTC.');
    expect(
      decisionText(
        { kind: 'AMBIGUOUS_MATCH', status: 'DISMISSED', resolution: { kind: 'IGNORE', crmId: null }, ...decided },
        label,
      ),
    ).toBe('Ignored by ops@example.com on 2026-11-27 10:15 UTC: the record is not synced.');
  });

  it('says who settled a two-way conflict, and which side they kept when the API says it', () => {
    // Setup: today the database records a conflict's decision as the link to its contact.
    const conflict = { kind: 'TWO_WAY_CONFLICT', status: 'RESOLVED', ...decided };
    // Assertions
    expect(decisionText({ ...conflict, resolution: { kind: 'LINK', crmId: 'c-1' } }, label)).toBe(
      'Settled by ops@example.com on 2026-11-27 10:15 UTC; the audit trail says which side was kept.',
    );
    expect(decisionText({ ...conflict, resolution: { kind: 'KEEP_SHOPIFY', crmId: null } }, label)).toBe(
      "Shopify's values kept by ops@example.com on 2026-11-27 10:15 UTC.",
    );
  });
});

describe('typeText', () => {
  it('names the kind of record in words', () => {
    // Assertions
    expect(typeText('CUSTOMER')).toBe('Customer');
    expect(typeText('COMPANY_LOCATION')).toBe('Company location');
  });
});
