/**
 * Documents for reading customers (SHOPIFY.md, "Data model"). `numberOfOrders`, `amountSpent` and `lastOrder` feed the
 * contact's rollup columns (issue 6); `lastOrder` is null for a customer without orders.
 */

import { ADDRESS_FIELDS } from './fragments';

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
    lastOrder {
      createdAt
    }
    defaultAddress {
      id
      ...AddressFields
    }
    addresses(first: 10) {
      id
      ...AddressFields
    }
    companyContactProfiles {
      id
      company {
        id
      }
    }
  }
  ${ADDRESS_FIELDS}
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
