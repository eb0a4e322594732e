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
  /** Deprecated, yet 2025-01's customerUpdate uses it to update an existing address in place (schema.ts). */
  id?: string | null;
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

/**
 * `address` with the fields `input` gives (a field left out keeps its value); a new country drops the old region
 * unless the input gives one, since a region only means something within its country.
 */
export function updateAddressFromInput(address: AddressRecord, input: MailingAddressInput): AddressRecord {
  const given = <K extends keyof MailingAddressInput>(key: K) => input[key] !== undefined;
  const countryChanged = given('countryCode') || given('country');
  const regionGiven = given('provinceCode') || given('province');
  return addressFromInput(address.id, {
    firstName: given('firstName') ? input.firstName : address.firstName,
    lastName: given('lastName') ? input.lastName : address.lastName,
    company: given('company') ? input.company : address.company,
    address1: given('address1') ? input.address1 : address.address1,
    address2: given('address2') ? input.address2 : address.address2,
    city: given('city') ? input.city : address.city,
    zip: given('zip') ? input.zip : address.zip,
    phone: given('phone') ? input.phone : address.phone,
    ...(countryChanged
      ? { countryCode: input.countryCode ?? null, country: input.country ?? null }
      : { countryCode: address.countryCode, country: address.country }),
    ...(regionGiven
      ? { provinceCode: input.provinceCode ?? null, province: input.province ?? null }
      : countryChanged
        ? {}
        : { provinceCode: address.provinceCode, province: address.province }),
  });
}
