import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactCandidate,
  type CustomerKeys,
  matchCustomer,
  type MatchInput,
  type MatchKey,
  type MatchOutcome,
} from './match-customer';

/** Enough runs to meet the odd combinations; the whole file stays well under a second. */
const RUNS = { numRuns: 200 };

/**
 * Small pools, so that the generated customers and contacts collide on every key often: the same numeric id in two
 * stores, store keys that share a prefix (`us`, `us2`), a guest of each store, a key we cannot read.
 */
const SHOPIFY_IDS = ['us_1', 'us_2', 'eu_1', 'us2_1', 'us_guest_0a1b2c', 'eu_guest_0a1b2c'];
const CANDIDATE_KEYS = [...SHOPIFY_IDS, 'legacy-crm-42'];
const EMAILS = ['ada@example.com', 'bo@example.com'];
const PHONES = ['+14155550132', '+442079460018', '+4930901820'];
const FIRST_NAMES = ['Ada', 'Bo'];
const LAST_NAMES = ['Lovelace', 'Ng'];
const POSTAL_CODES = ['94103', 'SW1A 1AA'];
const ALL_KEYS: MatchKey[] = ['linkedId', 'alternateKey', 'email', 'phone', 'namePostal'];

const maybe = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: null });

const customerKeys: fc.Arbitrary<CustomerKeys> = fc.record({
  shopifyId: fc.constantFrom(...SHOPIFY_IDS),
  email: maybe(EMAILS),
  phone: maybe(PHONES),
  firstName: maybe(FIRST_NAMES),
  lastName: maybe(LAST_NAMES),
  postalCode: maybe(POSTAL_CODES),
});

/** A contact as the worker reads it; the CRM side may be cased and padded, since people type there. */
const candidate: fc.Arbitrary<ContactCandidate> = fc.record({
  id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'),
  shopifyId: maybe(CANDIDATE_KEYS),
  email: maybe([...EMAILS, ' ADA@Example.com ', 'someone@else.example']),
  phones: fc.subarray(PHONES),
  firstName: maybe([...FIRST_NAMES, 'ADA']),
  lastName: maybe([...LAST_NAMES, 'lovelace']),
  postalCode: maybe([...POSTAL_CODES, 'sw1a1aa']),
});

/** Dataverse enforces our alternate key: two rows never carry the same `sv_shopifyid`, and ids are unique. */
const candidates = fc.uniqueArray(candidate, { selector: (row) => row.id, maxLength: 5 }).map((rows) => {
  const seen = new Set<string>();
  return rows.map((row) => {
    if (row.shopifyId === null) return row;
    if (seen.has(row.shopifyId)) return { ...row, shopifyId: null };
    seen.add(row.shopifyId);
    return row;
  });
});

const keyOrder = fc.shuffledSubarray(ALL_KEYS, { minLength: 1 });

const input: fc.Arbitrary<MatchInput> = fc.record({
  customer: customerKeys,
  linkedId: fc.option(fc.constantFrom('linked-1', 'c1'), { nil: null }),
  candidates,
  keys: keyOrder,
});

const storeOf = (shopifyId: string) => /^([a-z0-9]+)_/.exec(shopifyId)?.[1] ?? null;
const isGuest = (shopifyId: string) => /^[a-z0-9]+_guest_/.test(shopifyId);

/** The rule the matcher must keep: a row keyed to another customer of the same store is that customer's. */
function fencedOff(customer: CustomerKeys, row: ContactCandidate): boolean {
  if (row.shopifyId === null || row.shopifyId === customer.shopifyId) return false;
  const theirs = storeOf(row.shopifyId);
  if (theirs === null) return true;
  if (theirs !== storeOf(customer.shopifyId)) return false;
  return !isGuest(row.shopifyId) && !isGuest(customer.shopifyId);
}

/** An independent reading of each key, to check the matcher's choice against. */
function holds(key: MatchKey, customer: CustomerKeys, row: ContactCandidate): boolean {
  const fold = (text: string | null) => text?.trim().toLowerCase() || null;
  const postal = (text: string | null) => fold(text)?.replace(/\s/g, '') ?? null;
  switch (key) {
    case 'linkedId':
      return false;
    case 'alternateKey':
      return row.shopifyId === customer.shopifyId;
    case 'email':
      return customer.email !== null && fold(row.email) === customer.email;
    case 'phone':
      return customer.phone !== null && row.phones.includes(customer.phone);
    case 'namePostal':
      return (
        fold(customer.lastName) !== null &&
        fold(customer.postalCode) !== null &&
        fold(row.lastName) === fold(customer.lastName) &&
        fold(row.firstName) === fold(customer.firstName) &&
        postal(row.postalCode) === postal(customer.postalCode)
      );
  }
}

/** The decision without the order the CRM happened to list the rows in. */
function decision(outcome: MatchOutcome) {
  if (outcome.kind !== 'ambiguous') return outcome;
  return { ...outcome, candidates: [...outcome.candidates].sort((a, b) => a.id.localeCompare(b.id)) };
}

