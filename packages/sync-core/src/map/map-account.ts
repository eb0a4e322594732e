import { createHash } from 'node:crypto';
import type { ShopifyAddress } from '../models/address';
import type { ShopifyCompany, ShopifyCompanyLocation } from '../models/company';
import type { ShopifyCustomer } from '../models/customer';
import { ACCOUNT_LENGTHS } from '../normalize/crm-lengths';
import { addressColumns, fit } from './map-address';

/** How accounts are written: the contact's options plus where a B2B company's locations go (store settings). */
export interface AccountMappingOptions {
  /** The store's key: `sv_shopifyid` is `<store key>_<legacy id>`. */
  storeKey: string;
  correlationId: string;
  /** Dynamics' country column as the English name or the ISO code (store setting). */
  countryAs: 'name' | 'code';
  /** Our columns' prefix (DESIGN.md: `sv` by default). */
  prefix?: string;
  /** A company location as the account's addresses (main location only) or as a child account of its own. */
  companyLocationAs: 'address' | 'childAccount';
}

/** One account as we would write it, with what the links and the sync log need to know about it. */
export interface AccountRow {
  /** `sv_shopifyid` value: the account's alternate key. */
  shopifyId: string;
  /** Shopify gid mirrored (entity_links keys on it; address companies get a synthetic `gid://shopify/AddressCompany/<hash>`). */
  shopifyGid: string;
  shopifyType: 'company' | 'company_location' | 'address_company';
  /** The account's columns; lookups as `…@odata.bind` to an alternate key. */
  row: Record<string, string | null>;
  /** What had to be cut or could not be read: the sync log shows each. */
  warnings: string[];
}

/** A B2B company's account and, when locations are child accounts, one account per location (else empty). */
export interface CompanyAccounts {
  account: AccountRow;
  locations: AccountRow[];
}

/** Thrown when a Shopify value cannot become an account at all (no id, no name, a key Dataverse cannot address). */
export class AccountMappingError extends Error {
  override readonly name = 'AccountMappingError';
  readonly code = 'account.unmappable';
}

// Dataverse alternate key values with these characters break key URLs (DATAVERSE.md, "Alternate keys").
const KEY_FORBIDDEN = /[/<>*%&:\\?+]/;

function checkedKey(key: string): string {
  const bad = KEY_FORBIDDEN.exec(key);
  if (bad) {
    throw new AccountMappingError(
      `account key "${key}" contains "${bad[0]}", which Dataverse cannot use in a key (/ < > * % & : \\ ? +); check the store key it was built from`,
    );
  }
  return key;
}

/** The digits that end a gid; numeric ids can exceed 2^53, so they stay a string. */
function legacyIdOf(gid: string): string {
  const digits = /(\d+)$/.exec(gid)?.[1];
  if (!digits) throw new AccountMappingError(`Shopify id "${gid}" does not end with a numeric id`);
  return digits;
}

/** An OData key predicate value: a string literal in single quotes, with single quotes inside doubled. */
function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function accountBindPath(accountKey: string, prefix: string): string {
  return `/accounts(${prefix}_shopifyid=${odataString(checkedKey(accountKey))})`;
}

/** The column that puts a contact under an account, by the account's alternate key. */
export function parentAccountBind(accountKey: string, prefix = 'sv'): Record<string, string> {
  return { 'parentcustomerid_account@odata.bind': accountBindPath(accountKey, prefix) };
}

const EMPTY_ADDRESS: ShopifyAddress = {
  firstName: null,
  lastName: null,
  company: null,
  address1: null,
  address2: null,
  city: null,
  province: null,
  provinceCode: null,
  zip: null,
  country: null,
  countryCode: null,
  phone: null,
};

/**
 * An address in one of the account's address slots, or every column of the slot null when there is none (the
 * account mirrors Shopify, so a removed address is cleared). The warnings say which address they are about.
 */
function addressSlot(
  source: ShopifyAddress | null,
  slot: 'address1' | 'address2',
  what: string,
  options: AccountMappingOptions,
  warnings: string[],
): Record<string, string | null> {
  const own: string[] = [];
  const columns = addressColumns(source ?? EMPTY_ADDRESS, slot, options.countryAs, own);
  warnings.push(...own.map((warning) => `${what}: ${warning}`));
  return columns;
}

const trimmed = (value: string | null): string | null => value?.trim() || null;

function ourColumns(key: string, options: AccountMappingOptions): Record<string, string> {
  const prefix = options.prefix ?? 'sv';
  return { [`${prefix}_shopifyid`]: key, [`${prefix}_lastcorrelationid`]: options.correlationId };
}

function locationLabel(location: ShopifyCompanyLocation): string {
  return `"${location.name}" (${location.gid})`;
}

