import type { ShopifyCustomer } from '../models/customer';
import { countryCode } from '../normalize/country';
import { CONTACT_LENGTHS } from '../normalize/crm-lengths';
import { normalizeEmail } from '../normalize/email';
import { normalizePhone } from '../normalize/phone';
import { addressColumns, fit } from './map-address';

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
  const address = customer.defaultAddress
    ? addressColumns(customer.defaultAddress, 'address1', options.countryAs, warnings)
    : {};
  return {
    shopifyId,
    row: {
      firstname: fit('firstname', customer.firstName?.trim() || null, CONTACT_LENGTHS.firstname, warnings),
      lastname: fit('lastname', customer.lastName?.trim() || null, CONTACT_LENGTHS.lastname, warnings),
      emailaddress1: fit('emailaddress1', email.value, CONTACT_LENGTHS.emailaddress1, warnings),
      telephone1: fit('telephone1', phone.value, CONTACT_LENGTHS.telephone1, warnings),
      ...address,
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
