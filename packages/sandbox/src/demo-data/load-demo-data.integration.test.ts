import { describe, expect, it } from 'vitest';
import { createShopifySimulator } from '../shopify';
import { generateDemoData } from './generate-demo-data';
import { loadDemoData } from './load-demo-data';

const SHOPS = [
  { currencyCode: 'USD', taxesIncluded: false, domain: 'demo-us.myshopify.com' },
  { currencyCode: 'EUR', taxesIncluded: true, domain: 'demo-eu.myshopify.com' },
];

describe('demo data in a simulated shop', () => {
  it.each(SHOPS)('loads 50 customers and 100 orders into a $currencyCode shop without userErrors', async (shop) => {
    // Setup
    const simulator = createShopifySimulator({
      shops: [
        {
          name: 'Demo',
          accessToken: 'shpat_demo',
          plan: 'standard',
          ianaTimezone: 'UTC',
          ...shop,
        },
      ],
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    const handle = simulator.shops.get(shop.domain);
    if (!handle) throw new Error('shop missing');
    const operations = generateDemoData({ seed: 7, customers: 50, orders: 100, shop });

    // Action
    const summary = await loadDemoData(handle, operations);

    // Assertions
    expect(summary.userErrors).toEqual([]);
    expect(summary.errors).toEqual([]);
    expect(summary.succeeded.customer).toBe(50);
    expect(summary.succeeded.order).toBe(100);
    expect(summary.succeeded.refund).toBeGreaterThan(0);
    expect(summary.succeeded.fulfillment).toBeGreaterThan(0);
    expect(summary.succeeded.cancel).toBeGreaterThan(0);
  });
});
