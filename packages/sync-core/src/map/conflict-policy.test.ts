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
