import { simulatorFetch } from '@shopverse/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopifyClient } from './client';
import {
  readCompanies,
  readCustomer,
  readCustomers,
  readOrder,
  readOrders,
  readOrdersWithEvents,
  readOrderWithEvents,
} from './readers';
import { SHOP, simulatedShop } from './testing/simulated-shop';
import { staticToken } from './token-provider';

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

type Shop = Awaited<ReturnType<typeof simulatedShop>>['shop'];

interface CreatedOrder {
  id: string;
  lineItems: { nodes: { id: string }[] };
  transactions: { id: string }[];
  fulfillmentOrders: { nodes: { id: string; lineItems: { nodes: { id: string }[] } }[] };
}

/** Runs a mutation through the simulator's Admin API and fails the test on any error or user error. */
async function mutate<T>(shop: Shop, field: string, document: string, variables: Record<string, unknown>): Promise<T> {
  const result = await shop.execute(document, variables);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  const payload = (result.data as Record<string, { userErrors: unknown[] } & T>)[field];
  if (!payload || payload.userErrors.length > 0) throw new Error(JSON.stringify(payload?.userErrors));
  return payload;
}

/** A paid order through orderCreate, with what refundCreate and fulfillmentCreate need from it. */
async function paidOrder(shop: Shop, lines: { title: string; quantity: number; price: string }[], paid: string) {
  const created = await mutate<{ order: CreatedOrder }>(
    shop,
    'orderCreate',
    `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id
      lineItems(first: 100) { nodes { id } } transactions { id }
      fulfillmentOrders(first: 1) { nodes { id lineItems(first: 100) { nodes { id } } } } } userErrors { message } } }`,
    {
      order: {
        currency: 'USD',
        email: 'events-buyer@example.com',
        lineItems: lines.map((line) => ({
          title: line.title,
          quantity: line.quantity,
          priceSet: { shopMoney: { amount: line.price, currencyCode: 'USD' } },
        })),
        transactions: [
          {
            kind: 'SALE',
            status: 'SUCCESS',
            gateway: 'bogus',
            amountSet: { shopMoney: { amount: paid, currencyCode: 'USD' } },
          },
        ],
      },
    },
  );
  return created.order;
}

const REFUND = `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`;
const FULFIL = `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`;

