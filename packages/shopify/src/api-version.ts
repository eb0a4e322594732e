/** The Admin API version every call and webhook subscription uses; pinned here and nowhere else. */
export const SHOPIFY_API_VERSION = '2025-01';
