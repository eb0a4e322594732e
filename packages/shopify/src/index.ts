/**
 * The Shopify Admin API client (DESIGN.md): typed `#graphql` documents, the cost-aware limiter, pagination, bulk
 * operations and webhook HMAC verification. Filled in by the connectors issue.
 */

/** The Admin API version every call and webhook subscription uses; pinned here and nowhere else. */
export const SHOPIFY_API_VERSION = '2025-01';
