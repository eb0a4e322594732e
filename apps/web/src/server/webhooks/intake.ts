import { randomUUID } from 'node:crypto';
import {
  countRejection,
  type DbClient,
  disconnectedStoreOfShop,
  type SecretBox,
  webhookSecretOfShop,
} from '@shopverse/db';
import { verifyShopifyWebhook } from '@shopverse/shopify';
import { deliveryBatcher } from './delivery-batcher';

/** What intake answers Shopify. Anything but 2xx makes Shopify retry, which is what a refused request wants. */
export interface IntakeAnswer {
  status: 200 | 400 | 401;
  /** For logs and tests; Shopify ignores the body. */
  outcome: 'stored' | 'duplicate' | 'refused';
  reason?: string;
  /** False for a delivery of a disconnected store: stored, and its processing not queued (see the sync log). */
  queued?: boolean;
  deliveryId?: string;
  correlationId?: string;
}

/** The Shopify headers kept with a delivery (never the HMAC's secret, which is not in a header). */
const KEPT = /^x-shopify-|^content-type$|^user-agent$/;

/** How long an opened webhook secret is reused; a rotated secret is read again at once when a signature fails. */
const SECRET_TTL_MS = 30_000;

/**
 * Webhook secrets by shop domain, opened once and kept briefly: a burst of deliveries would otherwise read and
 * decrypt the same secret thousands of times. Per database client, so tests on separate databases never share one.
 */
type CachedSecret = { value: { storeId: string; secret: string }; until: number };

const secrets = {
  cache: new WeakMap<DbClient, Map<string, CachedSecret>>(),
  async of(client: DbClient, box: SecretBox, shop: string, now: Date, options: { fresh?: boolean } = {}) {
    let byShop = this.cache.get(client);
    if (!byShop) this.cache.set(client, (byShop = new Map<string, CachedSecret>()));
    const hit = byShop.get(shop);
    if (hit && !options.fresh && hit.until > now.getTime()) return hit.value;
    const value = await webhookSecretOfShop(client.db, box, shop);
    // An unknown shop is not remembered: a store connected a moment ago must be known at once.
    if (value) byShop.set(shop, { value, until: now.getTime() + SECRET_TTL_MS });
    else byShop.delete(shop);
    return value;
  },
};

/**
 * Receives one Shopify webhook (`POST /api/webhooks/shopify`): the HMAC over the raw bytes first (a refusal leaves only
 * a count), then the delivery and its processing job in one transaction (grouped with the deliveries arriving at the same
 * moment), then 200. Nothing else happens here: no
 * Shopify or CRM call, so the answer is quick even when the worker is down or the CRM throttles. Deliveries repeat
 * (Shopify retries with the same event id): a repeat is acknowledged and stored once.
 */
export async function receiveShopifyWebhook(input: {
  client: DbClient;
  box: SecretBox;
  headers: Headers;
  rawBody: Buffer;
  now: Date;
}): Promise<IntakeAnswer> {
  const { client, headers } = input;
  const shop = headers.get('x-shopify-shop-domain')?.trim().toLowerCase() ?? '';
  const topic = headers.get('x-shopify-topic')?.trim() ?? '';
  const eventId = headers.get('x-shopify-event-id')?.trim() || headers.get('x-shopify-webhook-id')?.trim() || '';
  const refuse = async (status: 400 | 401, reason: string, counted: string): Promise<IntakeAnswer> => {
    await countRejection(client.db, shop || '(none)', counted, input.now);
    return { status, outcome: 'refused', reason };
  };
  const signature = headers.get('x-shopify-hmac-sha256');
  let store = shop ? await secrets.of(client, input.box, shop, input.now) : null;
  if (store && !verifyShopifyWebhook(input.rawBody, signature, store.secret)) {
    // The secret may have been rotated since it was cached: ask the database once more before refusing.
    store = await secrets.of(client, input.box, shop, input.now, { fresh: true });
  }
  // A disconnected store's shop still signs its deliveries: they are verified and kept, not refused (below).
  if (!store && shop) store = await disconnectedStoreOfShop(client.sql, input.box, shop);
  if (!store) return refuse(401, `no connected store has the shop domain "${shop}"`, 'unknown_shop');
  if (!verifyShopifyWebhook(input.rawBody, signature, store.secret)) {
    return refuse(401, "the HMAC signature does not verify with the store's webhook secret", 'hmac');
  }
  if (!topic || !eventId)
    return refuse(400, 'a signed request without X-Shopify-Topic or X-Shopify-Event-Id', 'headers');
  const triggered = headers.get('x-shopify-triggered-at');
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (KEPT.test(name)) kept[name] = value;
  });
  const correlationId = randomUUID();
  const delivery = {
    storeId: store.storeId,
    eventId,
    topic,
    webhookId: headers.get('x-shopify-webhook-id'),
    shopifyTriggeredAt: triggered && !Number.isNaN(Date.parse(triggered)) ? new Date(triggered) : null,
    headers: kept,
    body: input.rawBody.toString('utf8'),
    correlationId,
  };
  // A disconnected store's delivery is acknowledged and stored but not queued (decided in the group's statement, so
  // a disconnection holds from the moment it commits); the sync log says so.
  const result = await deliveryBatcher(client).store(delivery);
  if (result.kind === 'duplicate') return { status: 200, outcome: 'duplicate' };
  return result.queued
    ? { status: 200, outcome: 'stored', deliveryId: result.id, correlationId }
    : {
        status: 200,
        outcome: 'stored',
        queued: false,
        reason: 'the store is disconnected: stored, not queued',
        deliveryId: result.id,
        correlationId,
      };
}
