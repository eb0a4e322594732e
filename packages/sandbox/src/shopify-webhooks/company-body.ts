import { time, type RestValue } from './rest-json';

/** companies/create in REST shape, after docs sample companies_create.json (reference/shopify/webhooks/). */

/** The company by id. */
export const COMPANY_QUERY = `#graphql
  query RestCompanyBody($id: ID!) {
    node(id: $id) {
      ... on Company { id name note externalId createdAt updatedAt customerSince mainContact { id } }
    }
  }
`;

/** Result of {@link COMPANY_QUERY}. */
export interface CompanyQueryResult {
  node: {
    id: string;
    name: string;
    note: string | null;
    externalId: string | null;
    createdAt: string;
    updatedAt: string;
    customerSince: string;
    mainContact: { id: string } | null;
  } | null;
}

/** The company body; unlike most REST bodies it has no numeric `id`, only the gid (as the docs sample shows). */
export function companyBody(result: CompanyQueryResult): RestValue {
  const company = result.node;
  if (!company) throw new Error('company not found');
  return {
    name: company.name,
    note: company.note,
    external_id: company.externalId,
    main_contact_admin_graphql_api_id: company.mainContact?.id ?? null,
    created_at: time(company.createdAt),
    updated_at: time(company.updatedAt),
    customer_since: time(company.customerSince),
    admin_graphql_api_id: company.id,
  };
}
