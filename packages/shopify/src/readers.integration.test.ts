import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompanies, readCustomer, readCustomers, readOrder, readOrders } from './readers';
import { simulatedShop } from './testing/simulated-shop';

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

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
