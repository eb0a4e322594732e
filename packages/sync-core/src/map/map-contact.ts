import type { ShopifyCustomer } from '../models/customer';
import { countryCode } from '../normalize/country';
import { CONTACT_LENGTHS } from '../normalize/crm-lengths';
import { normalizeEmail } from '../normalize/email';
import { normalizePhone } from '../normalize/phone';
import { CUSTOMER_SOURCES, fieldMapColumns, type FieldMapEntry } from './field-map';
import { decimalToJsonNumber } from './json-number';
import { addressColumns, fit } from './map-address';

export interface ContactMappingOptions {
  /** The store's key: `sv_shopifyid` is `<store key>_<legacy id>`. */
  storeKey: string;
  correlationId: string;
  /** Dynamics' country column as the English name or the ISO code (store setting). */
  countryAs: 'name' | 'code';
  /** Our columns' prefix (DESIGN.md: `sv` by default). */
  prefix?: string;
  /**
   * Write the rollup columns (orders count, amount spent and its currency, last order date: issue 6) that
   * provisioning adds to contacts. Default true; off for an org provisioned before they existed.
   */
  rollups?: boolean;
  /** The store's field map for contacts (settings `fieldMap.contact`): more columns, from the catalogue's sources. */
  fieldMap?: readonly FieldMapEntry[];
}

export interface ContactMapping {
  /** Alternate key value. */
  shopifyId: string;
  /**
   * The contact's columns as we would write them: text, null, or a JSON number for Whole Number and Decimal columns
   * (the Web API refuses those as strings). A column missing from the row is not written at all.
   */
  row: Record<string, string | number | null>;
  /** What had to be cut or could not be read: the sync log shows each. */
  warnings: string[];
  /** The values the matcher needs, normalised. */
  keys: { email: string | null; phone: string | null; postalCode: string | null };
}

/** Whole Number columns hold -2,147,483,648 to 2,147,483,647 (Dataverse's Integer type). */
const MAX_WHOLE_NUMBER = 2_147_483_647;

/** Decimal places of the amount spent column (packages/dataverse provisioning: precision 2). */
const AMOUNT_SPENT_PRECISION = 2;

/**
 * The rollup columns the customer carries a value for. A null rollup (a webhook body does not say) is left out, never
 * written as null, so a webhook never blanks what a full read wrote. A value the column cannot hold is left out with
 * a warning rather than failing the whole contact.
 */
function rollupColumns(customer: ShopifyCustomer, prefix: string, warnings: string[]): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  if (customer.numberOfOrders !== null) {
    const column = `${prefix}_orderscount`;
    // Checked as digits first, so that a huge UnsignedInt64 string is never turned into a rounded number.
    const digits = customer.numberOfOrders.replace(/^0+(?=\d)/, '');
    if (/^\d{1,10}$/.test(digits) && Number(digits) <= MAX_WHOLE_NUMBER) {
      row[column] = decimalToJsonNumber(digits, column);
    } else {
      warnings.push(
        `orders count "${customer.numberOfOrders}" does not fit a Whole Number column; ${column} not written`,
      );
    }
  }
  if (customer.amountSpent) {
    const column = `${prefix}_amountspent`;
    const { amount, currency } = customer.amountSpent;
    const decimals = /\.(\d*?)0*$/.exec(amount)?.[1] ?? '';
    if (decimals.length > AMOUNT_SPENT_PRECISION) {
      // Three-decimal currencies (KWD, BHD...): the CRM keeps two places and rounds the rest.
      warnings.push(
        `amount spent ${amount} ${currency} has more decimals than ${column} keeps (${AMOUNT_SPENT_PRECISION}); the CRM rounds it`,
      );
    }
    row[column] = decimalToJsonNumber(amount, column);
    row[`${prefix}_amountspentcurrency`] = currency;
  }
  if (customer.lastOrderAt) row[`${prefix}_lastorderdate`] = customer.lastOrderAt;
  return row;
}

/**
 * A Shopify customer as a Dynamics contact: names, email and phone normalised (E.164 by the address's country), the
 * default address fitted to Dynamics' columns, the rollups the customer carries, our key and the correlation id. Pure: the same customer and options
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
      // First, so that nothing the field map names can replace a column the sync writes (settings refuse it anyway).
      ...fieldMapColumns(CUSTOMER_SOURCES, customer, options.fieldMap, warnings),
      firstname: fit('firstname', customer.firstName?.trim() || null, CONTACT_LENGTHS.firstname, warnings),
      lastname: fit('lastname', customer.lastName?.trim() || null, CONTACT_LENGTHS.lastname, warnings),
      emailaddress1: fit('emailaddress1', email.value, CONTACT_LENGTHS.emailaddress1, warnings),
      telephone1: fit('telephone1', phone.value, CONTACT_LENGTHS.telephone1, warnings),
      ...address,
      ...(options.rollups === false ? {} : rollupColumns(customer, prefix, warnings)),
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
