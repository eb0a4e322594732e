/** Turns the schema's address inputs into AddressRecords, filling country and province names as Shopify does. */
import type { AddressRecord } from '../records';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Province names for the countries the demo stores sell to; other codes are kept as given. */
const PROVINCES: Record<string, Record<string, string>> = {
  US: {
    AL: 'Alabama',
    AK: 'Alaska',
    AZ: 'Arizona',
    CA: 'California',
    CO: 'Colorado',
    FL: 'Florida',
    GA: 'Georgia',
    IL: 'Illinois',
    MA: 'Massachusetts',
    NY: 'New York',
    NJ: 'New Jersey',
    OR: 'Oregon',
    PA: 'Pennsylvania',
    TX: 'Texas',
    WA: 'Washington',
  },
  CA: { AB: 'Alberta', BC: 'British Columbia', ON: 'Ontario', QC: 'Quebec' },
};

/** MailingAddressInput (countryCode, provinceCode). */
export interface MailingAddressInput {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  company?: string | null;
  countryCode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  /** OrderCreateCustomerAddressInput spells country and province by name or code. */
  country?: string | null;
  province?: string | null;
}

function countryCodeOf(input: MailingAddressInput): string | null {
  if (input.countryCode) return input.countryCode;
  const given = input.country?.trim();
  if (!given) return null;
  if (/^[A-Za-z]{2}$/.test(given)) return given.toUpperCase();
  for (const code of Object.keys(PROVINCES).concat([
    'GB',
    'DE',
    'FR',
    'BE',
    'NL',
    'DK',
    'ES',
    'IT',
    'SE',
    'AU',
    'IE',
    'AT',
    'CH',
    'NO',
    'FI',
    'PL',
    'PT',
    'JP',
    'NZ',
  ]))
    if (regionNames.of(code)?.toLowerCase() === given.toLowerCase()) return code;
  return null;
}

export function addressFromInput(id: number, input: MailingAddressInput): AddressRecord {
  const countryCode = countryCodeOf(input);
  const provinceCode =
    input.provinceCode ?? (input.province && input.province.length <= 3 ? input.province.toUpperCase() : null);
  const provinceName =
    (countryCode && provinceCode ? PROVINCES[countryCode]?.[provinceCode] : undefined) ??
    input.province ??
    provinceCode;
  return {
    id,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    province: provinceName ?? null,
    provinceCode: provinceCode ?? null,
    zip: input.zip ?? null,
    country: countryCode ? (regionNames.of(countryCode) ?? input.country ?? null) : (input.country ?? null),
    countryCode,
    phone: input.phone ?? null,
  };
}
