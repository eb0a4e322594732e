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
