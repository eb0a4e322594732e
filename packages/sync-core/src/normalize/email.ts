/** An email as we store and match it. */
export interface NormalizedEmail {
  /** Trimmed and lower-cased; null when there was none. */
  value: string | null;
  /** False for something that is not an address at all (kept as typed, flagged, never dropped). */
  valid: boolean;
}

/** One @, something on each side, no spaces, a dot in the domain: enough to tell an address from noise. */
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Trims and lower-cases. Nothing provider-specific (no Gmail dot or plus rules): two addresses that differ after this
 * are two addresses, because treating them as one could merge two people.
 */
export function normalizeEmail(raw: string | null | undefined): NormalizedEmail {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return { value: null, valid: true };
  return { value, valid: SHAPE.test(value) };
}
