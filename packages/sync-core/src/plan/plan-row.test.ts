import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash';
import { planRowWrite, type RowWriteInput } from './plan-row';

const base: Omit<RowWriteInput, 'destination'> = {
  row: { firstname: 'Ann', emailaddress1: 'ann@example.com', sv_shopifyid: 'us_1', sv_lastcorrelationid: 'c-2' },
  keyColumn: 'sv_shopifyid',
  key: 'us_1',
  bookkeeping: ['sv_lastcorrelationid'],
  lastWritten: { firstname: 'Ann', emailaddress1: 'ann@old.example' },
  policies: {},
  defaultPolicy: 'crmWins',
  shopifyUpdatedAt: '2026-01-02T00:00:00.000Z',
};

describe('planRowWrite', () => {
  it('creates the whole row with our key', () => {
    const plan = planRowWrite({ ...base, destination: { kind: 'create' } });
    expect(plan).toEqual({
      kind: 'create',
      row: base.row,
      written: { firstname: 'Ann', emailaddress1: 'ann@example.com' },
    });
  });

  it('writes only what changed, and lets a column the CRM still holds as we wrote it follow Shopify', () => {
    const plan = planRowWrite({
      ...base,
      destination: {
        kind: 'update',
        id: 'c1',
        current: { firstname: 'Ann', emailaddress1: 'ann@old.example' },
        modifiedOn: '2026-01-03T00:00:00Z',
        currentKey: 'us_1',
      },
    });
    expect(plan).toMatchObject({
      kind: 'update',
      id: 'c1',
      row: { emailaddress1: 'ann@example.com', sv_lastcorrelationid: 'c-2' },
      kept: [],
    });
  });

  it('keeps a person’s CRM edit under crmWins, reports both values, and remembers what we wrote before', () => {
    const plan = planRowWrite({
      ...base,
      destination: {
        kind: 'update',
        id: 'c1',
        current: { firstname: 'Anne', emailaddress1: 'ann@example.com' },
        modifiedOn: '2026-01-03T00:00:00Z',
        currentKey: 'us_1',
      },
      row: { ...base.row, firstname: 'Annie' },
    });
    expect(plan).toEqual({
      kind: 'none',
      id: 'c1',
      written: { firstname: 'Ann', emailaddress1: 'ann@example.com' },
      kept: [{ column: 'firstname', shopify: 'Annie', crm: 'Anne', policy: 'crmWins' }],
    });
  });

  it('gives a matched row without a key ours, but never replaces another store’s key', () => {
    const current = { firstname: 'Ann', emailaddress1: 'ann@example.com' };
    const own = planRowWrite({
      ...base,
      lastWritten: null,
      destination: { kind: 'update', id: 'c1', current, modifiedOn: null, currentKey: null },
    });
    expect(own).toMatchObject({ kind: 'update', row: { sv_shopifyid: 'us_1', sv_lastcorrelationid: 'c-2' } });
    const shared = planRowWrite({
      ...base,
      lastWritten: null,
      destination: { kind: 'update', id: 'c1', current, modifiedOn: null, currentKey: 'eu_1' },
    });
    expect(shared).toMatchObject({ kind: 'none', id: 'c1' });
  });

  it('reads numbers and Dataverse times back as the text we wrote', () => {
    const plan = planRowWrite({
      ...base,
      row: { sv_orderscount: 3, sv_lastorderdate: '2026-01-01T10:00:00.000Z', sv_lastcorrelationid: 'c' },
      lastWritten: null,
      destination: {
        kind: 'update',
        id: 'c1',
        current: { sv_orderscount: 3, sv_lastorderdate: '2026-01-01T10:00:00Z' },
        modifiedOn: null,
        currentKey: 'us_1',
      },
    });
    expect(plan.kind).toBe('none');
  });
});

