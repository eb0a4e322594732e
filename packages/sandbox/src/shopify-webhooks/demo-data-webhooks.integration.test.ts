import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../demo-data/generate-demo-data';
import { loadDemoData } from '../demo-data/load-demo-data';
import { createShopifySimulator } from '../shopify';
import type { ShopTopic } from '../shopify/shop-handle';
import { borrowedElements, docsSample, inferredSchema } from './testing/reference-files';
import { shapeDifferences } from './testing/shape-compare';
import { subscribeAll } from './testing/shop-scenario';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher';

/**
 * The demo data's variety (guests, phone-only customers, B2B, several currencies, refunds, partial fulfilments,
 * cancellations) through the webhooks: every body must keep the docs sample's key set. These objects are in many
 * states other than the samples', so a null may stand where the sample has a value; keys are compared strictly.
 */

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
  'companies/create',
];

const open: { dispatcher: WebhookDispatcher; receiver: WebhookReceiver }[] = [];

afterEach(async () => {
  for (const { dispatcher, receiver } of open.splice(0)) {
    dispatcher.close();
    await receiver.close();
  }
});

describe('webhooks of the demo data', () => {
  it.each([
    { currencyCode: 'USD', taxesIncluded: false },
    { currencyCode: 'EUR', taxesIncluded: true },
  ])('keep the docs samples key sets in a $currencyCode shop', async (settings) => {
    // Setup
    const domain = 'demo.myshopify.com';
    const simulator = createShopifySimulator({
      shops: [{ domain, name: 'Demo', accessToken: 'shpat_demo', plan: 'standard', ianaTimezone: 'UTC', ...settings }],
    });
    const shop = simulator.shops.get(domain);
    if (!shop) throw new Error('shop missing');
    const receiver = await startWebhookReceiver('secret');
    const dispatcher = createWebhookDispatcher({ shop, secret: 'secret', schedule: [] });
    open.push({ dispatcher, receiver });
    await subscribeAll(shop, receiver.url, TOPICS);

    // Action
    const summary = await loadDemoData(shop, generateDemoData({ seed: 11, customers: 20, orders: 40, shop: settings }));
    await dispatcher.idle();

    // Assertions
    expect(summary.userErrors).toEqual([]);
    expect(dispatcher.errors()).toEqual([]);
    const differences = receiver.received.flatMap((delivery, i) => {
      const topic = delivery.headers['x-shopify-topic'] ?? '';
      const found = shapeDifferences(
        docsSample(topic),
        JSON.parse(delivery.body),
        inferredSchema(topic),
        borrowedElements(),
        'any',
      );
      return found.map((d) => `${topic} #${i} ${d}`);
    });
    expect(differences).toEqual([]);
    expect(receiver.received.every((r) => r.hmacValid)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['x-shopify-topic'])).size).toBe(TOPICS.length);
  });
});
