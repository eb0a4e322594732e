/**
 * The Shopify Admin API client (DESIGN.md): typed `#graphql` documents, the cost-aware limiter, pagination, bulk
 * operations and webhook HMAC verification.
 */
export { verifyShopifyWebhook, signShopifyWebhook } from './verify-webhook';
export { CostBucket, MAX_SINGLE_QUERY_COST, backoffMs, maxPageSize, type ThrottleStatus } from './cost-bucket';

/** The Admin API version every call and webhook subscription uses; pinned here and nowhere else. */
export const SHOPIFY_API_VERSION = '2025-01';
