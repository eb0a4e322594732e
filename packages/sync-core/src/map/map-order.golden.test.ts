import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderFromRest } from '../adapters/order-from-rest';
import { orderSettings } from '../settings/store-settings';
import { mapOrderToSalesOrder, type OrderMappingOptions } from './map-order';

/**
 * Golden tests: every real order payload under reference/shopify maps to the write plan committed under golden/,
 * compared field by field. The files were written once with GOLDEN_UPDATE=1 and checked by hand (README beside them);
 * any change to a plan fails here until it is looked at and the file rewritten.
 */

const shopify = new URL('../../../../reference/shopify/', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, shopify), 'utf8'));
const golden = (name: string): URL => new URL(`golden/${name}.json`, import.meta.url);

const options = (storeKey: string, shopHandle: string): OrderMappingOptions => ({
  storeKey,
  shopHandle,
  correlationId: 'golden-correlation',
  countryAs: 'name',
  settings: orderSettings.parse({}),
  customer: { table: 'contact', id: '0b8c5c1e-0000-4000-8000-000000000001' },
});

/** The docs samples whose body is an order (orders/edited and orders/delete are not). */
const docsSamples = readdirSync(new URL('webhooks/shopify-docs-samples-2026-04/', shopify))
  .filter((name) => name.startsWith('orders_'))
  .map((name) => ({
    name: `docs-${name.replace('.json', '')}`,
    body: (read(`webhooks/shopify-docs-samples-2026-04/${name}`) as { response: unknown }).response,
  }))
  .filter(({ body }) => Array.isArray((body as { line_items?: unknown }).line_items));

const web1349 = (read('real-store-responses/rest-get-order-response_ms-bc-connector.json') as { order: unknown }).order;

const cases: { name: string; body: unknown; options: OrderMappingOptions }[] = [
  ...docsSamples.map(({ name, body }) => ({ name, body, options: options('us', 'demo-us') })),
  { name: 'real-eur-web1349', body: web1349, options: options('be', 'scaptapoc') },
  {
    name: 'real-eur-web1349-shipping-as-line',
    body: web1349,
    options: {
      ...options('be', 'scaptapoc'),
      settings: orderSettings.parse({ shippingAs: 'line', products: 'bySku' }),
    },
  },
];

describe('golden order plans', () => {
  it.each(cases)('$name maps to golden/$name.json', ({ name, body, options: mapping }) => {
    // Action
    const plan = JSON.parse(JSON.stringify(mapOrderToSalesOrder(orderFromRest(body), mapping))) as unknown;

    // Assertions
    if (process.env.GOLDEN_UPDATE === '1' || !existsSync(golden(name))) {
      if (process.env.GOLDEN_UPDATE !== '1')
        throw new Error(`golden/${name}.json is missing: run with GOLDEN_UPDATE=1`);
      writeFileSync(golden(name), `${JSON.stringify(plan, null, 2)}\n`);
    }
    expect(plan).toEqual(JSON.parse(readFileSync(golden(name), 'utf8')));
  });

  it('the EUR tax-included order totals 60.19 in Dynamics with no correction', () => {
    const plan = mapOrderToSalesOrder(orderFromRest(web1349), options('be', 'scaptapoc'));
    expect(plan.expected).toMatchObject({ totalamount: '60.19', totaltax: '10.45', currency: 'EUR' });
    expect(plan.correction).toBeNull();
  });

  it('the real GraphQL orders page has no lines or money sets to map: it is a list of order summaries', () => {
    // The BC connector's query selects names, statuses and totalPriceSet.shopMoney only; a plan needs lines, taxes
    // and both money sets, which the sync reads with its own OrderFields query (packages/shopify).
    const page = read('real-store-responses/graphql-orders-query-response_ms-bc-connector.json') as {
      data: { orders: { edges: { node: Record<string, unknown> }[] } };
    };
    for (const { node } of page.data.orders.edges) {
      expect(node).not.toHaveProperty('lineItems');
      expect(node).not.toHaveProperty('currentTotalPriceSet');
    }
  });
});
