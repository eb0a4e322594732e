import type { MatchKey, MatchOutcome } from '../match/match-customer';

/**
 * How much each key says about two records being one person, alone. Email is strong but shared inboxes exist; a
 * phone is shared by households and switchboards; a name with a postal code is a hint.
 */
const KEY_WEIGHT: Record<MatchKey, number> = {
  linkedId: 1,
  alternateKey: 1,
  email: 0.7,
  phone: 0.55,
  namePostal: 0.4,
};

/** A score from 0 to 1 for a candidate, from the keys it matched on: independent evidence adds up. */
export function matchConfidence(matchedOn: MatchKey[]): number {
  const doubt = [...new Set(matchedOn)].reduce((product, key) => product * (1 - KEY_WEIGHT[key]), 1);
  return Math.round((1 - doubt) * 100) / 100;
}

/** What a person decided in the merge queue (db `MergeDecision`). */
export type PersonDecision = { kind: 'link'; crmId: string } | { kind: 'create' } | { kind: 'ignore' };

/** Where the record goes after the matcher, and a person's decision when there is one. */
export type Resolution =
  | { kind: 'create' }
  | { kind: 'update'; id: string; matchedOn: MatchKey | 'decision' }
  | { kind: 'ambiguous'; key: MatchKey; candidates: { id: string; matchedOn: MatchKey[]; confidence: number }[] }
  | { kind: 'skip'; reason: string };

/**
 * A person's decision stands over the matcher's guessless "ambiguous" (that is what it was asked for), but never over
 * our own key or a link: those are exact. `ignore` keeps the record out of the CRM until someone decides otherwise.
 */
export function resolveMatch(
  outcome: MatchOutcome,
  decision: { decision: PersonDecision; by: string | null } | undefined,
): Resolution {
  if (outcome.kind === 'update' && (outcome.matchedOn === 'linkedId' || outcome.matchedOn === 'alternateKey')) {
    return outcome;
  }
  if (decision) {
    const { decision: made, by } = decision;
    if (made.kind === 'link') return { kind: 'update', id: made.crmId, matchedOn: 'decision' };
    if (made.kind === 'create') return { kind: 'create' };
    return { kind: 'skip', reason: `ignored in the merge queue by ${by ?? 'a person'}` };
  }
  if (outcome.kind === 'ambiguous') {
    return {
      ...outcome,
      candidates: outcome.candidates
        .map((candidate) => ({ ...candidate, confidence: matchConfidence(candidate.matchedOn) }))
        .sort((a, b) => b.confidence - a.confidence),
    };
  }
  return outcome;
}