describe('planRowWrite on a row we never wrote', () => {
  const matched = (current: Record<string, unknown>) =>
    planRowWrite({
      ...base,
      lastWritten: null,
      defaultPolicy: 'newestWins',
      destination: { kind: 'update', id: 'c1', current, modifiedOn: '2030-01-01T00:00:00Z', currentKey: null },
    });

  it('fills what the CRM left empty even when the CRM row is newer', () => {
    expect(matched({ firstname: null, emailaddress1: 'ann@example.com' })).toMatchObject({
      kind: 'update',
      row: { firstname: 'Ann', sv_shopifyid: 'us_1' },
      kept: [],
    });
  });

  it('takes a value that differs only in case or padding as the same, keeping the CRM’s spelling', () => {
    const plan = matched({ firstname: 'ANN ', emailaddress1: 'Ann@Example.com' });
    expect(plan).toMatchObject({ kind: 'update', row: { sv_shopifyid: 'us_1' }, kept: [] });
    expect(plan.kind === 'update' && plan.row).not.toHaveProperty('firstname');
    expect(plan.written).toEqual({ firstname: 'ANN ', emailaddress1: 'Ann@Example.com' });
  });

  it('keeps a newer CRM value that really differs', () => {
    expect(matched({ firstname: 'Anna', emailaddress1: 'ann@example.com' })).toMatchObject({
      kept: [{ column: 'firstname', shopify: 'Ann', crm: 'Anna', policy: 'newestWins' }],
    });
  });
});

describe('contentHash', () => {
  it('ignores key order and sees every value', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: '1' }));
  });
});

describe('planRowWrite with several stores on one row (issue 11)', () => {
  const shared = {
    kind: 'update' as const,
    id: 'c1',
    current: { firstname: 'Ann', emailaddress1: 'ann@eu.example', sv_shopifyids: 'eu_1' },
    modifiedOn: '2026-01-05T00:00:00Z',
    currentKey: 'eu_1',
  };

  it('sets the owner and the store ids when it creates the row, and never on a row that exists', () => {
    // Act
    const created = planRowWrite({
      ...base,
      destination: { kind: 'create' },
      createOnly: { 'ownerid@odata.bind': '/teams(t1)' },
      maintained: { column: 'sv_shopifyids', value: 'us_1' },
    });
    const updated = planRowWrite({
      ...base,
      lastWritten: null,
      destination: shared,
      createOnly: { 'ownerid@odata.bind': '/teams(t1)' },
      maintained: { column: 'sv_shopifyids', value: 'eu_1; us_1' },
      otherWrites: [
        { storeKey: 'eu', updatedAt: '2026-01-01T00:00:00Z', written: { emailaddress1: 'ann@eu.example' } },
      ],
    });
    // Assertions
    expect(created.kind === 'create' && created.row).toMatchObject({
      'ownerid@odata.bind': '/teams(t1)',
      sv_shopifyids: 'us_1',
      sv_shopifyid: 'us_1',
    });
    expect(updated.kind === 'update' && updated.row).toEqual({
      emailaddress1: 'ann@example.com',
      sv_lastcorrelationid: 'c-2',
      sv_shopifyids: 'eu_1; us_1',
    });
  });

  it('keeps the value of the store whose record is newer, naming it, and writes only the ids', () => {
    // Act
    const plan = planRowWrite({
      ...base,
      lastWritten: null,
      destination: shared,
      maintained: { column: 'sv_shopifyids', value: 'eu_1; us_1' },
      otherWrites: [
        { storeKey: 'eu', updatedAt: '2026-01-03T00:00:00Z', written: { emailaddress1: 'ann@eu.example' } },
      ],
    });
    // Assertions
    expect(plan).toMatchObject({
      kind: 'update',
      row: { sv_lastcorrelationid: 'c-2', sv_shopifyids: 'eu_1; us_1' },
      kept: [
        {
          column: 'emailaddress1',
          crm: 'ann@eu.example',
          heldBy: { storeKey: 'eu', updatedAt: '2026-01-03T00:00:00Z' },
        },
      ],
    });
  });

  it('writes nothing when the ids are already there and nothing else changed', () => {
    // Act
    const plan = planRowWrite({
      ...base,
      row: { firstname: 'Ann', sv_shopifyid: 'us_1', sv_lastcorrelationid: 'c-2' },
      lastWritten: null,
      destination: { ...shared, current: { ...shared.current, sv_shopifyids: 'eu_1; us_1' } },
      maintained: { column: 'sv_shopifyids', value: 'eu_1; us_1' },
    });
    // Assertions
    expect(plan.kind).toBe('none');
  });
});
