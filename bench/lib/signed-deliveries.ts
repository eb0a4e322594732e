/**
 * Webhook deliveries as Shopify sends them, for the intake bench: bodies shaped like Shopify's own documentation
 * samples (the repository's copy of the reference, `reference/shopify/webhooks/shopify-docs-samples-2026-04`), each
 * for a different order or customer, with Shopify's headers and the HMAC over the exact bytes sent.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLES = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'reference',
  'shopify',
  'webhooks',
  'shopify-docs-samples-2026-04',
);

/** The mix sent: mostly order topics, as a shop's webhook traffic is, and a customer change. */
const TOPICS = ['orders/create', 'orders/updated', 'orders/paid', 'customers/update'] as const;

export interface SignedDelivery {
  eventId: string;
  topic: string;
  headers: Record<string, string>;
  body: Buffer;
}

function sampleBody(topic: string): Record<string, unknown> {
  const file = join(SAMPLES, `${topic.replace('/', '_')}.json`);
  const sample = JSON.parse(readFileSync(file, 'utf8')) as { response?: unknown };
  if (typeof sample.response !== 'object' || sample.response === null) {
    throw new Error(`${file} has no "response" object, the webhook body Shopify documents`);
  }
  return sample.response as Record<string, unknown>;
}

/**
 * `count` distinct deliveries to `shopDomain`, signed with `secret`: each its own event id (so none is a repeat of
 * another) and its own record id. `tag` keeps two sets of one run apart (e.g. warm-up and measured).
 */
export function signedDeliveries(options: {
  count: number;
  shopDomain: string;
  secret: string;
  tag: string;
  apiVersion: string;
}): SignedDelivery[] {
  const samples = new Map(TOPICS.map((topic) => [topic, sampleBody(topic)]));
  const triggeredAt = new Date();
  return Array.from({ length: options.count }, (_, index) => {
    const topic = TOPICS[index % TOPICS.length] as (typeof TOPICS)[number];
    const sample = samples.get(topic) ?? {};
    const id = 7_000_000_000 + index;
    const kind = topic.startsWith('orders/') ? 'Order' : 'Customer';
    const body = JSON.stringify({
      ...sample,
      id,
      admin_graphql_api_id: `gid://shopify/${kind}/${id}`,
      updated_at: triggeredAt.toISOString(),
      ...(kind === 'Order' ? { name: `#${options.tag}${index}`, order_number: 1000 + index } : {}),
    });
    const eventId = randomUUID();
    return {
      eventId,
      topic,
      body: Buffer.from(body, 'utf8'),
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': createHmac('sha256', options.secret).update(body, 'utf8').digest('base64'),
        'x-shopify-shop-domain': options.shopDomain,
        'x-shopify-api-version': options.apiVersion,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-event-id': eventId,
        'x-shopify-triggered-at': triggeredAt.toISOString(),
      },
    };
  });
}
