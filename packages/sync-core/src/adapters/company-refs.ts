import { RestBodyError } from './from-rest';

/** What a `company_locations/*` or `company_contacts/*` delivery asks us to re-sync. */
export interface CompanyRef {
  /** The company whose account (and locations) to re-sync. */
  companyGid: string;
  /** `company_contacts/*`: the customer who is the contact, to re-sync under the account; null if not given. */
  customerGid: string | null;
  /** `company_locations/*`: the location that changed; null for contacts or if not given. */
  locationGid: string | null;
}

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The field's value when it is a gid of that type; numeric ids are never read (they can exceed 2^53). */
function gidOf(value: unknown, type: string): string | null {
  return typeof value === 'string' && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value) ? value : null;
}

/**
 * The company (and the customer or location) a `company_locations/*` or `company_contacts/*` webhook body is about.
 * Only the gid fields are read; a body without a company gid in `company.admin_graphql_api_id` is refused with a
 * RestBodyError naming the field and the topic, since we could not tell which account to re-sync.
 */
export function companyRefFromRest(topic: 'company_locations' | 'company_contacts', body: unknown): CompanyRef {
  if (!isObject(body)) throw new RestBodyError(`the ${topic} body is not an object`);
  const company = body.company;
  const companyGid = isObject(company) ? gidOf(company.admin_graphql_api_id, 'Company') : null;
  if (!companyGid) {
    const value = isObject(company) ? company.admin_graphql_api_id : undefined;
    const found = !isObject(company) ? 'no company object' : value === undefined ? 'nothing' : JSON.stringify(value);
    throw new RestBodyError(
      `the ${topic} body has no company gid in company.admin_graphql_api_id (found ${found}); ` +
        'cannot tell which company to re-sync',
    );
  }
  if (topic === 'company_contacts') {
    return { companyGid, customerGid: gidOf(body.customer_admin_graphql_api_id, 'Customer'), locationGid: null };
  }
  return { companyGid, customerGid: null, locationGid: gidOf(body.admin_graphql_api_id, 'CompanyLocation') };
}
