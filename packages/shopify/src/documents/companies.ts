/** Documents for reading B2B companies with their locations and contacts. */

export const COMPANY_FIELDS = `#graphql
  fragment CompanyFields on Company {
    id
    name
    externalId
    note
    createdAt
    updatedAt
    locations(first: 20) {
      nodes {
        id
        name
        externalId
        billingAddress {
          ...CompanyAddressFields
        }
        shippingAddress {
          ...CompanyAddressFields
        }
      }
    }
    contacts(first: 50) {
      nodes {
        id
        isMainContact
        customer {
          id
        }
      }
    }
  }

  fragment CompanyAddressFields on CompanyAddress {
    address1
    address2
    city
    province
    zip
    countryCode
    zoneCode
    phone
    companyName
    recipient
  }
`;

export const COMPANIES_PAGE = `#graphql
  query CompaniesPage($first: Int!, $after: String, $query: String) {
    companies(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...CompanyFields
      }
    }
  }
  ${COMPANY_FIELDS}
`;

export const COMPANY_BY_ID = `#graphql
  query CompanyById($id: ID!) {
    company(id: $id) {
      ...CompanyFields
    }
  }
  ${COMPANY_FIELDS}
`;
