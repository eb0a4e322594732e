import { simulatorFetch, startShopifySimulator } from '@shopverse/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopifyClient } from './client';
import { clientCredentialsToken } from './token-provider';

const SHOP = 'grant.myshopify.com';
const APP = { clientId: 'b7f2c1d0e9a8', clientSecret: 'shpss_grant_secret', scopes: ['read_orders', 'read_customers'] };

describe('the client-credentials grant against the simulated store', () => {
  let time = Date.parse('2026-11-26T08:00:00Z');
  let simulator: Awaited<ReturnType<typeof startShopifySimulator>>;
  beforeAll(async () => {
    simulator = await startShopifySimulator({
      now: () => new Date(time),
      shops: [
        {
          domain: SHOP,
          name: 'Grant',
          accessToken: 'shpat_fixed_unused',
          plan: 'plus',
          currencyCode: 'USD',
          taxesIncluded: false,
          ianaTimezone: 'UTC',
          app: APP,
        },
      ],
    });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('fetches a token once, keeps it while valid, and fetches a new one before it expires', async () => {
    // Setup
    const fetchImpl = simulatorFetch(simulator.url) as typeof fetch;
    const tokens = clientCredentialsToken({ storeDomain: SHOP, ...APP, fetch: fetchImpl, now: () => time });
    const client = new ShopifyClient({ storeDomain: SHOP, tokens, fetch: fetchImpl });
    // Action
    const first = await tokens.getToken();
    const again = await tokens.getToken();
    const shop = await client.request<{ shop: { name: string } }>('{ shop { name } }');
    time += 24 * 3_600_000 - 4 * 60_000; // four minutes before expiry: inside the refresh margin
    const renewed = await tokens.getToken();
    time += 5 * 60_000; // the first token has now lapsed
    const stale = await fetchImpl(`https://${SHOP}/admin/api/2025-01/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': first },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    const stillWorks = await client.request<{ shop: { name: string } }>('{ shop { name } }');
    // Assertions
    expect(again).toBe(first);
    expect(shop.shop.name).toBe('Grant');
    expect(renewed).not.toBe(first);
    expect(stale.status).toBe(401);
    expect(stillWorks.shop.name).toBe('Grant');
  });

  it('says what to check when the app’s secret is wrong', async () => {
    const tokens = clientCredentialsToken({
      storeDomain: SHOP,
      clientId: APP.clientId,
      clientSecret: 'wrong',
      fetch: simulatorFetch(simulator.url) as typeof fetch,
    });
    await expect(tokens.getToken()).rejects.toThrow(/refused the client-credentials grant \(HTTP 400\); check the app/);
  });
});
