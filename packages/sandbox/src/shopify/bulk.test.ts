/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   GraphQL results are read loosely here; the assertions check their values. */
import { describe, expect, it } from 'vitest';
import { flattenBulkData } from './bulk';
import type { ShopChange } from './shop-handle';
import { testSimulator, US_SHOP, usOrderInput } from './testing/shop-fixtures';
import { run } from './testing/run';

const START = `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status objectCount } userErrors { field message code } } }`;

describe('bulk queries', () => {
  it('runs one query at a time per shop and goes CREATED -> RUNNING -> COMPLETED, then raises bulk_operations/finish', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    shop.createOrder(usOrderInput(1, 2));
    const statuses: string[] = [];
    const finished = new Promise<ShopChange>((resolve) =>
      shop.onChange((c) => c.topic === 'bulk_operations/finish' && resolve(c)),
    );
    const q = '{ orders { edges { node { id lineItems { edges { node { id } } } } } } }';
    // Action: the second start is issued before the first operation had a chance to run.
    const [first, second] = await Promise.all([run(shop, START, { q }), run(shop, START, { q })]);
    statuses.push((await run(shop, '{ currentBulkOperation { status } }')).currentBulkOperation.status);
    const change = await finished;
    const done = await run(shop, '{ currentBulkOperation { id status objectCount rootObjectCount url } }');
    // Assertions
    expect(first.bulkOperationRunQuery.bulkOperation).toMatchObject({ status: 'CREATED', objectCount: '0' });
    const id = first.bulkOperationRunQuery.bulkOperation.id;
    expect(second.bulkOperationRunQuery).toEqual({
      bulkOperation: null,
      userErrors: [
        {
          field: null,
          message: `A bulk query operation for this app and shop is already in progress: ${id}.`,
          code: 'OPERATION_IN_PROGRESS',
        },
      ],
    });
    expect(['CREATED', 'RUNNING']).toContain(statuses[0]);
    expect(change.gid).toBe(id);
    expect(done.currentBulkOperation).toMatchObject({
      id,
      status: 'COMPLETED',
      objectCount: '3',
      rootObjectCount: '1',
    });
    expect(done.currentBulkOperation.url).toMatch(/\/bulk\/demo-us\.myshopify\.com\/\d+\.jsonl$/);
  });

  it('rejects queries that are invalid or not bulk-shaped', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    // Action
    const invalid = await run(shop, START, { q: '{ orders { edges { node { colour } } } }' });
    const noConnection = await run(shop, START, { q: '{ shop { name } }' });
    const tooDeep = await run(shop, START, {
      q: '{ customers { edges { node { id orders { edges { node { id lineItems { edges { node { id } } } } } } } } } }',
    });
    // Assertions
    expect(invalid.bulkOperationRunQuery.userErrors).toEqual([
      {
        field: ['query'],
        message: "Invalid bulk query: Field 'colour' doesn't exist on type 'Order'",
        code: 'INVALID',
      },
    ]);
    expect(noConnection.bulkOperationRunQuery.userErrors[0].message).toBe(
      'Bulk queries must contain at least one connection.',
    );
    expect(tooDeep.bulkOperationRunQuery.userErrors[0].message).toMatch(/nesting depth greater than 2/);
  });

  it('writes nested connection children on their own lines with __parentId, after their parents', () => {
    // Setup
    const data = {
      orders: {
        edges: [
          { node: { id: 'o1', name: '#1', lineItems: { edges: [{ node: { id: 'l1' } }, { node: { id: 'l2' } }] } } },
          { node: { id: 'o2', name: '#2', lineItems: { nodes: [{ id: 'l3' }] } } },
        ],
      },
    };
    // Action
    const { lines, rootObjectCount } = flattenBulkData(data);
    // Assertions
    expect(rootObjectCount).toBe(2);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { id: 'o1', name: '#1' },
      { id: 'o2', name: '#2' },
      { id: 'l1', __parentId: 'o1' },
      { id: 'l2', __parentId: 'o1' },
      { id: 'l3', __parentId: 'o2' },
    ]);
  });
});
