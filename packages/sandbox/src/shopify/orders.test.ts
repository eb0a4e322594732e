/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call --
   GraphQL results are read loosely here; the assertions check their values. */ import {
  describe,
  expect,
  it,
} from 'vitest';
import type { ShopChange } from './shop-handle';
import { EU_SHOP, testSimulator, US_SHOP } from './testing/shop-fixtures';
import { run } from './testing/run';

const MONEY = 'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';
const CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id name displayFinancialStatus displayFulfillmentStatus taxesIncluded
    subtotalPriceSet { ${MONEY} } totalTaxSet { ${MONEY} } totalPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} }
    currentTotalPriceSet { ${MONEY} } totalShippingPriceSet { ${MONEY} }
    discountApplications(first: 5) { nodes { __typename allocationMethod value { ... on PricingPercentageValue { percentage } } ... on DiscountCodeApplication { code } } }
    lineItems(first: 10) { nodes { id quantity currentQuantity
      originalUnitPriceSet { ${MONEY} } discountedUnitPriceAfterAllDiscountsSet { ${MONEY} }
      discountAllocations { allocatedAmountSet { ${MONEY} } discountApplication { index } } } }
    fulfillmentOrders(first: 1) { nodes { id lineItems(first: 10) { nodes { id remainingQuantity } } } }
    transactions { id kind status amountSet { ${MONEY} } } }
  userErrors { field message code } } }`;

function collect(shopChanges: ShopChange[]): string[] {
  return shopChanges.map((c) => c.topic);
}

describe('orderCreate', () => {
  it('adds taxes on top when taxes are excluded, after the discount code', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const changes: ShopChange[] = [];
    shop.onChange((c) => changes.push(c));
    // Action
    const data = await run(shop, CREATE, {
      order: {
        currency: 'USD',
        lineItems: [
          {
            title: 'Shirt',
            quantity: 2,
            priceSet: { shopMoney: { amount: '19.99', currencyCode: 'USD' } },
            taxLines: [{ title: 'VAT', rate: 0.2 }],
          },
        ],
        shippingLines: [{ title: 'Standard', priceSet: { shopMoney: { amount: '5.00', currencyCode: 'USD' } } }],
        discountCode: { itemPercentageDiscountCode: { code: 'TEN', percentage: 10 } },
        transactions: [
          { kind: 'SALE', status: 'SUCCESS', amountSet: { shopMoney: { amount: '48.18', currencyCode: 'USD' } } },
        ],
        customer: { toUpsert: { email: 'ann@example.com', firstName: 'Ann' } },
      },
    });
    // Assertions: 39.98 - 4.00 = 35.98; 20% tax 7.20; + 5.00 shipping = 48.18.
    const order = data.orderCreate.order;
    expect(data.orderCreate.userErrors).toEqual([]);
    expect(order.name).toBe('#1001');
    expect(order.taxesIncluded).toBe(false);
    expect(order.subtotalPriceSet.shopMoney).toEqual({ amount: '35.98', currencyCode: 'USD' });
    expect(order.totalTaxSet.shopMoney.amount).toBe('7.2');
    expect(order.totalDiscountsSet.shopMoney.amount).toBe('4.0');
    expect(order.totalPriceSet.shopMoney.amount).toBe('48.18');
    expect(order.displayFinancialStatus).toBe('PAID');
    expect(order.discountApplications.nodes).toEqual([
      { __typename: 'DiscountCodeApplication', allocationMethod: 'ACROSS', value: { percentage: 10 }, code: 'TEN' },
    ]);
    expect(order.lineItems.nodes[0].discountAllocations[0].allocatedAmountSet.shopMoney.amount).toBe('4.0');
    expect(order.lineItems.nodes[0].discountedUnitPriceAfterAllDiscountsSet.shopMoney.amount).toBe('17.99');
    expect(collect(changes)).toEqual(['orders/create', 'orders/paid', 'customers/create']);
    expect(new Set(changes.map((c) => c.eventId)).size).toBe(1);
  });

  it('carves taxes out of inclusive prices and keeps shop and presentment amounts apart', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(EU_SHOP.domain)!;
    // Action
    const data = await run(shop, CREATE, {
      order: {
        taxesIncluded: true,
        presentmentCurrency: 'USD',
        lineItems: [
          {
            title: 'Coat',
            quantity: 1,
            priceSet: {
              shopMoney: { amount: '55.20', currencyCode: 'EUR' },
              presentmentMoney: { amount: '60.00', currencyCode: 'USD' },
            },
            taxLines: [{ title: 'BE VAT 21%', rate: 0.21 }],
          },
        ],
        shippingLines: [{ title: 'Bpost', priceSet: { shopMoney: { amount: '4.99', currencyCode: 'EUR' } } }],
      },
    });
    // Assertions: 55.20 incl. 21% holds 9.58; total stays 60.19 (like rest-get-order-response_ms-bc-connector.json).
    const order = data.orderCreate.order;
    expect(order.name).toBe('WEB1001');
    expect(order.totalPriceSet.shopMoney).toEqual({ amount: '60.19', currencyCode: 'EUR' });
    expect(order.totalTaxSet.shopMoney.amount).toBe('9.58');
    expect(order.subtotalPriceSet.presentmentMoney).toEqual({ amount: '60.0', currencyCode: 'USD' });
    expect(order.totalShippingPriceSet.presentmentMoney.currencyCode).toBe('USD');
    expect(order.displayFinancialStatus).toBe('PENDING');
  });

  it('returns userErrors for bad input and creates nothing', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    // Action
    const data = await run(shop, CREATE, {
      order: {
        lineItems: [{ title: 'X', quantity: 1, priceSet: { shopMoney: { amount: '1.00', currencyCode: 'EUR' } } }],
      },
    });
    // Assertions
    expect(data.orderCreate.order).toBeNull();
    expect(data.orderCreate.userErrors[0].field).toEqual(['order', 'lineItems', '0', 'priceSet']);
    expect(shop.store.orders.size).toBe(0);
  });
});

describe('order lifecycle', () => {
  async function paidOrder() {
    const { sim, clock } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const data = await run(shop, CREATE, {
      order: {
        lineItems: [
          {
            title: 'A',
            quantity: 2,
            priceSet: { shopMoney: { amount: '10.00', currencyCode: 'USD' } },
            taxLines: [{ title: 'Tax', rate: 0.1 }],
          },
          {
            title: 'B',
            quantity: 1,
            priceSet: { shopMoney: { amount: '30.00', currencyCode: 'USD' } },
            taxLines: [{ title: 'Tax', rate: 0.1 }],
          },
        ],
        transactions: [
          { kind: 'SALE', gateway: 'bogus', amountSet: { shopMoney: { amount: '55.00', currencyCode: 'USD' } } },
        ],
      },
    });
    const changes: ShopChange[] = [];
    shop.onChange((c) => changes.push(c));
    return { shop, clock, order: data.orderCreate.order, changes };
  }

  it('refunds a line: it leaves the current totals at its tax-inclusive price, money needs a captured parent', async () => {
    // Setup
    const { shop, order, changes } = await paidOrder();
    const lineB = order.lineItems.nodes[1].id;
    const refund = `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id totalRefundedSet { ${MONEY} }
      refundLineItems(first: 5) { nodes { quantity restockType subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } } } }
      order { currentTotalPriceSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } } displayFinancialStatus totalRefundedSet { shopMoney { amount } }
        lineItems(first: 5) { nodes { currentQuantity refundableQuantity } } } userErrors { field message } } }`;
    // Action
    const withoutParent = await run(shop, refund, {
      input: {
        orderId: order.id,
        transactions: [{ orderId: order.id, kind: 'REFUND', gateway: 'bogus', amount: '33.00' }],
      },
    });
    const done = await run(shop, refund, {
      input: {
        orderId: order.id,
        refundLineItems: [{ lineItemId: lineB, quantity: 1, restockType: 'RETURN' }],
        transactions: [
          { orderId: order.id, kind: 'REFUND', gateway: 'bogus', amount: '33.00', parentId: order.transactions[0].id },
        ],
      },
    });
    // Assertions
    expect(withoutParent.refundCreate.userErrors).toEqual([
      { field: ['transactions', '0', 'parentId'], message: 'A refund can happen only after a capture is processed' },
    ]);
    const r = done.refundCreate;
    expect(r.userErrors).toEqual([]);
    expect(r.refund.totalRefundedSet.shopMoney.amount).toBe('33.0');
    expect(r.refund.refundLineItems.nodes[0]).toEqual({
      quantity: 1,
      restockType: 'RETURN',
      subtotalSet: { shopMoney: { amount: '30.0' } },
      totalTaxSet: { shopMoney: { amount: '3.0' } },
    });
    expect(r.order.totalPriceSet.shopMoney.amount).toBe('55.0');
    expect(r.order.currentTotalPriceSet.shopMoney.amount).toBe('22.0');
    expect(r.order.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    expect(r.order.lineItems.nodes[1]).toEqual({ currentQuantity: 0, refundableQuantity: 0 });
    expect(changes.map((c) => c.topic)).toEqual(['refunds/create', 'orders/updated']);
    expect(changes[0]?.orderGid).toBe(order.id);
  });

  it('suggests a refund with its captured parent, which refundCreate accepts as is', async () => {
    // Setup
    const { shop, order } = await paidOrder();
    const lineA = order.lineItems.nodes[0].id;
    // Action
    const suggested = await run(
      shop,
      `query($id: ID!, $line: ID!) { order(id: $id) { suggestedRefund(refundLineItems: [{ lineItemId: $line, quantity: 1 }]) {
      amountSet { shopMoney { amount } } subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
      refundLineItems { quantity lineItem { id } }
      suggestedTransactions { kind gateway amountSet { presentmentMoney { amount } } parentTransaction { id kind } } } } }`,
      { id: order.id, line: lineA },
    );
    const s = suggested.order.suggestedRefund;
    const refund = await run(
      shop,
      `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { totalRefundedSet { shopMoney { amount } } } userErrors { message } } }`,
      {
        input: {
          orderId: order.id,
          refundLineItems: [{ lineItemId: lineA, quantity: 1 }],
          transactions: s.suggestedTransactions.map(
            (t: {
              gateway: string;
              amountSet: { presentmentMoney: { amount: string } };
              parentTransaction: { id: string };
            }) => ({
              orderId: order.id,
              kind: 'REFUND',
              gateway: t.gateway,
              amount: t.amountSet.presentmentMoney.amount,
              parentId: t.parentTransaction.id,
            }),
          ),
        },
      },
    );
    // Assertions: one unit of A is 10.00 plus 1.00 tax.
    expect(s).toMatchObject({
      amountSet: { shopMoney: { amount: '11.0' } },
      subtotalSet: { shopMoney: { amount: '10.0' } },
      totalTaxSet: { shopMoney: { amount: '1.0' } },
    });
    expect(s.suggestedTransactions).toEqual([
      {
        kind: 'SUGGESTED_REFUND',
        gateway: 'bogus',
        amountSet: { presentmentMoney: { amount: '11.0' } },
        parentTransaction: { id: order.transactions[0].id, kind: 'SALE' },
      },
    ]);
    expect(refund.refundCreate).toEqual({
      refund: { totalRefundedSet: { shopMoney: { amount: '11.0' } } },
      userErrors: [],
    });
  });

  it('fulfils partly then fully, with tracking, raising the fulfilment topics', async () => {
    // Setup
    const { shop, order, changes } = await paidOrder();
    const fo = order.fulfillmentOrders.nodes[0];
    const create = `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id name status trackingInfo { company number url }
      fulfillmentLineItems(first: 5) { nodes { quantity lineItem { id } } } order { displayFulfillmentStatus } } userErrors { field message } } }`;
    // Action
    const first = await run(shop, create, {
      f: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 2 }] },
        ],
        trackingInfo: { company: 'UPS', number: '1Z1', url: 'https://ups.example/1Z1' },
      },
    });
    const tooMany = await run(shop, create, {
      f: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 1 }] },
        ],
      },
    });
    const rest = await run(shop, create, { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } });
    // Assertions
    expect(first.fulfillmentCreate.fulfillment).toMatchObject({
      name: '#1001.1',
      status: 'SUCCESS',
      trackingInfo: [{ company: 'UPS', number: '1Z1', url: 'https://ups.example/1Z1' }],
    });
    expect(first.fulfillmentCreate.fulfillment.order.displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(tooMany.fulfillmentCreate.userErrors[0].message).toBe(
      'Invalid fulfillment order line item quantity requested.',
    );
    expect(rest.fulfillmentCreate.fulfillment.order.displayFulfillmentStatus).toBe('FULFILLED');
    expect(changes.map((c) => c.topic)).toEqual([
      'fulfillments/create',
      'orders/partially_fulfilled',
      'orders/updated',
      'fulfillments/create',
      'orders/fulfilled',
      'orders/updated',
    ]);
  });

  it('cancels with a refund, marks paid, closes, and moves updatedAt each time', async () => {
    // Setup
    const { shop, order, changes, clock } = await paidOrder();
    const other = await run(shop, CREATE, {
      order: {
        lineItems: [{ title: 'C', quantity: 1, priceSet: { shopMoney: { amount: '5.00', currencyCode: 'USD' } } }],
      },
    });
    const read = `query($id: ID!) { order(id: $id) { updatedAt cancelledAt cancelReason closed displayFinancialStatus currentTotalPriceSet { shopMoney { amount } } } }`;
    const before = await run(shop, read, { id: order.id });
    // Action
    clock.advance(1000);
    const cancel = await run(
      shop,
      `mutation($id: ID!) { orderCancel(orderId: $id, refund: true, restock: true, reason: CUSTOMER) { job { done } orderCancelUserErrors { code message } } }`,
      { id: order.id },
    );
    const again = await run(
      shop,
      `mutation($id: ID!) { orderCancel(orderId: $id, refund: true, restock: true, reason: CUSTOMER) { orderCancelUserErrors { code message } } }`,
      { id: order.id },
    );
    const after = await run(shop, read, { id: order.id });
    clock.advance(1000);
    const paid = await run(
      shop,
      `mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { order { displayFinancialStatus } userErrors { message } } }`,
      { id: other.orderCreate.order.id },
    );
    const closed = await run(
      shop,
      `mutation($id: ID!) { orderClose(input: { id: $id }) { order { closed closedAt } userErrors { message } } }`,
      { id: order.id },
    );
    // Assertions
    expect(cancel.orderCancel).toEqual({ job: { done: true }, orderCancelUserErrors: [] });
    expect(again.orderCancel.orderCancelUserErrors[0].code).toBe('INVALID');
    expect(after).toMatchObject({
      order: {
        cancelReason: 'CUSTOMER',
        displayFinancialStatus: 'REFUNDED',
        currentTotalPriceSet: { shopMoney: { amount: '0.0' } },
      },
    });
    expect(after.order.updatedAt > before.order.updatedAt).toBe(true);
    expect(paid.orderMarkAsPaid.order.displayFinancialStatus).toBe('PAID');
    expect(closed.orderClose.order.closed).toBe(true);
    const topics = changes.map((c) => c.topic);
    expect(topics).toEqual([
      'orders/create',
      'orders/cancelled',
      'refunds/create',
      'orders/updated',
      'orders/paid',
      'orders/updated',
      'orders/updated',
    ]);
    expect(new Set(changes.slice(1, 4).map((c) => c.eventId)).size).toBe(1);
  });
});
