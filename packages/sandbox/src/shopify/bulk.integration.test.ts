/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return --
   GraphQL results are read loosely here; the assertions check their values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopChange } from './shop-handle';
import { startShopifySimulator, type RunningShopifySimulator } from './index';
import { testClock, US_SHOP, usOrderInput } from './testing/shop-fixtures';
import type { Loose } from './testing/run';

/**
 * A bulk query over 10,000 orders with their line items, over HTTP: its JSONL, reassembled through `__parentId`,
 * holds exactly what paging through `orders` returns.
 */
const ORDERS = 10_000;
const SHOP = { ...US_SHOP, domain: 'bulk-test.myshopify.com', accessToken: 'shpat_bulk', plan: 'enterprise' as const };
const ORDER_FIELDS = 'id name updatedAt totalPriceSet { shopMoney { amount currencyCode } }';
const LINE_FIELDS = 'id title sku quantity originalUnitPriceSet { shopMoney { amount } }';

const clock = testClock();
let sim: RunningShopifySimulator;

async function post(query: string, variables?: Record<string, unknown>): Promise<Loose> {
  const response = await fetch(sim.adminUrl(SHOP.domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': SHOP.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  const body: Loose = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

beforeAll(async () => {
  sim = await startShopifySimulator({ shops: [SHOP], now: clock.now });
  const shop = sim.shops.get(SHOP.domain)!;
  for (let i = 0; i < ORDERS; i += 1) {
    const result = shop.createOrder(usOrderInput(i, 1 + (i % 3)));
    if (result.userErrors.length) throw new Error(JSON.stringify(result.userErrors));
    if (i % 100 === 0) clock.advance(1000);
  }
});
afterAll(async () => {
  await sim.close();
});

describe('bulk operations', () => {
  it('runs a query over 10,000 orders whose JSONL reassembles to the paged orders', async () => {
    // Setup
    const shop = sim.shops.get(SHOP.domain)!;
    const finished = new Promise<ShopChange>((resolve) =>
      shop.onChange((c) => c.topic === 'bulk_operations/finish' && resolve(c)),
    );
    const bulkQuery = `{ orders { edges { node { ${ORDER_FIELDS} lineItems { edges { node { ${LINE_FIELDS} } } } } } } }`;
    // Action
    const started = await post(
      `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { field message code } } }`,
      { q: bulkQuery },
    );
    const statuses = new Set<string>();
    let op: Loose;
    do {
      op = (await post(`{ currentBulkOperation { id status objectCount rootObjectCount fileSize url errorCode } }`))
        .data.currentBulkOperation;
      statuses.add(op.status);
      if (op.status !== 'COMPLETED') await new Promise((resolve) => setTimeout(resolve, 20));
    } while (op.status === 'CREATED' || op.status === 'RUNNING');
    const change = await finished;
    const text = await (await fetch(op.url)).text();
    const paged: Loose[] = [];
    let after: string | null = null;
    do {
      clock.advance(10_000);
      const page: Loose = await post(
        `query($after: String) { orders(first: 40, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${ORDER_FIELDS} lineItems(first: 10) { edges { node { ${LINE_FIELDS} } } } } } } }`,
        { after },
      );
      paged.push(...page.data.orders.edges.map((e: Loose) => e.node));
      after = page.data.orders.pageInfo.hasNextPage ? page.data.orders.pageInfo.endCursor : null;
    } while (after);
    // Assertions: the operation.
    expect(started.data.bulkOperationRunQuery.bulkOperation.status).toBe('CREATED');
    expect(op.status).toBe('COMPLETED');
    expect(statuses.has('COMPLETED')).toBe(true);
    expect(change.gid).toBe(op.id);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(op.objectCount).toBe(String(lines.length));
    expect(op.rootObjectCount).toBe(String(ORDERS));
    expect(op.fileSize).toBe(String(Buffer.byteLength(text)));
    // Assertions: children come after their parent, and not always right after it.
    const position = new Map<string, number>();
    let detached = 0;
    lines.forEach((line, i) => {
      if (line.__parentId === undefined) position.set(line.id, i);
      else {
        const parentAt = position.get(line.__parentId);
        expect(parentAt).toBeDefined();
        if (parentAt !== i - 1 && lines[i - 1]?.__parentId !== line.__parentId) detached += 1;
      }
    });
    expect(detached).toBeGreaterThan(0);
    // Assertions: reassembled, it is the paged data.
    const byId = new Map<string, Loose>();
    for (const line of lines) {
      if (line.__parentId === undefined) byId.set(line.id, { ...line, lineItems: { edges: [] } });
      else {
        const { __parentId: parentId, ...child } = line;
        byId.get(parentId).lineItems.edges.push({ node: child });
      }
    }
    expect(paged).toHaveLength(ORDERS);
    expect([...byId.values()]).toEqual(paged);
  });
});
