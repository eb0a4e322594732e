/** Turns the schema's address inputs into AddressRecords, filling country and province names as Shopify does. */
import type { AddressRecord } from '../records';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * Region names of the countries whose regions the simulator knows in full (Shopify's US list has the territories and
 * armed-forces codes); other countries' codes are kept as given, and their names where the input has one.
 */
const PROVINCES: Record<string, Record<string, string>> = {
  US: {
    AL: 'Alabama',
    AK: 'Alaska',
    AS: 'American Samoa',
    AZ: 'Arizona',
    AR: 'Arkansas',
    AA: 'Armed Forces Americas',
    AE: 'Armed Forces Europe',
    AP: 'Armed Forces Pacific',
    CA: 'California',
    CO: 'Colorado',
    CT: 'Connecticut',
    DE: 'Delaware',
    DC: 'District of Columbia',
    FM: 'Federated States of Micronesia',
    FL: 'Florida',
    GA: 'Georgia',
    GU: 'Guam',
    HI: 'Hawaii',
    ID: 'Idaho',
    IL: 'Illinois',
    IN: 'Indiana',
    IA: 'Iowa',
    KS: 'Kansas',
    KY: 'Kentucky',
    LA: 'Louisiana',
    ME: 'Maine',
    MH: 'Marshall Islands',
    MD: 'Maryland',
    MA: 'Massachusetts',
    MI: 'Michigan',
    MN: 'Minnesota',
    MS: 'Mississippi',
    MO: 'Missouri',
    MT: 'Montana',
    NE: 'Nebraska',
    NV: 'Nevada',
    NH: 'New Hampshire',
    NJ: 'New Jersey',
    NM: 'New Mexico',
    NY: 'New York',
    NC: 'North Carolina',
    ND: 'North Dakota',
    MP: 'Northern Mariana Islands',
    OH: 'Ohio',
    OK: 'Oklahoma',
    OR: 'Oregon',
    PW: 'Palau',
    PA: 'Pennsylvania',
    PR: 'Puerto Rico',
    RI: 'Rhode Island',
    SC: 'South Carolina',
    SD: 'South Dakota',
    TN: 'Tennessee',
    TX: 'Texas',
    UM: 'U.S. Outlying Islands',
    VI: 'U.S. Virgin Islands',
    UT: 'Utah',
    VT: 'Vermont',
    VA: 'Virginia',
    WA: 'Washington',
    WV: 'West Virginia',
    WI: 'Wisconsin',
    WY: 'Wyoming',
  },
  CA: {
    AB: 'Alberta',
    BC: 'British Columbia',
    MB: 'Manitoba',
    NB: 'New Brunswick',
    NL: 'Newfoundland and Labrador',
    NT: 'Northwest Territories',
    NS: 'Nova Scotia',
    NU: 'Nunavut',
    ON: 'Ontario',
    PE: 'Prince Edward Island',
    QC: 'Quebec',
    SK: 'Saskatchewan',
    YT: 'Yukon',
  },
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

/** The code of a region given by name ("Ohio" -> "OH"), for the countries whose regions the simulator knows. */
function provinceCodeByName(country: string, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  return Object.entries(PROVINCES[country] ?? {}).find(([, regionName]) => regionName.toLowerCase() === wanted)?.[0];
}

export function addressFromInput(id: number, input: MailingAddressInput): AddressRecord {
  const countryCode = countryCodeOf(input);
  const named = countryCode && input.province ? provinceCodeByName(countryCode, input.province) : undefined;
  const provinceCode =
    input.provinceCode ?? named ?? (input.province && input.province.length <= 3 ? input.province.toUpperCase() : null);
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

/**
 * Whether the input names a region its country does not have, for the countries whose regions the simulator knows in
 * full (a region given by code or by name; none given is not checked).
 */
export function hasUnknownProvince(input: MailingAddressInput): boolean {
  const country = countryCodeOf(input);
  const regions = country ? PROVINCES[country] : undefined;
  if (!regions) return false;
  const code = input.provinceCode?.trim().toUpperCase();
  if (code) return !(code in regions);
  const name = input.province?.trim();
  if (!name) return false;
  return (
    !(name.toUpperCase() in regions) && !Object.values(regions).some((n) => n.toLowerCase() === name.toLowerCase())
  );
}
