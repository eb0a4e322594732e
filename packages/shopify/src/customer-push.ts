/**
 * CRM -> Shopify (issue 12): a customer's email, phone and default address as a CRM edit leaves them, written with one
 * `customerUpdate`, answering what Shopify now holds so the caller can keep it as the link's last written state.
 */
import { countryCode, customerFromGraphql, normalizePhone, region, type ShopifyCustomer } from '@shopverse/sync-core';
import type { ShopifyClient } from './client';
import { CUSTOMER_FIELDS } from './documents/customers';
import { ADDRESS_FIELDS } from './documents/fragments';
import type { AddressFieldsFragment, CustomerFieldsFragment } from './generated/admin.generated';

/**
 * The default address as the CRM holds it. A field left undefined keeps what Shopify has; null clears it. `province`
 * may be a name ("Ontario") or a code ("ON"); `country` is a name, `countryCode` ISO 3166-1 alpha-2 and preferred.
 */
export interface CustomerAddressChange {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  country?: string | null;
  countryCode?: string | null;
  company?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
}

/** What changed in the CRM: undefined = unchanged, null = cleared. */
export interface CustomerChanges {
  customerGid: string;
  email?: string | null;
  phone?: string | null;
  /**
   * The country (name or code) a phone written without a country code is read in, such as the contact's address
   * country; an address in the change takes precedence.
   */
  phoneCountry?: string | null;
  /** The default address's new fields; null deletes the default address (Shopify then makes another the default). */
  address?: CustomerAddressChange | null;
}

/** A refusal, as Shopify's UserError has it; `code` only on the ones we find before sending (2025-01 sends none). */
export interface PushUserError {
  field: string[] | null;
  message: string;
  code?: string;
}

/** What the push left in Shopify. */
export interface CustomerPushResult {
  /** The customer's new `updatedAt`; null when Shopify refused the change (see `userErrors`). */
  updatedAt: string | null;
  /** The customer as Shopify now holds it, mapped as `readCustomer` maps it; null when refused. */
  customer: ShopifyCustomer | null;
  userErrors: PushUserError[];
  /** Query cost of every request the push made (the address read and the mutation), as Shopify reported it. */
  cost: { requested: number; actual: number };
}

/** MailingAddressInput, with the `id` that 2025-01 still honours for an in-place update though it is deprecated. */
interface MailingAddressInput {
  id?: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  company: string | null;
  countryCode: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  provinceCode: string | null;
  zip: string | null;
}

type AddressNode = AddressFieldsFragment & { id: string };

