/**
 * Light documents for the delta poll (`store__poll`, SHOPIFY.md "Delta reads"): ids and `updatedAt` only, so a page
 * of 250 costs a few points and the poll can look at every record changed in its window; the sync job of a record
 * that changed reads the record in full. `sortKey: UPDATED_AT`, since the default order (ID, PROCESSED_AT for
 * orders) would not let the cursor follow the pages; `query` is `updatedBetween(from, to)`.
 */

export const CUSTOMERS_POLL = `#graphql
  query CustomersPoll($first: Int!, $after: String, $query: String) {
    customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        updatedAt
      }
    }
  }
`;

export const COMPANIES_POLL = `#graphql
  query CompaniesPoll($first: Int!, $after: String, $query: String) {
    companies(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        updatedAt
      }
    }
  }
`;

export const ORDERS_POLL = `#graphql
  query OrdersPoll($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        updatedAt
      }
    }
  }
`;
