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

function address(value: unknown): ShopifyAddress | null {
  if (value === null || value === undefined) return null;
  const body = object(value, 'an address');
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

/** A customer from a `customers/*` webhook body (REST shape). */
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
    numberOfOrders: null,
    amountSpent: null,
    defaultAddress: address(body.default_address),
    addresses: Array.isArray(body.addresses) ? body.addresses.map(address).filter((entry) => entry !== null) : [],
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
