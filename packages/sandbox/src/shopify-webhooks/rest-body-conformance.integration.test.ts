import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifySimulator } from '../shopify';
import type { ShopTopic } from '../shopify/shop-handle';
import { borrowedElements, docsSample, inferredSchema } from './testing/reference-files';
import { shapeDifferences } from './testing/shape-compare';
import { runScenario, subscribeAll } from './testing/shop-scenario';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher';

/**
 * Acceptance of issue 3 (webhooks), end to end: objects created in a simulated shop through Admin API mutations,
 * delivered by the dispatcher over real HTTP to a local receiver that checks the HMAC; every docs sample under
 * reference/shopify/webhooks/shopify-docs-samples-2026-04/ whose topic the simulator sends is compared with what
 * arrived for that topic, key set and value types, every difference listed.
 */

const SECRET = 'shpss_conformance';
const TOPICS: ShopTopic[] = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'orders/paid',
  'refunds/create',
  'fulfillments/create',
  'customers/create',
  'customers/update',
  'customers/delete',
  'companies/create',
  'bulk_operations/finish',
];

/**
 * Differences the simulator cannot close, each with its reason; the test asserts exactly these, so a new difference
 * fails it and a fixed one must be removed from here.
 */
const KNOWN_DIFFERENCES: Partial<Record<ShopTopic, string[]>> = {
  // refundCreate takes no staff member, so a refund made through the Admin API has none to name; the docs sample's
  // refund was made by a staff member in the admin.
  'refunds/create': ['#0 $.user_id: null, sample has number'],
};

let receiver: WebhookReceiver;
let dispatcher: WebhookDispatcher;

beforeAll(async () => {
  const simulator = createShopifySimulator({
    shops: [
      {
        domain: 'demo-us.myshopify.com',
        name: 'Demo US',
        accessToken: 'shpat_conformance',
        plan: 'standard',
        currencyCode: 'USD',
        taxesIncluded: false,
        ianaTimezone: 'America/New_York',
      },
    ],
  });
  const shop = simulator.shops.get('demo-us.myshopify.com');
  if (!shop) throw new Error('shop missing');
  receiver = await startWebhookReceiver(SECRET);
  dispatcher = createWebhookDispatcher({ shop, secret: SECRET, schedule: [10] });
  await subscribeAll(shop, receiver.url, TOPICS);
  await runScenario(shop);
  // The bulk query finishes on its own schedule; wait for its webhook rather than for a fixed time.
  while (!receiver.received.some((r) => r.headers['x-shopify-topic'] === 'bulk_operations/finish')) {
    await dispatcher.idle();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await dispatcher.idle();
});

afterAll(async () => {
  dispatcher.close();
  await receiver.close();
});

describe('webhooks of a simulated shop against the docs samples', () => {
  it('delivers every change with a valid HMAC and builds every body', () => {
    // Setup
    const topics = new Set(receiver.received.map((r) => r.headers['x-shopify-topic']));

    // Action
    const invalid = receiver.received.filter((r) => !r.hmacValid);

    // Assertions
    expect(dispatcher.errors()).toEqual([]);
    expect(invalid).toEqual([]);
    expect([...topics].sort()).toEqual([...TOPICS].sort());
  });

  it.each(TOPICS)('every %s delivery has the sample key set and value types', (topic) => {
    // Setup
    const bodies = receiver.received.filter((r) => r.headers['x-shopify-topic'] === topic).map((r) => r.body);

    // Action: the first delivery of a topic is of an object in the sample's state and is held to the sample's types;
    // later ones (a customer with no email, an unpaid order) may have null where the sample has a value.
    const differences = bodies.flatMap((body, i) =>
      shapeDifferences(
        docsSample(topic),
        JSON.parse(body),
        inferredSchema(topic),
        borrowedElements(),
        i === 0 ? 'inferred' : 'any',
      ).map((d) => `#${i} ${d}`),
    );

    // Assertions
    expect(bodies.length).toBeGreaterThan(0);
    expect(differences).toEqual(KNOWN_DIFFERENCES[topic] ?? []);
  });
});
