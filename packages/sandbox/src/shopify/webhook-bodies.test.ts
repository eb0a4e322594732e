/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   GraphQL results are read loosely here; the assertions check their values. */
import { describe, expect, it } from 'vitest';
import { buildRestBody } from '../shopify-webhooks/topic-bodies';
import type { ShopChange } from './shop-handle';
import { EU_SHOP, testSimulator } from './testing/shop-fixtures';
import { run } from './testing/run';

/**
 * The contract with the webhook dispatcher: for every change the store raises, the dispatcher's documents run
 * through `execute()` without a single error (every field it selects is served), at the moment of the change.
 */
describe('webhook bodies from store changes', () => {
  it('builds a REST body for every topic a full order lifecycle raises', async () => {
    // Setup
    const { sim, clock } = testSimulator();
    const shop = sim.shops.get(EU_SHOP.domain)!;
    const built: Promise<{ topic: string; body?: string; error?: string }>[] = [];
    shop.onChange((change: ShopChange) => {
      built.push(
        buildRestBody(shop, change).then(
          (body) => ({ topic: change.topic, body }),
          (error: unknown) => ({ topic: change.topic, error: String(error) }),
        ),
      );
    });
    const eur = (amount: string): unknown => ({ shopMoney: { amount, currencyCode: 'EUR' } });
    // Action
    await run(
      shop,
      `mutation { companyCreate(input: { company: { name: "Acme" }, companyContact: { email: "b@acme.example" }, companyLocation: { name: "HQ" } }) { userErrors { message } } }`,
    );
    const created = await run(
      shop,
      `mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { id transactions { id }
      lineItems(first: 5) { nodes { id } } fulfillmentOrders(first: 1) { nodes { id } } } userErrors { message } } }`,
      {
        o: {
          taxesIncluded: true,
          customer: { toUpsert: { email: 'ann@example.com', firstName: 'Ann', phone: '+32470123456' } },
          shippingAddress: { address1: 'Rue 1', city: 'Gent', countryCode: 'BE', zip: '9000', firstName: 'Ann' },
          billingAddress: { address1: 'Rue 1', city: 'Gent', countryCode: 'BE', zip: '9000', firstName: 'Ann' },
          lineItems: [
            {
              title: 'Coat',
              sku: 'C-1',
              quantity: 2,
              priceSet: eur('50.00'),
              taxLines: [{ title: 'BE VAT', rate: 0.21 }],
            },
            { title: 'Hat', quantity: 1, priceSet: eur('20.00'), taxLines: [{ title: 'BE VAT', rate: 0.21 }] },
          ],
          shippingLines: [
            { title: 'Bpost', code: 'BPOST', priceSet: eur('4.99'), taxLines: [{ title: 'BE VAT', rate: 0.21 }] },
          ],
          discountCode: { itemFixedDiscountCode: { code: 'TEN', amountSet: eur('10.00') } },
          transactions: [{ kind: 'SALE', gateway: 'bogus', amountSet: eur('114.99') }],
        },
      },
    );
    const order = created.orderCreate.order;
    clock.advance(1000);
    await run(
      shop,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders.nodes[0].id }],
          trackingInfo: { number: '1Z', company: 'UPS' },
        },
      },
    );
    await run(shop, `mutation($i: RefundInput!) { refundCreate(input: $i) { userErrors { message } } }`, {
      i: {
        orderId: order.id,
        refundLineItems: [{ lineItemId: order.lineItems.nodes[1].id, quantity: 1, restockType: 'RETURN' }],
        transactions: [
          { orderId: order.id, kind: 'REFUND', gateway: 'bogus', amount: '18.00', parentId: order.transactions[0].id },
        ],
      },
    });
    await run(
      shop,
      `mutation($id: ID!) { orderUpdate(input: { id: $id, tags: ["vip"], note: "call first" }) { userErrors { message } } }`,
      { id: order.id },
    );
    await run(
      shop,
      `mutation($id: ID!) { orderCancel(orderId: $id, refund: true, restock: false, reason: OTHER) { orderCancelUserErrors { message } } }`,
      { id: order.id },
    );
    const temp = await run(
      shop,
      `mutation { customerCreate(input: { email: "gone@example.com" }) { customer { id } } }`,
    );
    await run(shop, `mutation($id: ID!) { customerDelete(input: { id: $id }) { userErrors { message } } }`, {
      id: temp.customerCreate.customer.id,
    });
    await run(
      shop,
      `mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id } } } }") { userErrors { message } } }`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const results = await Promise.all(built);
    // Assertions
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(new Set(results.map((r) => r.topic))).toEqual(
      new Set([
        'companies/create',
        'customers/create',
        'orders/create',
        'orders/paid',
        'fulfillments/create',
        'orders/fulfilled',
        'orders/updated',
        'refunds/create',
        'orders/cancelled',
        'customers/delete',
        'bulk_operations/finish',
      ]),
    );
    const orderCreate = JSON.parse(results.find((r) => r.topic === 'orders/create')?.body ?? '{}') as Record<
      string,
      unknown
    >;
    expect(orderCreate).toMatchObject({
      total_price: '114.99',
      taxes_included: true,
      currency: 'EUR',
      financial_status: 'paid',
    });
  });
});
