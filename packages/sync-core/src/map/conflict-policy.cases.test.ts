import { describe, expect, it } from 'vitest';
import { type ConflictContext, type ConflictPolicy, resolveConflicts } from './conflict-policy';

/**
 * One story for every row: at the last sync we wrote the phone `WRITTEN`; since then a person changed it in the CRM
 * to `EDITED` (the row's `modifiedon` moved), and the customer changed it in Shopify to `SHOPIFY`.
 */
const WRITTEN = '+14165550100';
const EDITED = '+14165550999';
const SHOPIFY = '+14165550123';

const LAST_SYNC = '2026-11-20T10:00:00Z';
const CRM_EDIT = '2026-11-21T09:00:00Z';
/** Shopify's change before the CRM edit, or after it. */
const SHOPIFY_AT = { crm: '2026-11-20T18:00:00Z', shopify: '2026-11-22T08:00:00Z' } as const;

/** What we remember writing: the phone as written; nothing (a contact we matched but never wrote); or the CRM value. */
const REMEMBERED = {
  /** The person's edit is visible: the CRM no longer holds what we wrote. */
  edited: { telephone1: WRITTEN },
  /** Nothing remembered: every difference counts as an edit. */
  none: null,
  /** The person edited another column: this one still holds what we wrote, although `modifiedon` moved. */
  untouched: { telephone1: EDITED },
} as const;

type Newer = keyof typeof SHOPIFY_AT;
type Remembered = keyof typeof REMEMBERED;

function decide(policy: ConflictPolicy, remembered: Remembered, newer: Newer, crm: string | null = EDITED) {
  const context: ConflictContext = {
    policies: {},
    defaultPolicy: policy,
    shopifyUpdatedAt: SHOPIFY_AT[newer],
    crmModifiedOn: CRM_EDIT,
    lastWritten: REMEMBERED[remembered],
  };
  return resolveConflicts([{ column: 'telephone1', shopify: SHOPIFY, crm }], context);
}

