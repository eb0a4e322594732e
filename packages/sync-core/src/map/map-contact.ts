import type { ShopifyAddress } from '../models/address';
import type { ShopifyCustomer } from '../models/customer';
import { fitAddressLines } from '../normalize/address-lines';
import { countryCode, countryName, region } from '../normalize/country';
import { ADDRESS_LENGTHS, CONTACT_LENGTHS } from '../normalize/crm-lengths';
import { normalizeEmail } from '../normalize/email';
import { normalizePhone } from '../normalize/phone';

export interface ContactMappingOptions {
  /** The store's key: `sv_shopifyid` is `<store key>_<legacy id>`. */
  storeKey: string;
  correlationId: string;
  /** Dynamics' country column as the English name or the ISO code (store setting). */
  countryAs: 'name' | 'code';
  /** Our columns' prefix (DESIGN.md: `sv` by default). */
  prefix?: string;
}

export interface ContactMapping {
  /** Alternate key value. */
  shopifyId: string;
  /** The contact's columns as we would write them. */
  row: Record<string, string | null>;
  /** What had to be cut or could not be read: the sync log shows each. */
  warnings: string[];
  /** The values the matcher needs, normalised. */
  keys: { email: string | null; phone: string | null; postalCode: string | null };
}

function fit(column: string, value: string | null, max: number, warnings: string[]): string | null {
  if (value === null || value.length <= max) return value;
  warnings.push(`${column} was cut to ${max} characters: "${value}"`);
  return value.slice(0, max);
}

function address(
  source: ShopifyAddress,
  options: ContactMappingOptions,
  warnings: string[],
): Record<string, string | null> {
  const fitted = fitAddressLines([source.address1, source.address2], ADDRESS_LENGTHS.lines, ADDRESS_LENGTHS.line);
  if (fitted.cut) warnings.push(`address lines were cut; lost: "${fitted.cut}"`);
  const country = countryCode({ code: source.countryCode, name: source.country });
  if (!country && (source.countryCode || source.country)) {
    warnings.push(`country "${source.countryCode ?? source.country}" is not an ISO 3166 country; written as given`);
  }
  const area = country ? region(country, { code: source.provinceCode, name: source.province }) : null;
  if (country && !area && (source.provinceCode || source.province)) {
    warnings.push(`region "${source.provinceCode ?? source.province}" is not a region of ${country}; written as given`);
  }
  const countryText = country
    ? options.countryAs === 'code'
      ? country
      : (countryName(country) ?? country)
    : source.country;
  const regionText = area ? (options.countryAs === 'code' ? area.code : area.name) : source.province;
  return {
    address1_line1: fitted.lines[0] ?? null,
    address1_line2: fitted.lines[1] ?? null,
    address1_line3: fitted.lines[2] ?? null,
    address1_city: fit('address1_city', source.city, ADDRESS_LENGTHS.city, warnings),
    address1_stateorprovince: fit('address1_stateorprovince', regionText, ADDRESS_LENGTHS.stateorprovince, warnings),
    address1_postalcode: fit('address1_postalcode', source.zip?.trim() ?? null, ADDRESS_LENGTHS.postalcode, warnings),
    address1_country: fit('address1_country', countryText, ADDRESS_LENGTHS.country, warnings),
  };
}

/**
 * A Shopify customer as a Dynamics contact: names, email and phone normalised (E.164 by the address's country), the
 * default address fitted to Dynamics' columns, our key and the correlation id. Pure: the same customer and options
 * always give the same row.
 */
export function mapCustomerToContact(customer: ShopifyCustomer, options: ContactMappingOptions): ContactMapping {
  const prefix = options.prefix ?? 'sv';
  const warnings: string[] = [];
  const email = normalizeEmail(customer.email);
  if (!email.valid) warnings.push(`email "${customer.email}" is not an address; written as given`);
  const defaultCountry = customer.defaultAddress
    ? countryCode({ code: customer.defaultAddress.countryCode, name: customer.defaultAddress.country })
    : null;
  const phone = normalizePhone(customer.phone ?? customer.defaultAddress?.phone, defaultCountry);
  if (phone.value && !phone.e164) warnings.push(`phone "${phone.value}" is not a valid number; written as given`);
  const shopifyId = `${options.storeKey}_${customer.legacyId}`;
  const addressColumns = customer.defaultAddress ? address(customer.defaultAddress, options, warnings) : {};
  return {
    shopifyId,
    row: {
      firstname: fit('firstname', customer.firstName?.trim() || null, CONTACT_LENGTHS.firstname, warnings),
      lastname: fit('lastname', customer.lastName?.trim() || null, CONTACT_LENGTHS.lastname, warnings),
      emailaddress1: fit('emailaddress1', email.value, CONTACT_LENGTHS.emailaddress1, warnings),
      telephone1: fit('telephone1', phone.value, CONTACT_LENGTHS.telephone1, warnings),
      ...addressColumns,
      [`${prefix}_shopifyid`]: shopifyId,
      [`${prefix}_lastcorrelationid`]: options.correlationId,
    },
    warnings,
    keys: {
      email: email.valid ? email.value : null,
      phone: phone.e164 ? phone.value : null,
      postalCode: customer.defaultAddress?.zip?.trim() ?? null,
    },
  };
}
