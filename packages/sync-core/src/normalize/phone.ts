import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** A phone number as we store and match it. */
export interface NormalizedPhone {
  /** E.164 (`+14165550123`) when the number is valid; otherwise the number as typed, trimmed. Null when none. */
  value: string | null;
  /** True when `value` is E.164. An invalid number is kept as typed and flagged, never dropped. */
  e164: boolean;
}

/**
 * Parses with libphonenumber, taking the address's country as the region for numbers written without a country code
 * ("(416) 555-0123" in Canada). Idempotent: an E.164 number parses to itself.
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string | null): NormalizedPhone {
  const typed = raw?.trim() ?? '';
  if (typed === '') return { value: null, e164: false };
  const region = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(typed, region);
  if (parsed?.isValid()) return { value: parsed.number, e164: true };
  return { value: typed, e164: false };
}
