/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   GraphQL results are read loosely here; the assertions check their values. */ import {
  describe,
  expect,
  it,
} from 'vitest';
import { testSimulator, US_SHOP, usOrderInput } from './testing/shop-fixtures';
import { run } from './testing/run';

describe('orders search and sort', () => {
  it('filters by status, id and created_at ranges and sorts by the sortKey', async () => {
    // Setup: five orders a minute apart; the second is cancelled, the fourth closed.
    const { sim, clock } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(shop.createOrder(usOrderInput(i)).orderId!);
      clock.advance(60_000);
    }
    await run(
      shop,
      `mutation($id: ID!) { orderCancel(orderId: $id, refund: false, restock: true, reason: STAFF) { orderCancelUserErrors { message } } }`,
      { id: ids[1] },
    );
    await run(shop, `mutation($id: ID!) { orderClose(input: { id: $id }) { userErrors { message } } }`, { id: ids[3] });
    const names = async (query: string, sortKey = 'ID', reverse = false): Promise<string[]> =>
      (
        await run(
          shop,
          `query($q: String, $s: OrderSortKeys, $r: Boolean) { orders(first: 10, query: $q, sortKey: $s, reverse: $r) { nodes { name } } }`,
          { q: query, s: sortKey, r: reverse },
        )
      ).orders.nodes.map((n: { name: string }) => n.name);
    const legacy = (gid: string | undefined): string => gid?.split('/').pop() ?? '';
    // Action / Assertions
    expect(await names('status:open')).toEqual(['#1001', '#1003', '#1005']);
    expect(await names('status:cancelled')).toEqual(['#1002']);
    expect(await names('status:closed')).toEqual(['#1004']);
    expect(await names(`id:>=${legacy(ids[2])} id:<${legacy(ids[4])}`)).toEqual(['#1003', '#1004']);
    expect(await names("created_at:>'2025-06-01T12:01:30Z' AND created_at:<='2025-06-01T12:03:00Z'")).toEqual([
      '#1003',
      '#1004',
    ]);
    expect(await names('', 'UPDATED_AT', true)).toEqual(['#1004', '#1002', '#1005', '#1003', '#1001']);
    expect(await names('financial_status:pending', 'ORDER_NUMBER', true)).toEqual([
      '#1005',
      '#1004',
      '#1003',
      '#1002',
      '#1001',
    ]);
  });

  it('counts orders, capped at the limit unless the limit is null', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    for (let i = 0; i < 3; i += 1) shop.createOrder(usOrderInput(i));
    // Action
    const counts = await run(
      shop,
      `{ all: ordersCount(limit: null) { count precision } capped: ordersCount(limit: 2) { count precision } open: ordersCount(query: "status:open") { count } }`,
    );
    // Assertions
    expect(counts).toEqual({
      all: { count: 3, precision: 'EXACT' },
      capped: { count: 2, precision: 'AT_LEAST' },
      open: { count: 3 },
    });
  });

  it('requires first or last, and caps them and input arrays at 250', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    // Action
    const none = await shop.execute('{ orders(query: "") { nodes { id } } }');
    const big = await shop.execute('{ orders(first: 251) { nodes { id } } }');
    const manyIds = await shop.execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array.from({ length: 251 }, (_, i) => `gid://shopify/Order/${i + 1}`),
    });
    // Assertions
    expect(none.errors?.[0]?.message).toBe('you must provide one of first or last');
    expect(manyIds.errors?.[0]?.extensions).toEqual({ code: 'MAX_INPUT_SIZE_EXCEEDED' });
    expect(big.errors?.[0]?.message).toMatch(/between 0 and 250/);
  });
});