interface CustomerAddressesQuery {
  customer: {
    id: string;
    defaultAddress: { id: string } | null;
    addressesV2: { nodes: AddressNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}

interface CustomerPushMutation {
  customerUpdate: {
    customer: CustomerFieldsFragment | null;
    userErrors: { field: string[] | null; message: string }[];
  } | null;
}

/** The customer's addresses with their ids, a page at a time (a short page keeps the query cheap). */
const CUSTOMER_ADDRESSES = `#graphql
  query CustomerAddresses($id: ID!, $after: String) {
    customer(id: $id) {
      id
      defaultAddress {
        id
      }
      addressesV2(first: 25, after: $after) {
        nodes {
          id
          ...AddressFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${ADDRESS_FIELDS}
`;

const CUSTOMER_PUSH = `#graphql
  mutation CustomerPush($input: CustomerInput!) {
    customerUpdate(input: $input) {
      customer {
        ...CustomerFields
      }
      userErrors {
        field
        message
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

/** Shopify's own words when the customer is gone (customerUpdate answers the same for an unknown id). */
const NO_CUSTOMER: PushUserError = { field: ['id'], message: 'Customer does not exist' };

/**
 * Writes the changed fields with one `customerUpdate`. When the address changes, the customer's addresses are read
 * first: 2025-01 takes `addresses` as the whole list (an address left out is deleted) and updates one in place only
 * when given its id, so the list goes back complete, every other address as it was and the default (first, so that
 * it stays the default even where an id were ignored) with the new fields. Transport failures and throttling throw
 * `ShopifyApiError` as every request does; Shopify's refusals come back in `userErrors`.
 */
export async function pushCustomerChanges(
  client: ShopifyClient,
  changes: CustomerChanges,
  options: { correlationId: string },
): Promise<CustomerPushResult> {
  const cost = { requested: 0, actual: 0 };
  const request = async <T>(document: string, variables: Record<string, unknown>): Promise<T> => {
    const answer = await client.requestWithCost<T>(document, { variables, correlationId: options.correlationId });
    cost.requested += answer.requestedCost ?? 0;
    cost.actual += answer.actualCost ?? 0;
    return answer.data;
  };
  const refused = (userErrors: PushUserError[]): CustomerPushResult => ({
    updatedAt: null,
    customer: null,
    userErrors,
    cost,
  });

  const input: Record<string, unknown> = { id: changes.customerGid };
  if (changes.email !== undefined) input.email = changes.email;
  if (changes.phone !== undefined) input.phone = changes.phone === null ? null : e164(changes.phone, changes);
  if (changes.address !== undefined) {
    const current = await readAddresses(changes.customerGid, request);
    if (!current) return refused([NO_CUSTOMER]);
    const others = current.addresses.filter((address) => address.id !== current.defaultId).map(addressInput);
    if (changes.address === null) {
      input.addresses = others;
    } else {
      const previous = current.addresses.find((address) => address.id === current.defaultId) ?? null;
      const merged = mergeAddress(previous, changes.address);
      if ('error' in merged) return refused([merged.error]);
      input.addresses = [merged.input, ...others];
    }
  }

  const data = await request<CustomerPushMutation>(CUSTOMER_PUSH, { input });
  const payload = data.customerUpdate;
  const userErrors = (payload?.userErrors ?? []).map(({ field, message }) => ({ field, message }));
  if (!payload?.customer || userErrors.length > 0) return refused(userErrors.length ? userErrors : [NO_CUSTOMER]);
  const customer = customerFromGraphql(payload.customer);
  return { updatedAt: customer.updatedAt, customer, userErrors: [], cost };
}

/** Every address of the customer with its id, and which is the default; null when the shop has no such customer. */
async function readAddresses(
  gid: string,
  request: <T>(document: string, variables: Record<string, unknown>) => Promise<T>,
): Promise<{ defaultId: string | null; addresses: AddressNode[] } | null> {
  const addresses: AddressNode[] = [];
  let defaultId: string | null = null;
  for (let after: string | null = null, more = true; more;) {
    const data: CustomerAddressesQuery = await request<CustomerAddressesQuery>(CUSTOMER_ADDRESSES, { id: gid, after });
    if (!data.customer) return null;
    defaultId = data.customer.defaultAddress?.id ?? null;
    addresses.push(...data.customer.addressesV2.nodes);
    more = data.customer.addressesV2.pageInfo.hasNextPage && data.customer.addressesV2.pageInfo.endCursor !== null;
    after = data.customer.addressesV2.pageInfo.endCursor;
  }
  return { defaultId, addresses };
}

/** An address as read, sent back unchanged (all its fields, in case Shopify takes the entry as a whole). */
function addressInput(address: AddressNode): MailingAddressInput {
  return {
    id: address.id,
    address1: address.address1 ?? null,
    address2: address.address2 ?? null,
    city: address.city ?? null,
    company: address.company ?? null,
    countryCode: address.countryCodeV2 ?? null,
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    phone: address.phone ?? null,
    provinceCode: address.provinceCode ?? null,
    zip: address.zip ?? null,
  };
}

/**
 * The default address's input: what Shopify has, overwritten by each field the change gives, with the country as
 * the ISO code Shopify's enum takes and the region as its code where our data knows it. A country we cannot read is
 * refused here: Shopify's CountryCode enum would fail the whole request rather than answer a userError.
 */
export function mergeAddress(
  previous: AddressNode | null,
  change: CustomerAddressChange,
): { input: MailingAddressInput } | { error: PushUserError } {
  const base: MailingAddressInput = previous
    ? addressInput(previous)
    : {
        address1: null,
        address2: null,
        city: null,
        company: null,
        countryCode: null,
        firstName: null,
        lastName: null,
        phone: null,
        provinceCode: null,
        zip: null,
      };
  const pick = (key: keyof CustomerAddressChange & keyof MailingAddressInput): string | null =>
    change[key] !== undefined ? (change[key] ?? null) : (base[key] ?? null);
  const countryGiven = change.countryCode !== undefined || change.country !== undefined;
  const country = countryGiven ? countryCode({ code: change.countryCode, name: change.country }) : base.countryCode;
  if (countryGiven && !country && (change.countryCode || change.country)) {
    return {
      error: {
        field: ['addresses', '0', 'countryCode'],
        message: `Country "${change.countryCode ?? change.country}" is not a country Shopify knows; correct the CRM address's country`,
        code: 'INVALID_COUNTRY',
      },
    };
  }
  const regionGiven = change.provinceCode !== undefined || change.province !== undefined;
  let provinceCode = regionGiven
    ? (change.provinceCode ?? change.province ?? null)
    : countryGiven
      ? null
      : base.provinceCode;
  if (regionGiven && country && provinceCode) {
    // An unknown region goes as written: Shopify decides whether the country needs one and answers if it is wrong.
    provinceCode =
      region(country, { code: change.provinceCode ?? change.province, name: change.province })?.code ?? provinceCode;
  }
  const phone = pick('phone');
  return {
    input: {
      ...(previous ? { id: previous.id } : {}),
      address1: pick('address1'),
      address2: pick('address2'),
      city: pick('city'),
      company: pick('company'),
      countryCode: country ?? null,
      firstName: pick('firstName'),
      lastName: pick('lastName'),
      phone: phone === null ? null : (normalizePhone(phone, country).value ?? phone),
      provinceCode,
      zip: pick('zip'),
    },
  };
}

