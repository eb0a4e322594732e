import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RestBodyError } from './from-rest';
import { orderFromRest } from './order-from-rest';

const shopify = new URL('../../../../reference/shopify/', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, shopify), 'utf8'));

/** The docs samples of orders/* topics whose body is an order (in `response`). */
const samples = readdirSync(new URL('webhooks/shopify-docs-samples-2026-04/', shopify))
  .filter((name) => name.startsWith('orders_'))
  .map((name): [string, unknown] => [
    name,
    (read(`webhooks/shopify-docs-samples-2026-04/${name}`) as { response: unknown }).response,
  ]);

const exemplars = readdirSync(new URL('webhooks/anonymized-production-exemplars/', shopify))
  .filter((name) => /_orders_\d+\.json$/.test(name))
  .map((name): [string, unknown] => [name, read(`webhooks/anonymized-production-exemplars/${name}`)]);

/** An order body, as opposed to the orders/edited (`order_edit`), orders/delete (`id` only) and risk bodies. */
const isOrder = (body: unknown): boolean => Array.isArray((body as { line_items?: unknown }).line_items);

/**
 * The anonymised exemplars keep Shopify's keys and nesting but replace every value with a placeholder
 * ("example string", 123, a URL for gids). They say nothing about values, so to check that the adapter reads their
 * structure we put plausible values back by key: amounts "1.00" in USD, gids from the numeric ids (123, a safe
 * integer, which the adapter falls back to when admin_graphql_api_id is not a gid), the rest as they are.
 */
function withPlausibleValues(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((entry) => withPlausibleValues(entry, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, withPlausibleValues(entry, name)]));
  }
  if (value !== 'example string' && value !== 'https://www.example.com/') return value;
  if (key === 'amount' || key === 'value') return '1.00';
  if (key === 'currency_code' || key === 'currency' || key === 'presentment_currency') return 'USD';
  if (key === 'type') return 'discount_code';
  if (key === 'admin_graphql_api_id') return null;
  return value;
}

describe('orderFromRest', () => {
  it.each(samples.filter(([, body]) => isOrder(body)))('maps the docs sample %s', (_name, body) => {
    // Action
    const order = orderFromRest(body);

    // Assertions
    expect(order.gid).toBe('gid://shopify/Order/820982911946154508');
    expect(order.legacyId).toBe('820982911946154508');
    expect(order.lineItems.length).toBeGreaterThan(0);
    for (const line of order.lineItems) expect(line.gid).toMatch(/^gid:\/\/shopify\/LineItem\/\d+$/);
    // Amounts and times as GraphQL writes them ("10.0", whole seconds), so a delivery and the API agree.
    expect(order.totals.currentTotal.shop.amount).toMatch(/^\d+\.(0|\d*[1-9])$/);
    expect(order.totals.currentTotal.shop.currency).toBe('USD');
    expect(order.createdAt).toBe('2022-01-01T00:00:00Z');
  });

  it.each(samples.filter(([, body]) => !isOrder(body)))('refuses %s, which is not an order body', (_name, body) => {
    expect(() => orderFromRest(body)).toThrow(/no line_items: it is not an order/);
  });

  it.each(exemplars.filter(([, body]) => isOrder(body)))(
    'reads the structure of the anonymised exemplar %s, and refuses its placeholder values by field',
    (_name, body) => {
      // Action
      const order = orderFromRest(withPlausibleValues(body));

      // Assertions
      expect(order.gid).toBe('gid://shopify/Order/123');
      expect(order.lineItems.length).toBeGreaterThan(0);
      expect(order.totals.currentTotal.shop).toEqual({ amount: '1.0', currency: 'USD' });
      expect(() => orderFromRest(body)).toThrow(RestBodyError);
      expect(() => orderFromRest(body)).toThrow(/is not (a decimal amount|a currency|a time)|missing/);
    },
  );

  it('maps the real EUR tax-included order WEB1349 (REST GET, 2022) with every amount from the sets', () => {
    // Setup
    const body = (read('real-store-responses/rest-get-order-response_ms-bc-connector.json') as { order: unknown })
      .order;

    // Action
    const order = orderFromRest(body);

    // Assertions
    expect(order).toMatchObject({
      gid: 'gid://shopify/Order/4670269816904',
      legacyId: '4670269816904',
      name: 'WEB1349',
      currency: 'EUR',
      presentmentCurrency: 'EUR',
      taxesIncluded: true,
      financialStatus: 'PAID',
      fulfillmentStatus: 'UNFULFILLED',
    });
    expect(order.totals.currentTotal.shop).toEqual({ amount: '60.19', currency: 'EUR' });
    expect(order.lineItems).toHaveLength(1);
    // current_quantity is null in this older body: the quantity less refunds (none).
    expect(order.lineItems[0]).toMatchObject({ sku: '1928-S', quantity: 1, currentQuantity: 1, variantTitle: null });
    expect(order.lineItems[0]?.taxLines[0]).toMatchObject({ rate: '0.21', price: { shop: { amount: '9.58' } } });
    expect(order.shippingLines[0]).toMatchObject({
      gid: 'gid://shopify/ShippingLine/4058238582856',
      discountedPrice: { shop: { amount: '4.99', currency: 'EUR' } },
    });
  });

  it('takes ids from the gids, never from rounded numbers, and current quantities from refunds when absent', () => {
    // Setup
    const body = structuredClone(samples.find(([name]) => name === 'orders_create.json')?.[1]) as Record<
      string,
      unknown
    > & { line_items: Record<string, unknown>[] };
    const line = body.line_items[0] ?? {};
    line.current_quantity = null;
    line.quantity = 3;
    line.id = 1234;
    line.admin_graphql_api_id = 'gid://shopify/LineItem/1234';
    body.refunds = [{ refund_line_items: [{ line_item_id: 1234, quantity: 2 }], transactions: [] }];

    // Action
    const order = orderFromRest(body);

    // Assertions
    expect(order.legacyId).toBe('820982911946154508');
    expect(order.customerGid).toBe('gid://shopify/Customer/115310627314723954');
    expect(order.lineItems[0]).toMatchObject({ quantity: 3, currentQuantity: 1 });
  });

  it('names the field it cannot read', () => {
    // Setup
    const body = structuredClone(samples.find(([name]) => name === 'orders_create.json')?.[1]) as Record<
      string,
      unknown
    >;

    // Action, Assertions
    expect(() => orderFromRest({ ...body, current_total_price_set: { shop_money: { amount: 12.5 } } })).toThrow(
      'current_total_price_set.shop_money.amount is not a decimal amount: 12.5',
    );
    expect(() => orderFromRest({ ...body, admin_graphql_api_id: null, id: 820982911946154500 })).toThrow(
      /neither a Order gid/,
    );
    expect(() => orderFromRest([])).toThrow('the order body is not an object');
  });
});
