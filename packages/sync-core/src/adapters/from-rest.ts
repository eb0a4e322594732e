import type { ShopifyAddress } from '../models/address';
import type { ShopifyCompany } from '../models/company';
import type { ShopifyCustomer } from '../models/customer';

/** A webhook body that cannot be read, naming what is wrong. */
export class RestBodyError extends Error {
  override readonly name = 'RestBodyError';
}

type Body = Record<string, unknown>;

function object(value: unknown, what: string): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new RestBodyError(`${what} is not an object`);
  return value as Body;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** ISO-8601 UTC; REST bodies write times with offsets ("2021-12-31T19:00:00-05:00") or spaces. */
function time(value: unknown, what: string): string {
  const parsed = typeof value === 'string' ? Date.parse(value.replace(' ', 'T').replace(' ', '')) : Number.NaN;
  if (Number.isNaN(parsed)) throw new RestBodyError(`${what} is not a time: ${JSON.stringify(value)}`);
  return new Date(parsed).toISOString();
}

/**
 * The gid and legacy id of a webhook's object. `admin_graphql_api_id` keeps every digit; the numeric `id` has already
 * lost precision above 2^53 once parsed (SHOPIFY.md), so it serves only when it is a safe integer.
 */
function identity(body: Body, type: string): { gid: string; legacyId: string } {
  const gid = text(body.admin_graphql_api_id);
  const match = gid ? new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(gid) : null;
  if (match?.[1]) return { gid: gid ?? '', legacyId: match[1] };
  if (typeof body.id === 'number' && Number.isSafeInteger(body.id)) {
    return { gid: `gid://shopify/${type}/${body.id}`, legacyId: String(body.id) };
  }
  throw new RestBodyError(`the ${type} has neither a ${type} gid in admin_graphql_api_id nor a safe numeric id`);
}

/** An address of a webhook body (customer, order, company location), in the canonical shape. */
export function addressFromRest(value: unknown, what = 'an address'): ShopifyAddress | null {
  if (value === null || value === undefined) return null;
  const body = object(value, what);
  return {
    firstName: text(body.first_name),
    lastName: text(body.last_name),
    company: text(body.company),
    address1: text(body.address1),
    address2: text(body.address2),
    city: text(body.city),
    province: text(body.province),
    provinceCode: text(body.province_code),
    zip: text(body.zip),
    country: text(body.country_name) ?? text(body.country),
    countryCode: text(body.country_code),
    phone: text(body.phone),
  };
}

/**
 * `orders_count` as the digits of a count, when a body carries it: older API versions wrote it on customer objects (a
 * JSON number, as in the 2022 order body under reference/shopify/real-store-responses); the customers/* samples of
 * 2026-04 no longer do. Anything but a plain non-negative integer is treated as absent rather than guessed at.
 */
function ordersCount(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value === 'string' && /^\d+$/.test(value)) return value.replace(/^0+(?=\d)/, '');
  return null;
}

/**
 * A customer from a `customers/*` webhook body (REST shape).
 *
 * Rollups: only `orders_count` means what `numberOfOrders` means, so only it is read. `total_spent` is left out
 * because its currency is not in the body (the body's `currency` is the currency of the customer's last order, not
 * of the total), and `last_order_id` names an order, not a date. Both stay null, which the mapper writes as nothing.
 */
export function customerFromRest(value: unknown): ShopifyCustomer {
  const body = object(value, 'the customer body');
  const { gid, legacyId } = identity(body, 'Customer');
  const tags =
    typeof body.tags === 'string'
      ? body.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean)
      : [];
  return {
    gid,
    legacyId,
    firstName: text(body.first_name),
    lastName: text(body.last_name),
    email: text(body.email),
    phone: text(body.phone),
    // REST writes the state in lower case; GraphQL's enum is upper case.
    state: (text(body.state) ?? 'disabled').toUpperCase(),
    tags,
    note: text(body.note),
    taxExempt: body.tax_exempt === true,
    createdAt: time(body.created_at, 'created_at'),
    updatedAt: time(body.updated_at, 'updated_at'),
    numberOfOrders: ordersCount(body.orders_count),
    amountSpent: null,
    lastOrderAt: null,
    defaultAddress: addressFromRest(body.default_address),
    addresses: Array.isArray(body.addresses)
      ? body.addresses.map((entry) => addressFromRest(entry)).filter((entry) => entry !== null)
      : [],
    companyGids: [],
  };
}

/** A company from a `companies/*` webhook body (REST shape): the company alone, without locations or contacts. */
export function companyFromRest(value: unknown): ShopifyCompany {
  const body = object(value, 'the company body');
  const { gid } = identity(body, 'Company');
  const name = text(body.name);
  if (!name) throw new RestBodyError(`company ${gid} has no name`);
  const mainContact = text(body.main_contact_admin_graphql_api_id);
  return {
    gid,
    name,
    externalId: text(body.external_id),
    note: text(body.note),
    createdAt: time(body.created_at, 'created_at'),
    updatedAt: time(body.updated_at, 'updated_at'),
    locations: [],
    contacts: mainContact ? [{ gid: mainContact, customerGid: null, isMain: true }] : [],
  };
}
