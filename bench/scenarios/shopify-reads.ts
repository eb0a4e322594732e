/**
 * The Shopify connector's reads (issue 5), as a scenario: every order with its lines through our client on the
 * Standard plan, on a virtual clock (bench/shopify-reads.ts), so its figures are in simulated time.
 */
import { benchShopifyReads } from '../shopify-reads';
import type { Scenario } from '../scenario';

export const scenario: Scenario = {
  id: 'shopify-reads',
  async run({ quick }) {
    const orders = quick ? 500 : 5000;
    const result = await benchShopifyReads({ orders });
    return {
      id: 'shopify-reads',
      title: `reading ${orders.toLocaleString('en-US')} orders with their lines on the Standard plan (2000 points, 100/s)`,
      figures: [
        { label: 'orders read', value: result.ordersRead, unit: 'orders' },
        { label: 'requests', value: result.requests, unit: 'requests' },
        { label: 'THROTTLED', value: result.throttled, unit: 'responses' },
        { label: 'THROTTLED after the first response', value: result.throttledAfterFirst, unit: 'responses' },
        { label: 'lowest bucket seen', value: result.lowestAvailable, unit: 'points' },
        { label: 'simulated time', value: result.elapsedSeconds, unit: 's' },
        { label: 'orders/s', value: result.ordersRead / result.elapsedSeconds, unit: '1/s', note: 'simulated time' },
        { label: 'points used per second', value: result.pointsPerSecond, unit: 'points/s', note: 'of 100 restored' },
      ],
      notes: ['A virtual clock drives the shop’s bucket and the client’s waits; times are simulated, not wall-clock.'],
    };
  },
};
