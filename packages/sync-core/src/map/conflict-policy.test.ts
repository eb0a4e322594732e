import { describe, expect, it } from 'vitest';
import { type ConflictContext, type ConflictPolicy, resolveConflicts } from './conflict-policy';

const base: Omit<ConflictContext, 'defaultPolicy'> = {
  policies: {},
  shopifyUpdatedAt: '2026-11-20T10:00:00Z',
  crmModifiedOn: '2026-11-21T09:00:00Z', // the CRM row was edited after the last Shopify change
  lastWritten: { telephone1: '+14165550100', emailaddress1: 'ada@example.com' },
};

describe('resolveConflicts: a contact edited in the CRM after the last sync', () => {
  // Shopify changed the phone; a person changed it in the CRM too.
  const fields = [{ column: 'telephone1', shopify: '+14165550123', crm: '+14165550999' }];

  it.each<[ConflictPolicy, Record<string, string | null>, number]>([
    ['shopifyWins', { telephone1: '+14165550123' }, 0],
    ['crmWins', {}, 1],
    ['newestWins', {}, 1],
    ['fillEmptyOnly', {}, 1],
  ])('%s', (policy, write, keptCount) => {
    const decision = resolveConflicts(fields, { ...base, defaultPolicy: policy });
    expect(decision.write).toEqual(write);
    expect(decision.kept).toHaveLength(keptCount);
    if (keptCount) expect(decision.kept[0]).toMatchObject({ shopify: '+14165550123', crm: '+14165550999', policy });
  });

  it('lets Shopify’s change flow where the CRM still holds what we last wrote', () => {
    const decision = resolveConflicts(
      [{ column: 'emailaddress1', shopify: 'ada@new.example', crm: 'ada@example.com' }],
      {
        ...base,
        defaultPolicy: 'crmWins',
      },
    );
    expect(decision.write).toEqual({ emailaddress1: 'ada@new.example' });
  });

  it('fills an empty CRM value under fillEmptyOnly, and takes the newer side under newestWins', () => {
    const empty = resolveConflicts([{ column: 'mobilephone', shopify: '+14165550123', crm: null }], {
      ...base,
      defaultPolicy: 'fillEmptyOnly',
    });
    expect(empty.write).toEqual({ mobilephone: '+14165550123' });
    const newer = resolveConflicts(fields, {
      ...base,
      shopifyUpdatedAt: '2026-11-22T00:00:00Z',
      defaultPolicy: 'newestWins',
    });
    expect(newer.write).toEqual({ telephone1: '+14165550123' });
  });

  it('writes nothing for fields that agree, and honours a per-column policy', () => {
    const decision = resolveConflicts(
      [
        { column: 'firstname', shopify: 'Ada', crm: 'Ada' },
        { column: 'telephone1', shopify: '+14165550123', crm: '+14165550999' },
      ],
      { ...base, policies: { telephone1: 'shopifyWins' }, defaultPolicy: 'crmWins' },
    );
    expect(decision).toEqual({ write: { telephone1: '+14165550123' }, kept: [] });
  });
});

describe('resolveConflicts: a contact shared by two stores (issue 11)', () => {
  // The eu store wrote the phone from its record of 2026-11-21; the us store's record changed it too.
  const fields = [{ column: 'telephone1', shopify: '+14165550123', crm: '+4930123456' }];
  const otherStores = { telephone1: { storeKey: 'eu', updatedAt: '2026-11-21T00:00:00Z' } };

  it.each<ConflictPolicy>(['shopifyWins', 'crmWins', 'newestWins'])(
    'under %s, an older record of this store never overwrites the newer one of the other store',
    (policy) => {
      // Act
      const decision = resolveConflicts(fields, {
        ...base,
        shopifyUpdatedAt: '2026-11-20T00:00:00Z',
        lastWritten: null,
        otherStores,
        defaultPolicy: policy,
      });
      // Assertions
      expect(decision.write).toEqual({});
      expect(decision.kept).toEqual([
        { column: 'telephone1', shopify: '+14165550123', crm: '+4930123456', policy, heldBy: otherStores.telephone1 },
      ]);
    },
  );

  it.each<ConflictPolicy>(['shopifyWins', 'crmWins', 'newestWins'])(
    'under %s, a newer record of this store takes the field from the other store',
    (policy) => {
      // Act
      const decision = resolveConflicts(fields, {
        ...base,
        shopifyUpdatedAt: '2026-11-22T00:00:00Z',
        crmModifiedOn: '2026-11-23T00:00:00Z', // the other store's write happened later: the row's time says nothing
        lastWritten: null,
        otherStores,
        defaultPolicy: policy,
      });
      // Assertions
      expect(decision).toEqual({ write: { telephone1: '+14165550123' }, kept: [] });
    },
  );

  it('fillEmptyOnly never overwrites the other store’s value, even from a newer record', () => {
    // Act
    const decision = resolveConflicts(fields, {
      ...base,
      shopifyUpdatedAt: '2026-11-22T00:00:00Z',
      lastWritten: null,
      otherStores,
      defaultPolicy: 'fillEmptyOnly',
    });
    // Assertions
    expect(decision.write).toEqual({});
    expect(decision.kept[0]?.heldBy).toEqual(otherStores.telephone1);
  });

  it('a value that is still what this store wrote follows this store, whoever else wrote it before', () => {
    // Act
    const decision = resolveConflicts(fields, {
      ...base,
      shopifyUpdatedAt: '2026-11-20T00:00:00Z',
      lastWritten: { telephone1: '+4930123456' },
      otherStores,
      defaultPolicy: 'crmWins',
    });
    // Assertions
    expect(decision.write).toEqual({ telephone1: '+14165550123' });
  });
});