/**
 * The phone in E.164 where it can be read (in the change's address country, else `phoneCountry`, when written
 * without a country code); otherwise as typed, for Shopify to refuse with its own userError.
 */
function e164(phone: string, changes: CustomerChanges): string {
  const country =
    (changes.address ? countryCode({ code: changes.address.countryCode, name: changes.address.country }) : null) ??
    (changes.phoneCountry ? countryCode({ code: changes.phoneCountry, name: changes.phoneCountry }) : null);
  return normalizePhone(phone, country).value ?? phone;
}

/**
 * The CRM's composite address columns (`<prefix>_line1..3`, `_city`, `_stateorprovince`, `_postalcode`, `_country`,
 * `_telephone1`) as the default address's change; a column the row lacks is left unchanged, an empty one cleared.
 * Lines 2 and 3 share Shopify's `address2`. The contact's `firstname`/`lastname`, when the row has them, name the
 * address too.
 */
export function addressFromCrmColumns(row: Record<string, unknown>, prefix = 'address1'): CustomerAddressChange {
  const column = (name: string): string | null | undefined => {
    if (!(name in row)) return undefined;
    const value = row[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const change: CustomerAddressChange = {};
  const set = <K extends keyof CustomerAddressChange>(key: K, value: string | null | undefined) => {
    if (value !== undefined) change[key] = value;
  };
  set('address1', column(`${prefix}_line1`));
  const line2 = column(`${prefix}_line2`);
  const line3 = column(`${prefix}_line3`);
  if (line2 !== undefined || line3 !== undefined) set('address2', [line2, line3].filter(Boolean).join(', ') || null);
  set('city', column(`${prefix}_city`));
  set('province', column(`${prefix}_stateorprovince`));
  set('zip', column(`${prefix}_postalcode`));
  const country = column(`${prefix}_country`);
  if (country !== undefined) {
    // The CRM column holds a name or, per the store's settings, an ISO code: either reads as the code.
    change.country = country;
    change.countryCode = country === null ? null : countryCode({ code: country, name: country });
  }
  set('phone', column(`${prefix}_telephone1`));
  set('firstName', column('firstname'));
  set('lastName', column('lastname'));
  return change;
}
