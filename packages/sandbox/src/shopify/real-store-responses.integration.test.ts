/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   GraphQL results are read loosely here; the assertions check their values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReference } from '../reference';
import { startShopifySimulator, type RunningShopifySimulator } from './index';
import { EU_SHOP, testClock, US_SHOP } from './testing/shop-fixtures';
import { type Loose, run } from './testing/run';
import { shapeDiff } from './testing/shape-diff';

/**
 * The real responses under reference/shopify/real-store-responses/ against the simulator's answer to the same query
 * (each query reconstructed from the response's shape), over real HTTP: same keys and value types, and the same
 * calculated costs where the store's data allows the same actual cost.
 */

function reference(name: string): Loose {
  return JSON.parse(readReference('shopify', 'real-store-responses', name));
}

let sim: RunningShopifySimulator;
const clock = testClock();

async function post(domain: string, token: string, query: string, variables?: Record<string, unknown>): Promise<Loose> {
  const response = await fetch(sim.adminUrl(domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  sim = await startShopifySimulator({ shops: [US_SHOP, EU_SHOP], now: clock.now });
});
afterAll(async () => {
  await sim.close();
});

describe('real store responses', () => {
  it('orders page (OrderToImport.json): same shape, requested cost 752 and actual 14 for four orders', async () => {
    // Setup: four EU orders like the BC connector's WEB1346..WEB1349, one with a custom attribute.
    const shop = sim.shops.get(EU_SHOP.domain)!;
    for (let i = 0; i < 4; i += 1) {
      shop.createOrder({
        taxesIncluded: true,
        customAttributes: i < 3 ? [{ key: 'BC Doc. No.', value: `S-ORD10100${i + 9}` }] : [],
        lineItems: [{ title: 'Bike', quantity: 1, priceSet: { shopMoney: { amount: '704.99', currencyCode: 'EUR' } } }],
      });
      clock.advance(60_000);
    }
    const query = `{ orders(first: 250, query: "updated_at:>'2022-01-01T00:00:00Z'") { pageInfo { hasNextPage } edges { cursor node {
      legacyResourceId name createdAt updatedAt test fullyPaid unpaid riskLevel displayFinancialStatus displayFulfillmentStatus
      subtotalLineItemsQuantity totalPriceSet { shopMoney { amount currencyCode } } customAttributes { key value } tags } } } }`;
    // Action
    const actual = await post(EU_SHOP.domain, EU_SHOP.accessToken, query);
    // Assertions
    const expected = reference('graphql-orders-query-response_ms-bc-connector.json');
    expect(shapeDiff(expected, actual)).toEqual([]);
    expect(actual.extensions.cost.requestedQueryCost).toBe(expected.extensions.cost.requestedQueryCost);
    expect(actual.extensions.cost.actualQueryCost).toBe(expected.extensions.cost.actualQueryCost);
  });

  it('order transactions (OrderTransactionResult.txt): same shape and cost on the test gateway', async () => {
    // Setup
    const shop = sim.shops.get(US_SHOP.domain)!;
    const order = shop.createOrder({
      test: true,
      lineItems: [{ title: 'Board', quantity: 1, priceSet: { shopMoney: { amount: '679.00', currencyCode: 'USD' } } }],
      transactions: [
        {
          kind: 'SALE',
          gateway: 'bogus',
          test: true,
          amountSet: { shopMoney: { amount: '679.00', currencyCode: 'USD' } },
        },
      ],
    });
    const query = `query($id: ID!) { order(id: $id) { transactions { authorizationCode createdAt errorCode formattedGateway gateway id kind
      paymentId receiptJson status test amountSet { presentmentMoney { amount currencyCode } shopMoney { amount currencyCode } }
      paymentDetails { ... on CardPaymentDetails { avsResultCode bin cvvResultCode number company } } } } }`;
    // Action
    const actual = await post(US_SHOP.domain, US_SHOP.accessToken, query, { id: order.orderId });
    // Assertions
    const expected = reference('graphql-order-transactions-response_ms-bc-connector.json');
    expect(shapeDiff(expected, actual)).toEqual([]);
    expect(actual.data.order.transactions[0]).toMatchObject({
      gateway: 'bogus',
      formattedGateway: '(For Testing) Bogus Gateway',
      kind: 'SALE',
      status: 'SUCCESS',
      receiptJson: '{}',
    });
    expect(actual.extensions.cost.requestedQueryCost).toBe(3);
    expect(actual.extensions.cost.actualQueryCost).toBe(3);
  });

  it('empty customers page (CustomersResult.txt): same body, cost and Standard-plan throttle status', async () => {
    // Setup: a fresh Standard shop, so the bucket is full (2000) before the request.
    const fresh = await startShopifySimulator({ shops: [US_SHOP], now: clock.now });
    const query = `{ customers(first: 10, query: "updated_at:>'2030-01-01T00:00:00Z'") { pageInfo { hasNextPage } edges { cursor node { id } } } }`;
    // Action
    const response = await fetch(fresh.adminUrl(US_SHOP.domain), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': US_SHOP.accessToken },
      body: JSON.stringify({ query }),
    });
    const actual: Loose = await response.json();
    await fresh.close();
    // Assertions
    expect(actual).toEqual(reference('graphql-customers-empty-page-response_ms-bc-connector.json'));
  });

  it('currentBulkOperation COMPLETED (CurrentBulkOperationCompletedResult.txt): same data shape', async () => {
    // Setup
    const shop = sim.shops.get(US_SHOP.domain)!;
    const started = await run(
      shop,
      `mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id } } } }") { bulkOperation { id } userErrors { message } } }`,
    );
    expect(started.bulkOperationRunQuery.userErrors).toEqual([]);
    await new Promise<void>((resolve) => shop.onChange((c) => c.topic === 'bulk_operations/finish' && resolve()));
    const query = `{ currentBulkOperation { id status errorCode createdAt completedAt objectCount fileSize url partialDataUrl } }`;
    // Action
    const actual = await post(US_SHOP.domain, US_SHOP.accessToken, query);
    // Assertions: the captured response predates throttleStatus in its cost extension; everything else matches.
    expect(shapeDiff(reference('graphql-currentBulkOperation-completed_ms-bc-connector.json'), actual)).toEqual([
      '$.extensions.cost.throttleStatus: only in simulator',
    ]);
    expect(actual.data.currentBulkOperation.status).toBe('COMPLETED');
    expect(actual.extensions.cost.requestedQueryCost).toBe(1);
  });
});