describe('resolveConflicts: a contact edited in the CRM after the last sync', () => {
  it('starts from a CRM edit made after the last sync', () => {
    expect(Date.parse(CRM_EDIT)).toBeGreaterThan(Date.parse(LAST_SYNC));
    expect(Date.parse(SHOPIFY_AT.crm)).toBeLessThan(Date.parse(CRM_EDIT));
    expect(Date.parse(SHOPIFY_AT.shopify)).toBeGreaterThan(Date.parse(CRM_EDIT));
  });

  it.each<[ConflictPolicy, Remembered, Newer, 'write' | 'keep']>([
    ['shopifyWins', 'edited', 'shopify', 'write'],
    ['shopifyWins', 'edited', 'crm', 'write'],
    ['shopifyWins', 'none', 'shopify', 'write'],
    ['shopifyWins', 'none', 'crm', 'write'],
    ['shopifyWins', 'untouched', 'shopify', 'write'],
    ['shopifyWins', 'untouched', 'crm', 'write'],
    ['crmWins', 'edited', 'shopify', 'keep'],
    ['crmWins', 'edited', 'crm', 'keep'],
    ['crmWins', 'none', 'shopify', 'keep'],
    ['crmWins', 'none', 'crm', 'keep'],
    ['crmWins', 'untouched', 'shopify', 'write'],
    ['crmWins', 'untouched', 'crm', 'write'],
    ['newestWins', 'edited', 'shopify', 'write'],
    ['newestWins', 'edited', 'crm', 'keep'],
    ['newestWins', 'none', 'shopify', 'write'],
    ['newestWins', 'none', 'crm', 'keep'],
    ['newestWins', 'untouched', 'shopify', 'write'],
    ['newestWins', 'untouched', 'crm', 'write'],
    ['fillEmptyOnly', 'edited', 'shopify', 'keep'],
    ['fillEmptyOnly', 'edited', 'crm', 'keep'],
    ['fillEmptyOnly', 'none', 'shopify', 'keep'],
    ['fillEmptyOnly', 'none', 'crm', 'keep'],
    ['fillEmptyOnly', 'untouched', 'shopify', 'write'],
    ['fillEmptyOnly', 'untouched', 'crm', 'write'],
  ])('%s, last written: %s, newer: %s -> %s', (policy, remembered, newer, expected) => {
    // Action
    const decision = decide(policy, remembered, newer);

    // Assertions
    if (expected === 'write') expect(decision).toEqual({ write: { telephone1: SHOPIFY }, kept: [] });
    else
      expect(decision).toEqual({ write: {}, kept: [{ column: 'telephone1', shopify: SHOPIFY, crm: EDITED, policy }] });
  });

  it.each<[ConflictPolicy, Newer, 'write' | 'keep']>([
    ['shopifyWins', 'crm', 'write'],
    ['crmWins', 'shopify', 'keep'],
    ['newestWins', 'shopify', 'write'],
    ['newestWins', 'crm', 'keep'],
    ['fillEmptyOnly', 'crm', 'keep'],
  ])('Shopify unchanged, the person’s edit under %s, newer: %s -> %s', (policy, newer, expected) => {
    // Setup: Shopify still holds what we wrote; only the CRM moved.
    const decision = resolveConflicts([{ column: 'telephone1', shopify: WRITTEN, crm: EDITED }], {
      policies: {},
      defaultPolicy: policy,
      shopifyUpdatedAt: SHOPIFY_AT[newer],
      crmModifiedOn: CRM_EDIT,
      lastWritten: REMEMBERED.edited,
    });

    // Assertions: newestWins compares whole records, so a later Shopify change elsewhere carries this column too.
    if (expected === 'write') expect(decision.write).toEqual({ telephone1: WRITTEN });
    else expect(decision.kept).toEqual([{ column: 'telephone1', shopify: WRITTEN, crm: EDITED, policy }]);
  });

  it.each<[string | null]>([[null], ['']])('fillEmptyOnly fills a value the person emptied (%j)', (emptied) => {
    expect(decide('fillEmptyOnly', 'edited', 'crm', emptied).write).toEqual({ telephone1: SHOPIFY });
  });

  it('writes nothing and keeps nothing where the person typed what Shopify now holds, under every policy', () => {
    for (const policy of ['shopifyWins', 'crmWins', 'newestWins', 'fillEmptyOnly'] as const) {
      expect(decide(policy, 'edited', 'crm', SHOPIFY)).toEqual({ write: {}, kept: [] });
    }
  });

  it('newestWins: a tie goes to Shopify, and a row with no modifiedon counts as older', () => {
    const base = {
      policies: {},
      defaultPolicy: 'newestWins' as const,
      lastWritten: REMEMBERED.edited,
    };
    const field = [{ column: 'telephone1', shopify: SHOPIFY, crm: EDITED }];
    expect(resolveConflicts(field, { ...base, shopifyUpdatedAt: CRM_EDIT, crmModifiedOn: CRM_EDIT }).write).toEqual({
      telephone1: SHOPIFY,
    });
    expect(resolveConflicts(field, { ...base, shopifyUpdatedAt: SHOPIFY_AT.crm, crmModifiedOn: null }).write).toEqual({
      telephone1: SHOPIFY,
    });
  });

  it('newestWins compares instants, not the text of timestamps in other offsets', () => {
    // 08:30Z in Shopify against 10:00+02:00 (08:00Z) in the CRM: Shopify is newer, although "10" sorts after "08".
    const decision = resolveConflicts([{ column: 'telephone1', shopify: SHOPIFY, crm: EDITED }], {
      policies: {},
      defaultPolicy: 'newestWins',
      shopifyUpdatedAt: '2026-11-21T08:30:00Z',
      crmModifiedOn: '2026-11-21T10:00:00+02:00',
      lastWritten: REMEMBERED.edited,
    });
    expect(decision.write).toEqual({ telephone1: SHOPIFY });
  });

  it('decides each column by its own policy, the default for the rest, and only where the values differ', () => {
    // Setup: the person edited the phone and the email; the first name agrees.
    const fields = [
      { column: 'telephone1', shopify: SHOPIFY, crm: EDITED },
      { column: 'emailaddress1', shopify: 'ada@new.example', crm: 'ada@typed-in-crm.example' },
      { column: 'firstname', shopify: 'Ada', crm: 'Ada' },
    ];

    // Action
    const decision = resolveConflicts(fields, {
      policies: { telephone1: 'crmWins' },
      defaultPolicy: 'shopifyWins',
      shopifyUpdatedAt: SHOPIFY_AT.crm,
      crmModifiedOn: CRM_EDIT,
      lastWritten: { telephone1: WRITTEN, emailaddress1: 'ada@example.com', firstname: 'Ada' },
    });

    // Assertions
    expect(decision).toEqual({
      write: { emailaddress1: 'ada@new.example' },
      kept: [{ column: 'telephone1', shopify: SHOPIFY, crm: EDITED, policy: 'crmWins' }],
    });
  });
});