describe('readers of canonical records', () => {
  let setup: Awaited<ReturnType<typeof simulatedShop>>;
  beforeAll(async () => {
    setup = await simulatedShop({ plan: 'plus', customers: 30, orders: 40 });
  });
  afterAll(async () => {
    await setup.simulator.close();
  });

  it('reads every order with money as decimal strings in shop and presentment currency', async () => {
    // Action
    const orders = await all(readOrders(setup.client));
    // Assertions
    expect(orders).toHaveLength(40);
    const first = orders[0];
    expect(first?.gid).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    expect(first?.totals.currentTotal.shop.amount).toMatch(/^-?\d+\.\d+$/);
    expect(first?.totals.currentTotal.shop.currency).toBe('USD');
    expect(orders.every((order) => order.lineItems.length > 0)).toBe(true);
  });

  it('completes an order with more line items than one page holds', async () => {
    // Setup: 60 lines, more than the 50 a page of orders asks for.
    const lineItems = Array.from({ length: 60 }, (_, n) => ({
      title: `Part ${n}`,
      quantity: 1,
      priceSet: { shopMoney: { amount: '1.25', currencyCode: 'USD' } },
    }));
    const created = await setup.shop.execute(
      'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }',
      { order: { currency: 'USD', email: 'bulk-buyer@example.com', lineItems } },
    );
    const gid = (created.data as { orderCreate: { order: { id: string } } }).orderCreate.order.id;
    const correlationId = '6f9c2b1e-4d3a-4e8f-9a7b-1c2d3e4f5a6b';
    const before = setup.events.length;
    // Action
    const order = await readOrder(setup.client, gid, { correlationId });
    // Assertions
    expect(order?.lineItems).toHaveLength(60);
    const responses = setup.events.slice(before).filter((event) => event.kind === 'response');
    expect(responses.length).toBeGreaterThan(1);
    expect(responses.every((event) => event.correlationId === correlationId)).toBe(true);
    expect(new Set(order?.lineItems.map((line) => line.gid)).size).toBe(60);
  });

  it('reads an order with its partial refund and its fulfillment with tracking, as they are in the shop', async () => {
    // Setup: two of A at 10.00 and one B at 30.00, paid; B refunded and returned, A shipped by UPS.
    const order = await paidOrder(
      setup.shop,
      [
        { title: 'A', quantity: 2, price: '10.00' },
        { title: 'B', quantity: 1, price: '30.00' },
      ],
      '50.00',
    );
    const [lineA, lineB] = order.lineItems.nodes;
    const fulfillmentOrder = order.fulfillmentOrders.nodes[0];
    const refund = await mutate<{ refund: { id: string } }>(setup.shop, 'refundCreate', REFUND, {
      input: {
        orderId: order.id,
        note: 'Too small',
        refundLineItems: [{ lineItemId: lineB?.id, quantity: 1, restockType: 'RETURN' }],
        transactions: [
          { orderId: order.id, kind: 'REFUND', gateway: 'bogus', amount: '30.00', parentId: order.transactions[0]?.id },
        ],
      },
    });
    const fulfillment = await mutate<{ fulfillment: { id: string } }>(setup.shop, 'fulfillmentCreate', FULFIL, {
      f: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: fulfillmentOrder?.id,
            fulfillmentOrderLineItems: [{ id: fulfillmentOrder?.lineItems.nodes[0]?.id, quantity: 2 }],
          },
        ],
        trackingInfo: { company: 'UPS', number: '1Z999AA10123456784', url: 'https://ups.example/1Z999AA10123456784' },
      },
    });
    // Action
    const read = await readOrderWithEvents(setup.client, order.id);
    // Assertions
    expect(read?.order.gid).toBe(order.id);
    expect(read?.events.refunds).toEqual([
      {
        gid: refund.refund.id,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        note: 'Too small',
        totalRefunded: { shop: { amount: '30.0', currency: 'USD' }, presentment: { amount: '30.0', currency: 'USD' } },
        lines: [
          {
            lineItemGid: lineB?.id,
            quantity: 1,
            restockType: 'RETURN',
            subtotal: { shop: { amount: '30.0', currency: 'USD' }, presentment: { amount: '30.0', currency: 'USD' } },
            totalTax: { shop: { amount: '0.0', currency: 'USD' }, presentment: { amount: '0.0', currency: 'USD' } },
          },
        ],
      },
    ]);
    expect(read?.events.fulfillments).toEqual([
      {
        gid: fulfillment.fulfillment.id,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        status: 'SUCCESS',
        trackingCompany: 'UPS',
        trackingNumbers: ['1Z999AA10123456784'],
        trackingUrls: ['https://ups.example/1Z999AA10123456784'],
        lines: [{ lineItemGid: lineA?.id, quantity: 2 }],
      },
    ]);
    expect(await readOrder(setup.client, order.id)).toEqual(read?.order);
    const paged = (await all(readOrdersWithEvents(setup.client))).find((entry) => entry.order.gid === order.id);
    expect(paged?.events).toEqual(read?.events);
  });

  it('completes a refund and a fulfillment with more lines than the order document reads, within the cost limit', async () => {
    // Setup: 60 lines of two units, more than the 50 refund and fulfillment lines read with the order; one unit of
    // every line refunded without money back, the other shipped.
    const order = await paidOrder(
      setup.shop,
      Array.from({ length: 60 }, (_, n) => ({ title: `Part ${n}`, quantity: 2, price: '1.25' })),
      '150.00',
    );
    await mutate(setup.shop, 'refundCreate', REFUND, {
      input: {
        orderId: order.id,
        refundLineItems: order.lineItems.nodes.map((line) => ({
          lineItemId: line.id,
          quantity: 1,
          restockType: 'NO_RESTOCK',
        })),
      },
    });
    await mutate(setup.shop, 'fulfillmentCreate', FULFIL, {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders.nodes[0]?.id }] },
    });
    const correlationId = '0b6f3a52-8c1d-4e2f-9b7a-3d4e5f6a7b8c';
    const before = setup.events.length;
    // Action
    const read = await readOrderWithEvents(setup.client, order.id, { correlationId });
    // Assertions
    const every = order.lineItems.nodes.map((line) => line.id).sort();
    expect(read?.events.refunds).toHaveLength(1);
    expect(read?.events.refunds[0]?.lines.map((line) => line.lineItemGid).sort()).toEqual(every);
    expect(read?.events.fulfillments).toHaveLength(1);
    expect(read?.events.fulfillments[0]?.lines.map((line) => line.lineItemGid).sort()).toEqual(every);
    expect(read?.events.fulfillments[0]?.lines.every((line) => line.quantity === 1)).toBe(true);
    expect(read?.order.lineItems).toHaveLength(60);
    const responses = setup.events.slice(before).filter((event) => event.kind === 'response');
    // The order (with its first 50 lines of each kind), then the rest of its lines, refund lines, fulfillment lines.
    expect(responses).toHaveLength(4);
    expect(responses.every((event) => event.correlationId === correlationId)).toBe(true);
    expect(responses.every((event) => (event.requestedCost ?? Infinity) <= 1000)).toBe(true);
  });

  it('reads an order again by id when a refund lands between its page and its events', async () => {
    // Setup: a client whose transport lets the merchant refund the order right after the page holding it is read.
    const order = await paidOrder(setup.shop, [{ title: 'C', quantity: 1, price: '40.00' }], '40.00');
    const transport = simulatorFetch(setup.simulator.url);
    let refunded = false;
    const refundInBetween = async (url: string, init?: RequestInit): Promise<Response> => {
      const response = await transport(url, init);
      if (!refunded && typeof init?.body === 'string' && init.body.includes('query OrdersPage')) {
        const page = (await response.clone().json()) as { data: { orders: { nodes: { id: string }[] } } };
        if (page.data.orders.nodes.some((node) => node.id === order.id)) {
          refunded = true;
          await mutate(setup.shop, 'refundCreate', REFUND, {
            input: {
              orderId: order.id,
              note: 'Between the reads',
              transactions: [
                {
                  orderId: order.id,
                  kind: 'REFUND',
                  gateway: 'bogus',
                  amount: '40.00',
                  parentId: order.transactions[0]?.id,
                },
              ],
            },
          });
        }
      }
      return response;
    };
    const client = new ShopifyClient({
      storeDomain: SHOP,
      tokens: staticToken('shpat_client_test'),
      fetch: refundInBetween as typeof fetch,
    });
    // Action
    const read = (await all(readOrdersWithEvents(client))).find((entry) => entry.order.gid === order.id);
    // Assertions: the order's own fields show the refund its events list.
    expect(refunded).toBe(true);
    expect(read?.events.refunds.map((refund) => refund.note)).toEqual(['Between the reads']);
    expect(read?.order.totals.refunded.shop.amount).toBe('40.0');
    expect(read?.order.financialStatus).toBe('REFUNDED');
  });

  it('reads no order and no events for an unknown id', async () => {
    // Action
    const read = await readOrderWithEvents(setup.client, 'gid://shopify/Order/1');
    // Assertions
    expect(read).toBeNull();
  });

  it('reads customers updated in a window, and one by id', async () => {
    // Setup: two customers change a second after everything else (Shopify's timestamps have whole seconds).
    const everyone = await all(readCustomers(setup.client));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const since = new Date();
    const changed = everyone.slice(0, 2);
    for (const customer of changed) {
      await setup.shop.execute(
        'mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }',
        {
          input: { id: customer.gid, note: 'changed for the window test' },
        },
      );
    }
    // Action
    const window = await all(
      readCustomers(setup.client, { updated: { from: since, to: new Date(Date.now() + 60_000) } }),
    );
    const one = await readCustomer(setup.client, changed[0]?.gid ?? '');
    const missing = await readCustomer(setup.client, 'gid://shopify/Customer/1');
    // Assertions
    expect(window.map((customer) => customer.gid).sort()).toEqual(changed.map((customer) => customer.gid).sort());
    expect(one?.note).toBe('changed for the window test');
    expect(one?.gid).toBe(changed[0]?.gid);
    expect(missing).toBeNull();
  });

  it('reads B2B companies with their locations and contacts', async () => {
    const companies = await all(readCompanies(setup.client));
    expect(companies.length).toBeGreaterThan(0);
    expect(companies[0]?.locations.length).toBeGreaterThan(0);
    expect(companies[0]?.contacts[0]?.customerGid).toMatch(/^gid:\/\/shopify\/Customer\//);
  });
});
