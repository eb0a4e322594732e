import { afterEach, describe, expect, it } from 'vitest';
import type { ShopTopic } from '../shopify/shop-handle';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher';
import { createFixtureShop, type FixtureShop } from './testing/fixture-shop';
import { companyNode } from './testing/more-fixtures';
import { ORDER_GID, orderNode } from './testing/sample-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';

const SECRET = 'shpss_test_secret';
const open: { dispatcher?: WebhookDispatcher; receiver?: WebhookReceiver }[] = [];

afterEach(async () => {
  for (const { dispatcher, receiver } of open.splice(0)) {
    dispatcher?.close();
    await receiver?.close();
  }
});

/** A shop holding the sample order and company, a receiver subscribed to the given topics, and a dispatcher. */
async function setup(topics: string[], options: Partial<Parameters<typeof createWebhookDispatcher>[0]> = {}) {
  const shop: FixtureShop = createFixtureShop('demo-us.myshopify.com');
  shop.nodes.set(ORDER_GID, orderNode());
  const company = companyNode();
  shop.nodes.set(company.id as string, company);
  const receiver = await startWebhookReceiver(SECRET, 400);
  topics.forEach((topic, i) =>
    shop.subscriptions.push({
      id: `gid://shopify/WebhookSubscription/${i + 1}`,
      topic,
      includeFields: [],
      endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: receiver.url },
    }),
  );
  const dispatcher = createWebhookDispatcher({ shop, secret: SECRET, schedule: [5, 5, 5], ...options });
  open.push({ dispatcher, receiver });
  return { shop, receiver, dispatcher };
}

function emit(shop: FixtureShop, topic: ShopTopic, eventId = 'evt-1', gid = ORDER_GID): void {
  shop.emit({ shop: shop.domain, topic, gid, eventId, occurredAt: new Date('2026-03-01T10:00:00Z') });
}

/** Polls a condition every few ms (no fixed sleeps: the first attempt takes as long as the machine needs). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('webhook dispatcher over real HTTP', () => {
  it('posts the REST body with every Shopify header and a valid HMAC, only to matching subscriptions', async () => {
    // Setup
    const { shop, receiver, dispatcher } = await setup(['ORDERS_CREATE']);

    // Action
    emit(shop, 'orders/create');
    emit(shop, 'orders/paid');
    await dispatcher.idle();

    // Assertions
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.hmacValid).toBe(true);
    expect(delivery?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': 'demo-us.myshopify.com',
      'x-shopify-api-version': '2025-01',
      'x-shopify-event-id': 'evt-1',
      'x-shopify-triggered-at': '2026-03-01T10:00:00.000Z',
    });
    expect(delivery?.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    // The id beyond 2^53 arrives exactly as written, digit for digit.
    expect(delivery?.body).toContain('"id":820982911946154508,');
    expect(dispatcher.deliveries().map((d) => d.outcome)).toEqual(['delivered']);
  });

  it('retries a non-2xx answer with the original bytes, webhook id and HMAC until a 2xx', async () => {
    // Setup
    const { shop, receiver, dispatcher } = await setup(['COMPANIES_CREATE']);
    receiver.script.push(500, 404);

    // Action
    emit(shop, 'companies/create', 'evt-2', companyNode().id as string);
    await dispatcher.idle();

    // Assertions
    expect(receiver.received.map((r) => r.hmacValid)).toEqual([true, true, true]);
    const [first, ...retries] = receiver.received;
    for (const retry of retries) {
      expect(retry.body).toBe(first?.body);
      expect(retry.headers['x-shopify-webhook-id']).toBe(first?.headers['x-shopify-webhook-id']);
      expect(retry.headers['x-shopify-hmac-sha256']).toBe(first?.headers['x-shopify-hmac-sha256']);
    }
    const [record] = dispatcher.deliveries();
    expect(record?.attempts.map((a) => a.status)).toEqual([500, 404, 200]);
    expect(record?.outcome).toBe('delivered');
  });

  it('counts an answer slower than the timeout as failed and gives up after the last retry', async () => {
    // Setup
    const { shop, receiver, dispatcher } = await setup(['ORDERS_CREATE'], { timeoutMs: 100, schedule: [5] });
    receiver.script.push('hang', 503);

    // Action
    emit(shop, 'orders/create');
    await dispatcher.idle();

    // Assertions
    const [record] = dispatcher.deliveries();
    expect(record?.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'timed out after 100 ms'],
      [503, null],
    ]);
    expect(record?.outcome).toBe('failed');
  });

  it('duplicates, drops and delays deliveries when the switches say so', async () => {
    // Setup
    const { shop, receiver, dispatcher } = await setup(['ORDERS_CREATE', 'ORDERS_PAID']);
    dispatcher.setSwitches({ duplicate: true });

    // Action
    emit(shop, 'orders/create', 'evt-a');
    await dispatcher.idle();
    dispatcher.setSwitches({ duplicate: false, drop: { next: 1 } });
    emit(shop, 'orders/paid', 'evt-b');
    emit(shop, 'orders/paid', 'evt-c');
    await dispatcher.idle();
    dispatcher.setSwitches({ delayMs: 500 });
    emit(shop, 'orders/paid', 'evt-d');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const beforeDelay = receiver.received.length;
    await dispatcher.idle();

    // Assertions
    const events = receiver.received.map((r) => r.headers['x-shopify-event-id']);
    expect(events).toEqual(['evt-a', 'evt-a', 'evt-c', 'evt-d']);
    const [one, two] = receiver.received;
    expect(two?.headers['x-shopify-webhook-id']).toBe(one?.headers['x-shopify-webhook-id']);
    expect(dispatcher.deliveries().map((d) => d.outcome)).toEqual([
      'delivered',
      'delivered',
      'dropped',
      'delivered',
      'delivered',
    ]);
    expect(beforeDelay).toBe(3);
  });

  it('holds a window of deliveries and sends them shuffled by the seeded PRNG', async () => {
    // Setup
    const { shop, receiver, dispatcher } = await setup(['ORDERS_UPDATED'], { seed: 7 });
    dispatcher.setSwitches({ reorder: { window: 6 } });
    const sent = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];

    // Action
    for (const id of sent) emit(shop, 'orders/updated', id);
    await dispatcher.idle();

    // Assertions
    const arrived = receiver.received.map((r) => r.headers['x-shopify-event-id']);
    expect([...arrived].sort()).toEqual(sent);
    expect(arrived).not.toEqual(sent);
  });

  it('stops its retry timers on close', async () => {
    // Setup
    const { shop, receiver, dispatcher } = await setup(['ORDERS_CREATE'], { schedule: [60_000] });
    receiver.script.push(500);
    emit(shop, 'orders/create');
    await until(() => dispatcher.deliveries()[0]?.attempts.length === 1);

    // Action
    dispatcher.close();
    await dispatcher.idle();

    // Assertions
    expect(receiver.received).toHaveLength(1);
    expect(dispatcher.deliveries()[0]?.outcome).toBe('pending');
  });
});
