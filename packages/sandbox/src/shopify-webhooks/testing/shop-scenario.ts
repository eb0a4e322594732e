import type { ExecutionResult } from 'graphql';
import type { ShopHandle } from '../../shopify/shop-handle';

/**
 * Drives a simulated shop through the Admin API mutations that raise every topic the simulator sends, with objects
 * in the states the docs samples show (a customer with an address and a note, a paid order with a customer and two
 * lines, a partial then a full fulfilment, a refund, a cancelled order, a company, a finished bulk query).
 */

async function run(
  shop: ShopHandle,
  document: string,
  variables?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result: ExecutionResult = await shop.execute(document, variables);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  const data = result.data ?? {};
  for (const payload of Object.values(data)) {
    const errors = (payload as { userErrors?: unknown[] } | null)?.userErrors ?? [];
    if (errors.length > 0) throw new Error(JSON.stringify(errors));
  }
  return data;
}

function at(value: unknown, ...path: (string | number)[]): string {
  let current = value;
  for (const step of path) current = (current as Record<string | number, unknown> | undefined)?.[step];
  if (typeof current !== 'string') throw new Error(`nothing at ${path.join('.')}`);
  return current;
}

const ADDRESS = {
  firstName: 'Steve',
  lastName: 'Shipper',
  company: 'Shipping Company',
  address1: '123 Shipping Street',
  city: 'Shippington',
  provinceCode: 'KY',
  countryCode: 'US',
  zip: '40003',
  phone: '+15555550100',
};

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });

/** Subscribes `callbackUrl` to every topic the simulator sends. */
export async function subscribeAll(shop: ShopHandle, callbackUrl: string, topics: readonly string[]): Promise<void> {
  for (const topic of topics) {
    await run(
      shop,
      `#graphql
      mutation Subscribe($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
        webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id } userErrors { message } }
      }`,
      { topic: topic.toUpperCase().replace('/', '_'), sub: { callbackUrl, format: 'JSON' } },
    );
  }
}

/** Runs the scenario; every mutation must succeed. */
export async function runScenario(shop: ShopHandle): Promise<void> {
  const customer = await run(
    shop,
    `mutation C($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { message } } }`,
    {
      input: {
        firstName: 'Bob',
        lastName: 'Biller',
        email: 'bob@biller.example',
        note: 'This customer loves ice cream',
        addresses: [{ ...ADDRESS, firstName: 'Bob', lastName: 'Biller' }],
      },
    },
  );
  const customerId = at(customer, 'customerCreate', 'customer', 'id');
  await run(
    shop,
    `mutation U($input: CustomerInput!) { customerUpdate(input: $input) { customer { id } userErrors { message } } }`,
    {
      input: { id: customerId, note: 'Still loves ice cream' },
    },
  );
  const orderInput = {
    currency: 'USD',
    email: 'bob@biller.example',
    customer: { toAssociate: { id: customerId } },
    billingAddress: ADDRESS,
    shippingAddress: ADDRESS,
    lineItems: [
      {
        title: 'Aviator sunglasses',
        sku: 'SKU2006-001',
        quantity: 2,
        priceSet: money('89.99'),
        taxLines: [{ title: 'KY State Tax', rate: '0.06', priceSet: money('10.80') }],
      },
      {
        title: 'Coffee table',
        sku: 'SKU2006-035',
        quantity: 1,
        priceSet: money('119.99'),
        taxLines: [{ title: 'KY State Tax', rate: '0.06', priceSet: money('7.20') }],
      },
    ],
    shippingLines: [{ title: 'Generic Shipping', priceSet: money('10.00') }],
    discountCode: { itemFixedDiscountCode: { code: 'SAVE5', amountSet: money('5.00') } },
    transactions: [{ kind: 'SALE', status: 'SUCCESS', gateway: 'bogus', amountSet: money('332.78') }],
  };
  const orderCreate = `mutation O($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) { order { id lineItems(first: 5) { nodes { id } } transactions { id kind } } userErrors { message } }
  }`;
  const created = await run(shop, orderCreate, { order: orderInput });
  const orderId = at(created, 'orderCreate', 'order', 'id');
  const fulfillmentOrders = await run(
    shop,
    `query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id } } } } } }`,
    { id: orderId },
  );
  const fo = at(fulfillmentOrders, 'order', 'fulfillmentOrders', 'nodes', 0, 'id');
  const foLine = at(fulfillmentOrders, 'order', 'fulfillmentOrders', 'nodes', 0, 'lineItems', 'nodes', 0, 'id');
  const fulfil = `mutation Fu($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`;
  const tracking = { company: 'UPS', number: '1z827wk74630', url: 'https://www.ups.com/track?tracknum=1z827wk74630' };
  await run(shop, fulfil, {
    f: {
      trackingInfo: tracking,
      lineItemsByFulfillmentOrder: [
        { fulfillmentOrderId: fo, fulfillmentOrderLineItems: [{ id: foLine, quantity: 1 }] },
      ],
    },
  });
  await run(shop, fulfil, { f: { trackingInfo: tracking, lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo }] } });
  const sale = at(created, 'orderCreate', 'order', 'transactions', 0, 'id');
  await run(
    shop,
    `mutation R($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`,
    {
      input: {
        orderId,
        note: 'Things were damaged',
        refundLineItems: [
          {
            lineItemId: at(created, 'orderCreate', 'order', 'lineItems', 'nodes', 0, 'id'),
            quantity: 1,
            restockType: 'NO_RESTOCK',
          },
        ],
        transactions: [{ orderId, parentId: sale, kind: 'REFUND', gateway: 'bogus', amount: '75.00' }],
      },
    },
  );
  const second = await run(shop, orderCreate, { order: { ...orderInput, transactions: [] } });
  await run(
    shop,
    `mutation X($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: false, restock: true) { orderCancelUserErrors { message } } }`,
    { id: at(second, 'orderCreate', 'order', 'id') },
  );
  await run(
    shop,
    `mutation Co($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id } userErrors { message } } }`,
    {
      input: {
        company: { name: 'Example Company', note: 'This is an example company', externalId: '123456789' },
        companyContact: { firstName: 'Ada', lastName: 'Buyer', email: 'ada@example-company.example' },
      },
    },
  );
  await run(
    shop,
    `mutation B { bulkOperationRunQuery(query: "{ customers { edges { node { id } } } }") { bulkOperation { id } userErrors { message } } }`,
  );
  const doomed = await run(
    shop,
    `mutation C($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { message } } }`,
    { input: { firstName: 'Gone', lastName: 'Soon', phone: '+15555550199' } },
  );
  await run(
    shop,
    `mutation D($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId userErrors { message } } }`,
    {
      input: { id: at(doomed, 'customerCreate', 'customer', 'id') },
    },
  );
}
