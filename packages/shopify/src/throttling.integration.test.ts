import { generateDemoData, loadDemoData, simulatorFetch, startShopifySimulator } from '@shopverse/sandbox';
import { describe, expect, it } from 'vitest';
import { type Clock, ShopifyClient, type ShopifyClientEvent } from './client';
import { staticToken } from './token-provider';

describe('the cost-aware client on the Standard plan', () => {
  it('sends 300 queries back to back without one THROTTLED, never letting the bucket run dry', async () => {
    // Setup: one fake clock drives both the shop's bucket and our waits, so minutes of restoring take no time.
    let time = Date.parse('2026-11-26T00:00:00Z');
    const clock: Clock = {
      now: () => time,
      sleep: (ms) => {
        time += ms;
        return Promise.resolve();
      },
    };
    const simulator = await startShopifySimulator({
      now: () => new Date(time),
      shops: [
        {
          domain: 'standard.myshopify.com',
          name: 'Standard',
          accessToken: 'shpat_standard',
          plan: 'standard',
          currencyCode: 'USD',
          taxesIncluded: false,
          ianaTimezone: 'UTC',
        },
      ],
    });
    const shop = simulator.shops.get('standard.myshopify.com');
    if (!shop) throw new Error('no shop');
    await loadDemoData(
      shop,
      generateDemoData({
        seed: 3,
        customers: 250,
        orders: 0,
        companies: 0,
        shop: { currencyCode: 'USD', taxesIncluded: false },
      }),
    );
    const events: ShopifyClientEvent[] = [];
    const client = new ShopifyClient({
      storeDomain: 'standard.myshopify.com',
      tokens: staticToken('shpat_standard'),
      fetch: simulatorFetch(simulator.url) as typeof fetch,
      clock,
      onEvent: (event) => events.push(event),
    });
    // Action: 300 queries of 250 customers each: far more than the bucket holds, so the client must pace itself.
    for (let i = 0; i < 300; i += 1) await client.request('{ customers(first: 250) { nodes { id } } }');
    await simulator.close();
    // Assertions
    const responses = events.flatMap((event) => (event.kind === 'response' ? [event] : []));
    expect(events.filter((event) => event.kind === 'throttled')).toEqual([]);
    expect(responses).toHaveLength(300);
    expect(Math.min(...responses.map((event) => event.throttle?.currentlyAvailable ?? -1))).toBeGreaterThanOrEqual(0);
    expect(events.some((event) => event.kind === 'wait')).toBe(true);
  });
});

describe('a fresh client on a large plan', () => {
  it('does not wait out the small-plan assumption once the first answer shows the real bucket', async () => {
    // Setup: a Plus shop; the client starts assuming the smallest bucket (1000 points, 50 a second), and a query of
    // unknown cost asks for 1000, so the second of two concurrent queries would wait 20 s on the assumption alone.
    const simulator = await startShopifySimulator({
      shops: [
        {
          domain: 'plus.myshopify.com',
          name: 'Plus',
          accessToken: 'shpat_plus',
          plan: 'plus',
          currencyCode: 'USD',
          taxesIncluded: false,
          ianaTimezone: 'UTC',
        },
      ],
    });
    let slept = 0;
    const clock: Clock = {
      now: () => Date.now(),
      sleep: (ms) => {
        slept += ms;
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    };
    const client = new ShopifyClient({
      storeDomain: 'plus.myshopify.com',
      tokens: staticToken('shpat_plus'),
      fetch: simulatorFetch(simulator.url) as typeof fetch,
      clock,
    });

    // Action
    await Promise.all([
      client.request('{ shop { name } }'),
      client.request('query($first: Int!) { customers(first: $first) { nodes { id } } }', { variables: { first: 1 } }),
    ]);
    await simulator.close();

    // Assertions: the waiting query looked again as soon as the first answer brought the Plus bucket (20,000 points).
    expect(slept).toBeLessThan(5_000);
    expect(client.bucketAvailable()).toBeGreaterThan(1_000);
  });
});