describe('matchCustomer (properties)', () => {
  it('always updates the linked row when there is one, whatever else exists', () => {
    fc.assert(
      fc.property(input, fc.constantFrom('linked-1', 'c1'), (given, linkedId) => {
        expect(matchCustomer({ ...given, linkedId })).toEqual({ kind: 'update', id: linkedId, matchedOn: 'linkedId' });
      }),
      RUNS,
    );
  });

  it('always updates the row carrying our own alternate key, whatever else exists and whatever the key order', () => {
    fc.assert(
      fc.property(input, fc.nat(), (given, at) => {
        // Setup: one row carries the customer's key (Dataverse allows only one), anywhere in the list.
        const others = given.candidates
          .filter((row) => row.id !== 'own')
          .map((row) => (row.shopifyId === given.customer.shopifyId ? { ...row, shopifyId: null } : row));
        const own: ContactCandidate = {
          id: 'own',
          shopifyId: given.customer.shopifyId,
          email: null,
          phones: [],
          firstName: null,
          lastName: null,
          postalCode: null,
        };
        const rows = [...others];
        rows.splice(at % (rows.length + 1), 0, own);

        // Action
        const outcome = matchCustomer({ ...given, linkedId: null, candidates: rows });

        // Assertions
        expect(outcome).toEqual({ kind: 'update', id: 'own', matchedOn: 'alternateKey' });
      }),
      RUNS,
    );
  });

  it('never answers create, ambiguous or skip while a linked row or our alternate key exists', () => {
    fc.assert(
      fc.property(input, (given) => {
        const outcome = matchCustomer(given);
        const exact =
          given.linkedId !== null || given.candidates.some((row) => row.shopifyId === given.customer.shopifyId);
        if (exact) expect(outcome.kind).toBe('update');
      }),
      RUNS,
    );
  });

  it('chooses only rows that match on the key it names, and never another customer of the same store', () => {
    fc.assert(
      fc.property(input, (given) => {
        const outcome = matchCustomer({ ...given, linkedId: null });
        const row = (id: string) => given.candidates.find((each) => each.id === id);
        if (outcome.kind === 'update' && outcome.matchedOn !== 'alternateKey') {
          const chosen = row(outcome.id);
          expect(chosen && holds(outcome.matchedOn, given.customer, chosen)).toBe(true);
          expect(chosen && fencedOff(given.customer, chosen)).toBe(false);
          expect(given.keys).toContain(outcome.matchedOn);
        }
        if (outcome.kind === 'ambiguous') {
          expect(outcome.candidates.length).toBeGreaterThan(1);
          for (const { id, matchedOn } of outcome.candidates) {
            const chosen = row(id);
            expect(chosen && holds(outcome.key, given.customer, chosen)).toBe(true);
            expect(chosen && fencedOff(given.customer, chosen)).toBe(false);
            expect(matchedOn).toContain(outcome.key);
          }
        }
      }),
      RUNS,
    );
  });

  it('creates only when no row it may use matches on any of the store’s keys, and skips only a nameless customer', () => {
    fc.assert(
      fc.property(input, (given) => {
        const outcome = matchCustomer({ ...given, linkedId: null });
        const usable = given.candidates.filter(
          (row) =>
            holds('alternateKey', given.customer, row) ||
            (!fencedOff(given.customer, row) && given.keys.some((key) => holds(key, given.customer, row))),
        );
        const { email, phone, firstName, lastName } = given.customer;
        if (outcome.kind === 'create' || outcome.kind === 'skip') expect(usable).toEqual([]);
        if (outcome.kind === 'skip') expect([email, phone, firstName, lastName]).toEqual([null, null, null, null]);
        if (usable.length === 0) expect(['create', 'skip']).toContain(outcome.kind);
      }),
      RUNS,
    );
  });

  it('decides the same whatever order the CRM lists the rows in', () => {
    fc.assert(
      fc.property(
        input.chain((given) =>
          fc.tuple(
            fc.constant(given),
            fc.shuffledSubarray(given.candidates, {
              minLength: given.candidates.length,
            }),
          ),
        ),
        ([given, shuffled]) => {
          const first = matchCustomer(given);
          const second = matchCustomer({ ...given, candidates: shuffled });
          expect(decision(second)).toEqual(decision(first));
        },
      ),
      RUNS,
    );
  });

  it('treats a row keyed by another store as if it had no key, for every key but our own', () => {
    fc.assert(
      fc.property(input, (given) => {
        const mine = storeOf(given.customer.shopifyId);
        const unkeyed = given.candidates.map((row) =>
          row.shopifyId !== null && storeOf(row.shopifyId) !== null && storeOf(row.shopifyId) !== mine
            ? { ...row, shopifyId: null }
            : row,
        );
        expect(matchCustomer({ ...given, candidates: unkeyed })).toEqual(matchCustomer(given));
      }),
      RUNS,
    );
  });
});
