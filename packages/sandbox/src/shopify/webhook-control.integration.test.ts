import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookDispatcher, type WebhookDispatcher } from '../shopify-webhooks/webhook-dispatcher';
import { startWebhookReceiver, type WebhookReceiver } from '../shopify-webhooks/testing/webhook-receiver';
import { startShopifySimulator, type RunningShopifySimulator } from './index';

const SHOP = 'control-test.myshopify.com';
const SECRET = 'shpss_control_test';

describe('/_sim/webhooks over real HTTP', () => {
  let simulator: RunningShopifySimulator;
  let receiver: WebhookReceiver;
  let dispatcher: WebhookDispatcher;

  const control = async (method: 'GET' | 'POST', query: string, body?: unknown) => {
    const response = await fetch(`${simulator.url}/_sim/webhooks${query}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const createCustomer = async (email: string) => {
    const result = await simulator.shops
      .get(SHOP)
      ?.execute('mutation($input: CustomerInput!) { customerCreate(input: $input) { userErrors { message } } }', {
        input: { email },
      });
    if (result?.errors?.length) throw new Error(JSON.stringify(result.errors));
  };

  beforeAll(async () => {
    simulator = await startShopifySimulator({
      shops: [
        {
          domain: SHOP,
          name: 'Control test',
          accessToken: 'shpat_control_test',
          plan: 'plus',
          ianaTimezone: 'UTC',
          currencyCode: 'USD',
          taxesIncluded: false,
        },
      ],
    });
    receiver = await startWebhookReceiver(SECRET);
    const shop = simulator.shops.get(SHOP);
    if (!shop) throw new Error('no test shop');
    await shop.execute(
      `mutation($url: URL!) { webhookSubscriptionCreate(topic: CUSTOMERS_CREATE,
        webhookSubscription: { callbackUrl: $url, format: JSON }) { userErrors { message } } }`,
      { url: receiver.url },
    );
    dispatcher = createWebhookDispatcher({ shop, secret: SECRET, schedule: [5] });
    simulator.webhooks.set(SHOP, dispatcher);
  });

  afterAll(async () => {
    dispatcher.close();
    await receiver.close();
    await simulator.close();
  });

  it('switches delivery off and on again, and reads the switches back', async () => {
    // Setup
    const before = await control('GET', `?shop=${SHOP}`);
    // Action: off, one change; on, another change.
    const off = await control('POST', `?shop=${SHOP}`, { drop: { probability: 1 } });
    await createCustomer('dropped@example.com');
    await dispatcher.idle();
    const receivedWhileOff = receiver.received.length;
    const on = await control('POST', `?shop=${SHOP}`, { drop: null });
    await createCustomer('delivered@example.com');
    await dispatcher.idle();
    // Assertions
    expect(before).toEqual({ status: 200, body: { duplicate: false, reorder: null, delayMs: 0, drop: null } });
    expect(off.body).toEqual({ duplicate: false, reorder: null, delayMs: 0, drop: { probability: 1 } });
    expect(on.body.drop).toBeNull();
    expect(receivedWhileOff).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.body).toContain('delivered@example.com');
    expect(dispatcher.deliveries().map((delivery) => delivery.outcome)).toEqual(['dropped', 'delivered']);
    expect(await control('GET', '')).toEqual({ status: 200, body: { [SHOP]: on.body } });
  });

  it('refuses an unknown shop, a missing shop and switches it does not know', async () => {
    // Action
    const unknown = await control('POST', '?shop=nobody.myshopify.com', { drop: null });
    const missing = await control('POST', '', { drop: null });
    const invalid = await control('POST', `?shop=${SHOP}`, { drop: { probability: 2 } });
    const extra = await control('POST', `?shop=${SHOP}`, { lose: true });
    // Assertions
    expect([unknown.status, missing.status, invalid.status, extra.status]).toEqual([404, 400, 400, 400]);
    expect(dispatcher.switches.drop).toBeNull();
  });
});
