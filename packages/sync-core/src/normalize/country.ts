import * as regions from 'country-region-data';
import countries from 'i18n-iso-countries';

/** [country name, alpha-2, [region name, region code][]] as country-region-data publishes it. */
type CountryEntry = [string, string, [string, string][]];

function entry(alpha2: string): CountryEntry | undefined {
  return (regions as unknown as Record<string, CountryEntry | undefined>)[alpha2];
}

/**
 * ISO 3166-1 alpha-2 for a country given by code or by name (in any language i18n-iso-countries knows), or null when
 * neither can be read. Shopify sends codes (`countryCodeV2`); names come from CRM edits and older payloads.
 */
export function countryCode(input: { code?: string | null; name?: string | null }): string | null {
  const code = input.code?.trim().toUpperCase();
  // isValid also accepts numeric codes ("124"); toAlpha2 turns any of the three forms into the alpha-2 we promise.
  const fromCode = code && countries.isValid(code) ? countries.toAlpha2(code) : undefined;
  if (fromCode) return fromCode;
  const name = input.name?.trim();
  if (!name) return null;
  for (const language of countries.langs()) {
    const found = countries.getAlpha2Code(name, language);
    if (found) return found;
  }
  return null;
}

/** The English short name of a country (what Dynamics' address country column shows by default). */
export function countryName(alpha2: string): string | null {
  return countries.getName(alpha2, 'en') ?? null;
}

/** A region validated against its country: its ISO 3166-2 code (`CA-ON`) and name. */
export interface Region {
  /** Null for the few regions the data knows by name only (Puerto Rico's municipalities). */
  iso: string | null;
  /** The code within the country ("ON"); the name where the data has no code, as the best a code column can show. */
  code: string;
  name: string;
}

/** country-region-data writes a region it has no code for with the code "undefined" (PR, CK, FO...) or "". */
const hasCode = (regionCode: string) => regionCode !== '' && regionCode !== 'undefined';

/**
 * The region of `country` given by code ("ON") or name ("Ontario"), or null when the country has no such region, or
 * no regions at all (Singapore). Codes are compared without case; names also without accents.
 */
export function region(country: string, input: { code?: string | null; name?: string | null }): Region | null {
  const known = entry(country.toUpperCase());
  if (!known) return null;
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  // Both the caller and the data may give the full ISO 3166-2 code: the data does for DK, FI, MA, PH and RO ("RO-AB"),
  // where Shopify sends the part after the dash ("AB").
  const prefix = `${known[1]}-`;
  const own = (text: string) => {
    const upper = text.trim().toUpperCase();
    return upper.startsWith(prefix) ? upper.slice(prefix.length) : upper;
  };
  const code = input.code ? own(input.code) : undefined;
  const name = input.name ? fold(input.name) : undefined;
  const match = known[2].find(
    ([regionName, regionCode]) =>
      (code !== undefined && code !== '' && hasCode(regionCode) && own(regionCode) === code) ||
      (name !== undefined && fold(regionName) === name),
  );
  if (!match) return null;
  const [regionName, regionCode] = match;
  return hasCode(regionCode)
    ? { iso: `${known[1]}-${own(regionCode)}`, code: own(regionCode), name: regionName }
    : { iso: null, code: regionName, name: regionName };
}
