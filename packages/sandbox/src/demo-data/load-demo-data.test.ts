import { describe, expect, it } from 'vitest';
import { createFixtureShop } from '../shopify-webhooks/testing/fixture-shop';
import { CUSTOMER_CREATE, ORDER_CREATE } from './documents';
import { loadDemoData } from './load-demo-data';
import { pickString, type DemoOperation } from './operation';

describe('loadDemoData', () => {
  it('runs operations in order, feeds results forward, and reports userErrors and the steps they block', async () => {
    // Setup: a fake whose customerCreate refuses one email, as Shopify refuses a taken one.
    let next = 1;
    const shop = createFixtureShop('fixture.myshopify.com', {
      customerCreate: ({ input }) => {
        const email = (input as { email: string }).email;
        if (email === 'taken@example.com') {
          return { customer: null, userErrors: [{ field: ['email'], message: 'Email has already been taken' }] };
        }
        return { customer: { id: `gid://shopify/Customer/${next++}`, email, phone: null }, userErrors: [] };
      },
      orderCreate: () => {
        const money = { amount: '0.0', currencyCode: 'USD' };
        const totalPriceSet = { shopMoney: money, presentmentMoney: money };
        return {
          order: { id: 'gid://shopify/Order/1', totalPriceSet, lineItems: { nodes: [] }, transactions: [] },
          userErrors: [],
        };
      },
    });
    const orderFor = (customerKey: string, key: string): DemoOperation => ({
      key,
      document: ORDER_CREATE,
      variables: (c) => ({
        order: {
          currency: 'USD',
          customer: { toAssociate: { id: pickString(c, customerKey, ['customerCreate', 'customer', 'id']) } },
        },
      }),
    });
    const operations: DemoOperation[] = [
      { key: 'customer:0', document: CUSTOMER_CREATE, variables: { input: { email: 'a@example.com' } } },
      { key: 'customer:1', document: CUSTOMER_CREATE, variables: { input: { email: 'taken@example.com' } } },
      orderFor('customer:0', 'order:0'),
      orderFor('customer:1', 'order:1'),
    ];

    // Action
    const summary = await loadDemoData(shop, operations);

    // Assertions
    expect(summary.succeeded).toEqual({ customer: 1, order: 1 });
    expect(summary.userErrors).toEqual([
      { key: 'customer:1', field: ['email'], message: 'Email has already been taken' },
    ]);
    expect(summary.errors).toEqual([{ key: 'order:1', message: 'skipped: needs customer:1, which did not succeed' }]);
  });
});
