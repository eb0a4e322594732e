import { describe, expect, it } from 'vitest';
import type { ShopChange, ShopTopic } from '../shopify/shop-handle';
import { createFixtureShop } from './testing/fixture-shop';
import {
  bulkOperationNode,
  busyOrderNode,
  companyNode,
  editedOrderNode,
  sampleCustomerNode,
} from './testing/more-fixtures';
import { borrowedElements, docsSample, inferredSchema } from './testing/reference-files';
import { fulfillmentNode, orderNode, refundNode } from './testing/sample-fixtures';
import { shapeDifferences } from './testing/shape-compare';
import { buildRestBody } from './topic-bodies';

/**
 * Acceptance of issue 3 (webhooks): for every docs sample under reference/shopify/webhooks/shopify-docs-samples-2026-04/
 * whose topic the simulator sends, the body we send has the same key set and value types. Until the simulated store
 * exists, the objects come from a fixture shop that runs our documents against Shopify's real Admin schema.
 */

function change(topic: ShopTopic, gid: string): ShopChange {
  return { shop: 'fixture.myshopify.com', topic, gid, eventId: 'e1', occurredAt: new Date('2026-01-01T00:00:00Z') };
}

async function bodyFor(node: Record<string, unknown>, topic: ShopTopic): Promise<string> {
  const shop = createFixtureShop();
  shop.nodes.set(node.id as string, node);
  return buildRestBody(shop, change(topic, node.id as string));
}

const cases: [ShopTopic, () => Record<string, unknown>][] = [
  ['orders/create', orderNode],
  ['orders/updated', orderNode],
  ['orders/cancelled', orderNode],
  ['orders/fulfilled', orderNode],
  ['orders/partially_fulfilled', orderNode],
  ['orders/paid', orderNode],
  ['orders/edited', editedOrderNode],
  ['refunds/create', refundNode],
  ['fulfillments/create', fulfillmentNode],
  ['customers/create', sampleCustomerNode],
  ['customers/update', sampleCustomerNode],
  ['companies/create', companyNode],
  ['bulk_operations/finish', bulkOperationNode],
];

describe('REST bodies against the docs samples', () => {
  it.each(cases)('%s has the sample key set and value types', async (topic, node) => {
    // Setup
    const sample = docsSample(topic);

    // Action
    const ours: unknown = JSON.parse(await bodyFor(node(), topic));

    // Assertions
    expect(shapeDifferences(sample, ours, inferredSchema(topic))).toEqual([]);
  });

  it('customers/delete has the sample key set and value types', async () => {
    // Setup
    const shop = createFixtureShop();

    // Action
    const text = await buildRestBody(shop, change('customers/delete', 'gid://shopify/Customer/706405506930370084'));

    // Assertions
    const differences = shapeDifferences(
      docsSample('customers/delete'),
      JSON.parse(text),
      inferredSchema('customers/delete'),
    );
    expect(differences).toEqual([]);
  });

  it('an order with discounts, taxes, shipping lines, a fulfilment and a refund nests them in the shapes Shopify sends', async () => {
    // Setup
    const sample = docsSample('orders/updated');
    // The order sample lists no refunds and no shipping discounts; the same REST objects appear in the refunds sample.
    const borrowed = borrowedElements();

    // Action
    const ours = JSON.parse(await bodyFor(busyOrderNode(), 'orders/updated')) as Record<string, unknown>;

    // Assertions
    expect(shapeDifferences(sample, ours, inferredSchema('orders/updated'), borrowed)).toEqual([]);
    expect(ours.discount_codes).toEqual([
      { code: 'WELCOME5', amount: '5.00', type: 'fixed_amount' },
      { code: 'FREESHIP', amount: '10.00', type: 'shipping' },
    ]);
    expect((ours.refunds as unknown[]).length).toBe(1);
    expect((ours.fulfillments as unknown[]).length).toBe(1);
  });

  it('finds a missing key, an extra key and a changed type', () => {
    // Setup
    const sample = { id: 1, name: 'a', nested: [{ price: '1.00' }] };
    const ours = { id: '1', extra: true, nested: [{ price: 1 }] };

    // Action
    const differences = shapeDifferences(sample, ours, {});

    // Assertions
    expect(differences).toEqual([
      '$.name: missing',
      '$.extra: extra',
      '$.id: string, sample has number',
      '$.nested[0].price: number, sample has string',
    ]);
  });

  it('judges a null by the inferred schema, and elements of empty sample arrays by what is lent or inferred', () => {
    // Setup
    const sample = { note: 'x', email: 'a@b.c', tags: [] as unknown[] };
    const inferred = {
      properties: {
        note: { type: ['null', 'string'] },
        email: { type: 'string' },
        tags: { type: 'array', items: { properties: { name: { type: 'string' } }, required: ['name'] } },
      },
    };
    const ours = { note: null, email: null, tags: [{ name: 1, extra: true }] };

    // Action
    const strict = shapeDifferences(sample, ours, inferred);
    const lenient = shapeDifferences(sample, ours, inferred, {}, 'any');

    // Assertions
    const tagProblems = [
      '$.tags[0].name: number, inferred schema allows string',
      '$.tags[0].extra: extra (not in the inferred schema)',
    ];
    expect(strict).toEqual(['$.email: null, sample has string', ...tagProblems]);
    expect(lenient).toEqual(tagProblems);
  });
});
