import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparable, decideField, type FieldState, isOurs } from './two-way-fields';

const ADDRESS = {
  address1_line1: '1 Main St',
  address1_line2: null,
  address1_line3: null,
  address1_city: 'Toronto',
  address1_stateorprovince: 'Ontario',
  address1_postalcode: 'M5V 1A1',
  address1_country: 'Canada',
};

/** One field's state: the CRM edited the email, Shopify still holds what we last wrote. */
function state(patch: Partial<FieldState>): FieldState {
  return {
    field: 'email',
    crm: { emailaddress1: 'new@example.com' },
    written: { emailaddress1: 'old@example.com' },
    othersWritten: [],
    shopify: { emailaddress1: 'old@example.com' },
    policy: 'newestWins',
    crmModifiedOn: '2026-01-01T10:00:05Z',
    shopifyUpdatedAt: '2026-01-01T10:00:00Z',
    ...patch,
  };
}

describe('comparable', () => {
  it('ignores differences of form only: email case and spaces, phone format, country as name or code', () => {
    // Act and assertions
    expect(comparable('email', { emailaddress1: ' Ann@Example.COM ' })).toBe(
      comparable('email', { emailaddress1: 'ann@example.com' }),
    );
    expect(comparable('phone', { telephone1: '(416) 555-0123', address1_country: 'Canada' })).toBe(
      comparable('phone', { telephone1: '+14165550123', address1_country: 'CA' }),
    );
    expect(comparable('address', { ...ADDRESS, address1_country: 'CA', address1_city: ' toronto ' })).toBe(
      comparable('address', ADDRESS),
    );
    expect(comparable('address', { ...ADDRESS, address1_line1: '2 Main St' })).not.toBe(comparable('address', ADDRESS));
  });

  it('is idempotent over its own normal forms (email)', () => {
    // Act and assertions
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const once = JSON.parse(comparable('email', { emailaddress1: raw })) as string | null;
        expect(comparable('email', { emailaddress1: once })).toBe(comparable('email', { emailaddress1: raw }));
      }),
    );
  });
});

describe('decideField', () => {
  it('ignores a CRM value equal to what this store or another store last wrote (loop prevention)', () => {
    // Act and assertions
    expect(decideField(state({ crm: { emailaddress1: 'OLD@example.com' } }))).toEqual({ kind: 'ours' });
    expect(decideField(state({ othersWritten: [{ emailaddress1: 'new@example.com' }], shopify: null }))).toEqual({
      kind: 'ours',
    });
    expect(isOurs(state({ field: 'address', crm: {}, written: {} }))).toBe(true);
  });

  it('counts an address our syncs composed column by column as ours, and a person’s change of any column as an edit', () => {
    // Arrange: the customer wrote the street, its guest checkout filled the empty second line.
    const customer = { ...ADDRESS };
    const guest = { address1_line1: null, address1_line2: 'Apt 35', address1_country: 'Canada' };
    const composed = { ...ADDRESS, address1_line2: 'Apt 35' };
    // Act and assertions
    expect(isOurs(state({ field: 'address', crm: composed, written: customer, othersWritten: [guest] }))).toBe(true);
    expect(
      isOurs(
        state({
          field: 'address',
          crm: { ...composed, address1_city: 'Ottawa' },
          written: customer,
          othersWritten: [guest],
        }),
      ),
    ).toBe(false);
    expect(isOurs(state({ field: 'address', crm: composed, written: customer, othersWritten: [] }))).toBe(false);
  });

  it('pushes a CRM edit when Shopify still holds what we last wrote', () => {
    // Act and assertions
    expect(decideField(state({ policy: 'shopifyWins' }))).toEqual({ kind: 'push', conflict: false });
  });

  it('records agreement when both sides already hold the new value', () => {
    // Act and assertions
    expect(decideField(state({ shopify: { emailaddress1: 'NEW@example.com' }, policy: 'ask' }))).toEqual({
      kind: 'agreed',
    });
  });

  it('settles an edit on both sides by the field policy', () => {
    // Arrange
    const both = { shopify: { emailaddress1: 'shop@example.com' } };
    // Act and assertions
    expect(decideField(state({ ...both, policy: 'crmWins' }))).toEqual({ kind: 'push', conflict: true });
    expect(decideField(state({ ...both, policy: 'shopifyWins' }))).toEqual({ kind: 'shopifyWins' });
    expect(decideField(state({ ...both, policy: 'ask' }))).toEqual({ kind: 'ask' });
    expect(decideField(state({ ...both, policy: 'newestWins' }))).toEqual({ kind: 'push', conflict: true });
    expect(decideField(state({ ...both, policy: 'newestWins', shopifyUpdatedAt: '2026-01-01T10:00:09Z' }))).toEqual({
      kind: 'shopifyWins',
    });
    // The same second on both sides: Shopify, the system of record, keeps its value.
    expect(decideField(state({ ...both, policy: 'newestWins', shopifyUpdatedAt: '2026-01-01T10:00:05Z' }))).toEqual({
      kind: 'shopifyWins',
    });
  });
});
