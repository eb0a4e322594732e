import { generateDemoData, loadDemoData, simulatorFetch, startShopifySimulator } from '@shopverse/sandbox';
import { ShopifyClient, type ShopifyClientEvent } from '../client';
import { staticToken } from '../token-provider';

export const SHOP = 'client-test.myshopify.com';
const TOKEN = 'shpat_client_test';

/** A running simulated shop on the given plan, filled with demo data, and a client of ours pointed at it. */
export async function simulatedShop(options: { plan: 'standard' | 'plus'; customers: number; orders: number }) {
  const shopConfig = { currencyCode: 'USD', taxesIncluded: false };
  const simulator = await startShopifySimulator({
    shops: [
      { domain: SHOP, name: 'Client test', accessToken: TOKEN, plan: options.plan, ianaTimezone: 'UTC', ...shopConfig },
    ],
  });
  const shop = simulator.shops.get(SHOP);
  if (!shop) throw new Error('the simulator has no test shop');
  const operations = generateDemoData({
    seed: 11,
    customers: options.customers,
    orders: options.orders,
    shop: shopConfig,
  });
  const summary = await loadDemoData(shop, operations);
  if (summary.userErrors.length > 0) throw new Error(`demo data: ${JSON.stringify(summary.userErrors[0])}`);
  const events: ShopifyClientEvent[] = [];
  const client = new ShopifyClient({
    storeDomain: SHOP,
    tokens: staticToken(TOKEN),
    fetch: simulatorFetch(simulator.url) as typeof fetch,
    onEvent: (event) => events.push(event),
  });
  return { simulator, shop, client, events };
}
