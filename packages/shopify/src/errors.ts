/** How the sync should treat a failure (DESIGN.md, "Jobs"): retry later, or put it before a person. */
export type ErrorClass = 'transient' | 'permanent';

export type ShopifyErrorCode =
  | 'SHOPIFY_UNAUTHORIZED'
  | 'SHOPIFY_THROTTLED'
  | 'SHOPIFY_UNAVAILABLE'
  | 'SHOPIFY_TIMEOUT'
  | 'SHOPIFY_GRAPHQL_ERROR'
  | 'SHOPIFY_QUERY_TOO_COSTLY';

/** A call to the Admin API that failed; the message says what happened and, where it can, what to do. */
export class ShopifyApiError extends Error {
  override readonly name = 'ShopifyApiError';

  constructor(
    readonly code: ShopifyErrorCode,
    readonly errorClass: ErrorClass,
    message: string,
    readonly details: { shop: string; status?: number; attempts?: number; correlationId?: string } & Record<
      string,
      unknown
    >,
  ) {
    super(message);
  }
}
