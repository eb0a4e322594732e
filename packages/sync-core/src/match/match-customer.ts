/** The keys a customer can be matched on, in the order a store's settings put them. */
export type MatchKey = 'linkedId' | 'alternateKey' | 'email' | 'phone' | 'namePostal';

/** A CRM contact that might be this customer, as the worker read it (values already normalised). */
export interface ContactCandidate {
  id: string;
  /** `sv_shopifyid` of the row, when it has one. */
  shopifyId: string | null;
  email: string | null;
  /** E.164 where valid. */
  phones: string[];
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
}

/** What the matcher knows of the customer, normalised. */
export interface CustomerKeys {
  /** `<store key>_<legacy id>`: our alternate key value. */
  shopifyId: string;
  email: string | null;
  /** E.164 only: a number we could not read is never a matching key. */
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
}

export interface MatchInput {
  customer: CustomerKeys;
  /** The CRM row this customer is linked to (entity_links), if any. */
  linkedId: string | null;
  /** Every candidate the worker found by any key; the matcher decides what each one means. */
  candidates: ContactCandidate[];
  /** The keys to try, in order (store settings). `linkedId` and `alternateKey` always come first. */
  keys: MatchKey[];
}

export type MatchOutcome =
  | { kind: 'create' }
  | { kind: 'update'; id: string; matchedOn: MatchKey }
  | { kind: 'ambiguous'; key: MatchKey; candidates: { id: string; matchedOn: MatchKey[] }[] }
  | { kind: 'skip'; reason: string };

const fold = (text: string | null) => text?.normalize('NFKC').trim().toLowerCase() || null;

/** `<store key>_<legacy id>`: store keys are lowercase letters and digits (DESIGN.md, "Identity and keys"). */
const OUR_KEY = /^([a-z0-9]+)_(.+)$/;

/**
 * Whether a candidate's `sv_shopifyid` says it is another person than this customer. Within one store a Shopify id
 * is one person, so a row keyed to another customer of the same store is that customer's mirror. A row keyed by
 * another store is not: one contact is linked from several stores (issue 6, the identity graph), so the same person
 * buying in a second store must find it by email or phone. A guest buyer's key (`<store>_guest_<hash>`) stands for
 * an email, not a person Shopify knows, so it does not fence a contact off from that store's customer with the same
 * email (who signed up after buying as a guest), nor the other way round. A key we cannot read stays a fence: it
 * names someone, and we cannot tell whom.
 */
function mirrorsSomeoneElse(customer: CustomerKeys, candidate: ContactCandidate): boolean {
  if (candidate.shopifyId === null || candidate.shopifyId === customer.shopifyId) return false;
  const theirs = OUR_KEY.exec(candidate.shopifyId);
  const ours = OUR_KEY.exec(customer.shopifyId);
  if (!theirs || !ours) return true;
  if (theirs[1] !== ours[1]) return false;
  return !theirs[2]?.startsWith('guest_') && !ours[2]?.startsWith('guest_');
}

function matches(key: MatchKey, customer: CustomerKeys, candidate: ContactCandidate): boolean {
  switch (key) {
    case 'linkedId':
      return false; // decided before the candidates, from entity_links
    case 'alternateKey':
      return candidate.shopifyId === customer.shopifyId;
    case 'email':
      return customer.email !== null && fold(candidate.email) === customer.email;
    case 'phone':
      return customer.phone !== null && candidate.phones.includes(customer.phone);
    case 'namePostal':
      return (
        fold(customer.lastName) !== null &&
        fold(customer.postalCode) !== null &&
        fold(candidate.lastName) === fold(customer.lastName) &&
        fold(candidate.firstName) === fold(customer.firstName) &&
        fold(candidate.postalCode)?.replace(/\s/g, '') === fold(customer.postalCode)?.replace(/\s/g, '')
      );
  }
}

/**
 * Decides where a customer goes (issue 6): its linked row; else the row carrying its alternate key; else the keys in
 * the store's order, where one candidate is a match and several are a question for a person (a shared inbox is not
 * a guess). A row keyed to another customer of the same store is never a candidate; one keyed by another store is
 * (the identity graph). Deterministic keys only, so the same input always gives the same answer.
 */
export function matchCustomer(input: MatchInput): MatchOutcome {
  const { customer, candidates } = input;
  if (input.linkedId) return { kind: 'update', id: input.linkedId, matchedOn: 'linkedId' };
  // Our own key is never negotiable: it was written by us for exactly this customer.
  const byAlternateKey = candidates.filter((candidate) => matches('alternateKey', customer, candidate));
  if (byAlternateKey.length > 0) return { kind: 'update', id: byAlternateKey[0]?.id ?? '', matchedOn: 'alternateKey' };

  const keys = input.keys.filter((key) => key !== 'linkedId' && key !== 'alternateKey');
  for (const key of keys) {
    const hits = candidates.filter(
      (candidate) => !mirrorsSomeoneElse(customer, candidate) && matches(key, customer, candidate),
    );
    const unique = [...new Map(hits.map((hit) => [hit.id, hit])).values()];
    if (unique.length === 1 && unique[0]) return { kind: 'update', id: unique[0].id, matchedOn: key };
    if (unique.length > 1) {
      return {
        kind: 'ambiguous',
        key,
        candidates: unique.map((candidate) => ({
          id: candidate.id,
          matchedOn: keys.filter((other) => matches(other, customer, candidate)),
        })),
      };
    }
  }
  if (!customer.email && !customer.phone && !customer.lastName && !customer.firstName) {
    return { kind: 'skip', reason: 'the customer has no email, phone or name to create a contact from' };
  }
  return { kind: 'create' };
}
