import { createShopifySimulator, generateDemoData, loadDemoData } from '@shopverse/sandbox';
import { readOrders, ShopifyClient, type ShopifyClientEvent, staticToken } from '@shopverse/shopify';
import { inProcessFetch } from './in-process-fetch';

const SHOP = 'bench.myshopify.com';

/**
 * Reads every order with its lines through our client on the Standard plan. One simulated clock drives the shop's
 * bucket and the client's waits (requests are sequential, so a plain fake clock is enough).
 */
export async function benchShopifyReads(options: { orders: number }) {
  let time = Date.parse('2026-11-26T00:00:00Z');
  const clock = {
    now: () => time,
    sleep: (ms: number) => {
      time += ms;
      return Promise.resolve();
    },
  };
  const simulator = createShopifySimulator({
    now: () => new Date(time),
    shops: [
      {
        domain: SHOP,
        name: 'Bench',
        accessToken: 'shpat_bench',
        plan: 'standard',
        currencyCode: 'USD',
        taxesIncluded: false,
        ianaTimezone: 'UTC',
      },
    ],
  });
  const shop = simulator.shops.get(SHOP);
  if (!shop) throw new Error('no bench shop');
  const summary = await loadDemoData(
    shop,
    generateDemoData({
      seed: 5,
      customers: Math.ceil(options.orders / 5),
      orders: options.orders,
      shop: { currencyCode: 'USD', taxesIncluded: false },
    }),
  );
  if (summary.userErrors.length > 0) throw new Error(`demo data: ${JSON.stringify(summary.userErrors[0])}`);

  const events: ShopifyClientEvent[] = [];
  const client = new ShopifyClient({
    storeDomain: SHOP,
    tokens: staticToken('shpat_bench'),
    fetch: inProcessFetch(simulator.handler, `https://${SHOP}`),
    clock,
    onEvent: (event) => events.push(event),
  });
  const started = time;
  let ordersRead = 0;
  for await (const page of readOrders(client)) ordersRead += page.length;
  const elapsedSeconds = (time - started) / 1000;
  const responses = events.flatMap((event) => (event.kind === 'response' ? [event] : []));
  const throttledAt = events.flatMap((event, index) => (event.kind === 'throttled' ? [index] : []));
  const firstResponse = events.findIndex((event) => event.kind === 'response');
  const used = responses.reduce((sum, event) => sum + (event.actualCost ?? 0), 0);
  return {
    ordersRead,
    requests: responses.length + throttledAt.length,
    throttled: throttledAt.length,
    throttledAfterFirst: throttledAt.filter((index) => index > firstResponse).length,
    lowestAvailable: Math.min(
      ...responses.map((event) => event.throttle?.currentlyAvailable ?? Number.POSITIVE_INFINITY),
    ),
    elapsedSeconds,
    pointsPerSecond: used / elapsedSeconds,
  };
}
