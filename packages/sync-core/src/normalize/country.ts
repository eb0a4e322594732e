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
  if (code && countries.isValid(code)) return countries.alpha3ToAlpha2(code) ?? code;
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
  iso: string;
  code: string;
  name: string;
}

/**
 * The region of `country` given by code ("ON") or name ("Ontario"), or null when the country has no such region, or
 * no regions at all (Singapore). Codes are compared without case; names also without accents.
 */
export function region(country: string, input: { code?: string | null; name?: string | null }): Region | null {
  const known = entry(country.toUpperCase());
  if (!known) return null;
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  const code = input.code
    ?.trim()
    .toUpperCase()
    .replace(new RegExp(`^${country.toUpperCase()}-`), '');
  const name = input.name ? fold(input.name) : undefined;
  const match = known[2].find(
    ([regionName, regionCode]) =>
      (code !== undefined && code !== '' && regionCode.toUpperCase() === code) ||
      (name !== undefined && fold(regionName) === name),
  );
  return match ? { iso: `${known[1]}-${match[1]}`, code: match[1], name: match[0] } : null;
}
