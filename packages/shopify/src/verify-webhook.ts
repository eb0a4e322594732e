import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a webhook delivery's `X-Shopify-Hmac-Sha256` header: base64 of HMAC-SHA256 over the raw body bytes with the
 * app's client secret (SHOPIFY.md, "Webhooks"). The body must be the bytes as received — a re-serialised JSON body
 * differs (key order, number formatting) and would fail. The comparison runs in constant time.
 */
export function verifyShopifyWebhook(
  rawBody: Buffer | string,
  hmacHeader: string | null | undefined,
  secret: string,
): boolean {
  if (!hmacHeader || secret === '') return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(hmacHeader.trim(), 'base64');
  } catch {
    return false;
  }
  // timingSafeEqual throws on different lengths; a wrong length is a mismatch, and says nothing about the secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value Shopify would send for `rawBody`, for simulators and tests. */
export function signShopifyWebhook(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