function locationAccount(
  company: ShopifyCompany,
  companyKey: string,
  location: ShopifyCompanyLocation,
  options: AccountMappingOptions,
): AccountRow {
  const warnings: string[] = [];
  const key = checkedKey(`${options.storeKey}_location_${legacyIdOf(location.gid)}`);
  const locationName = location.name.trim() || `location ${legacyIdOf(location.gid)}`;
  return {
    shopifyId: key,
    shopifyGid: location.gid,
    shopifyType: 'company_location',
    row: {
      name: fit('name', `${company.name.trim()} - ${locationName}`, ACCOUNT_LENGTHS.name, warnings),
      accountnumber: fit('accountnumber', trimmed(location.externalId), ACCOUNT_LENGTHS.accountnumber, warnings),
      ...addressSlot(location.billingAddress, 'address1', 'billing address', options, warnings),
      ...addressSlot(location.shippingAddress, 'address2', 'shipping address', options, warnings),
      'parentaccountid@odata.bind': accountBindPath(companyKey, options.prefix ?? 'sv'),
      ...ourColumns(key, options),
    },
    warnings,
  };
}

/**
 * B2B: a Shopify company -> its account, and (childAccount mode) one child account per location.
 *
 * In `address` mode the main location (the first) gives the account's billing (`address1_*`) and shipping
 * (`address2_*`) addresses and other locations are not written (a warning names them). In `childAccount` mode the
 * company account carries no address and each location is an account under it (`parentaccountid`), keyed
 * `<store>_location_<id>`. Pure: the same company and options always give the same rows.
 */
export function mapCompanyToAccounts(company: ShopifyCompany, options: AccountMappingOptions): CompanyAccounts {
  const name = company.name.trim();
  if (!name) throw new AccountMappingError(`company ${company.gid} has no name; Dynamics requires an account name`);
  const key = checkedKey(`${options.storeKey}_${legacyIdOf(company.gid)}`);
  const warnings: string[] = [];
  let address: Record<string, string | null> = {};
  if (options.companyLocationAs === 'address') {
    const [main, ...others] = company.locations;
    if (main) {
      const where = `location ${locationLabel(main)}`;
      address = {
        ...addressSlot(main.billingAddress, 'address1', `billing address of ${where}`, options, warnings),
        ...addressSlot(main.shippingAddress, 'address2', `shipping address of ${where}`, options, warnings),
      };
      if (others.length > 0) {
        warnings.push(
          `the account has the addresses of the main location ${locationLabel(main)} only; ` +
            `not written: ${others.map(locationLabel).join(', ')}; ` +
            'the setting companyLocationAs: childAccount keeps every location, each as an account of its own',
        );
      }
    } else {
      // A `companies/*` body carries no locations: leaving the columns out keeps what the CRM has.
      warnings.push(`company ${company.gid} came without locations; the account's addresses were left as they are`);
    }
  }
  const account: AccountRow = {
    shopifyId: key,
    shopifyGid: company.gid,
    shopifyType: 'company',
    row: {
      name: fit('name', name, ACCOUNT_LENGTHS.name, warnings),
      accountnumber: fit('accountnumber', trimmed(company.externalId), ACCOUNT_LENGTHS.accountnumber, warnings),
      description: fit('description', trimmed(company.note), ACCOUNT_LENGTHS.description, warnings),
      ...address,
      ...ourColumns(key, options),
    },
    warnings,
  };
  const locations =
    options.companyLocationAs === 'childAccount'
      ? company.locations.map((location) => locationAccount(company, key, location, options))
      : [];
  return { account, locations };
}

/**
 * The identity of a company typed on addresses: one account per store and name however it is spelled ("ACME Ltd",
 * " acme  ltd"), so the first 16 hex characters of the SHA-256 of the NFKC-normalised, lower-cased,
 * whitespace-collapsed name.
 */
export function addressCompanyHash(name: string): string {
  const normalised = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised, 'utf8').digest('hex').slice(0, 16);
}

/**
 * The account for the company named on a customer's default address; null when the address names no company.
 * Its address is that default address (the last customer synced with it wins); its key is
 * `<store>_company_<hash of the name>` (see addressCompanyHash).
 */
export function mapAddressCompanyToAccount(
  customer: ShopifyCustomer,
  options: AccountMappingOptions,
): AccountRow | null {
  const source = customer.defaultAddress;
  const name = trimmed(source?.company ?? null);
  if (!source || !name) return null;
  const hash = addressCompanyHash(name);
  const key = checkedKey(`${options.storeKey}_company_${hash}`);
  const warnings: string[] = [];
  return {
    shopifyId: key,
    // entity_links accepts only `gid://shopify/...`; the type is ours, the id the name's hash.
    shopifyGid: `gid://shopify/AddressCompany/${hash}`,
    shopifyType: 'address_company',
    row: {
      name: fit('name', name, ACCOUNT_LENGTHS.name, warnings),
      ...addressSlot(source, 'address1', `default address of customer ${customer.gid}`, options, warnings),
      ...ourColumns(key, options),
    },
    warnings,
  };
}
