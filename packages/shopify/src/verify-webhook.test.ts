import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signShopifyWebhook, verifyShopifyWebhook } from './verify-webhook';

describe('webhook HMAC', () => {
  const secret = 'hush-7f3a';
  // A real body keeps an id above 2^53 as written; the HMAC covers those exact bytes.
  const body = '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508"}';

  it('accepts the signature of the exact raw body', () => {
    expect(verifyShopifyWebhook(body, signShopifyWebhook(body, secret), secret)).toBe(true);
    expect(verifyShopifyWebhook(Buffer.from(body), signShopifyWebhook(body, secret), secret)).toBe(true);
  });

  it('rejects a body that was parsed and re-serialised', () => {
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(reserialised).not.toBe(body);
    expect(verifyShopifyWebhook(reserialised, signShopifyWebhook(body, secret), secret)).toBe(false);
  });

  it('rejects another secret, a missing header, garbage and a truncated signature', () => {
    const signature = signShopifyWebhook(body, secret);
    expect(verifyShopifyWebhook(body, signShopifyWebhook(body, 'other'), secret)).toBe(false);
    expect(verifyShopifyWebhook(body, undefined, secret)).toBe(false);
    expect(verifyShopifyWebhook(body, 'not base64 at all!', secret)).toBe(false);
    expect(verifyShopifyWebhook(body, signature.slice(0, 20), secret)).toBe(false);
    expect(verifyShopifyWebhook(body, signature, '')).toBe(false);
  });

  it('rejects any single changed byte', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(), (text, position) => {
        const bytes = Buffer.from(text);
        const signature = signShopifyWebhook(bytes, secret);
        const index = position % bytes.length;
        const changed = Buffer.from(bytes);
        changed[index] = (changed[index] ?? 0) ^ 0x01;
        return verifyShopifyWebhook(changed, signature, secret) === false;
      }),
    );
  });
});
