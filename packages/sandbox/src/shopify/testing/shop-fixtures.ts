/** Shops, a settable clock and order inputs shared by the simulator's tests. */
import { createShopifySimulator, type ShopifySimulator } from '../index';
import type { OrderCreateInput } from '../mutations/order-create';
import type { ShopConfig } from '../store';

/** A US shop (taxes added) and a Belgian one (taxes included, "WEB" order names, as the BC connector's store). */
export const US_SHOP: ShopConfig = {
  domain: 'demo-us.myshopify.com',
  name: 'Demo US',
  accessToken: 'shpat_us_test_token',
  plan: 'standard',
  currencyCode: 'USD',
  taxesIncluded: false,
  ianaTimezone: 'America/New_York',
};

export const EU_SHOP: ShopConfig = {
  domain: 'demo-eu.myshopify.com',
  name: 'Demo EU',
  accessToken: 'shpat_eu_test_token',
  plan: 'advanced',
  currencyCode: 'EUR',
  taxesIncluded: true,
  ianaTimezone: 'Europe/Brussels',
  orderNamePrefix: 'WEB',
};

/** A clock a test moves by hand. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function testClock(start = Date.parse('2025-06-01T12:00:00Z')): TestClock {
  let t = start;
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A simulator with the two shops on a test clock. */
export function testSimulator(clock = testClock()): { sim: ShopifySimulator; clock: TestClock } {
  return { sim: createShopifySimulator({ shops: [US_SHOP, EU_SHOP], now: clock.now }), clock };
}

const usd = (amount: string): { shopMoney: { amount: string; currencyCode: string } } => ({
  shopMoney: { amount, currencyCode: 'USD' },
});

/** A paid US order with `lines` line items (prices vary with `seed`), shipping and a sales tax. */
export function usOrderInput(seed: number, lines = 2): OrderCreateInput {
  return {
    email: `buyer${seed}@example.com`,
    taxesIncluded: false,
    lineItems: Array.from({ length: lines }, (_, i) => ({
      title: `Product ${(seed + i) % 17}`,
      sku: `SKU-${(seed + i) % 17}`,
      quantity: 1 + ((seed + i) % 3),
      priceSet: usd(`${10 + ((seed * 7 + i) % 90)}.${String((seed + i * 13) % 100).padStart(2, '0')}`),
      taxLines: [{ title: 'NY State Tax', rate: 0.04 }],
    })),
    shippingLines: [{ title: 'Standard', code: 'STANDARD', source: 'shopify', priceSet: usd('5.00') }],
    financialStatus: 'PENDING',
  };
}
