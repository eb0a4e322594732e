/** Documents for reading customers (SHOPIFY.md, "Data model"). */

export const CUSTOMER_FIELDS = `#graphql
  fragment CustomerFields on Customer {
    id
    legacyResourceId
    firstName
    lastName
    displayName
    email
    phone
    state
    tags
    note
    taxExempt
    verifiedEmail
    createdAt
    updatedAt
    numberOfOrders
    amountSpent {
      amount
      currencyCode
    }
    defaultAddress {
      id
      ...CustomerAddressFields
    }
    addresses(first: 10) {
      id
      ...CustomerAddressFields
    }
    companyContactProfiles {
      id
      company {
        id
      }
    }
  }

  fragment CustomerAddressFields on MailingAddress {
    firstName
    lastName
    company
    address1
    address2
    city
    province
    provinceCode
    zip
    country
    countryCodeV2
    phone
  }
`;

export const CUSTOMERS_PAGE = `#graphql
  query CustomersPage($first: Int!, $after: String, $query: String) {
    customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...CustomerFields
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

export const CUSTOMER_BY_ID = `#graphql
  query CustomerById($id: ID!) {
    customer(id: $id) {
      ...CustomerFields
    }
  }
  ${CUSTOMER_FIELDS}
`;
