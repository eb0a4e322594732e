import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryCost, requestedCostFields } from './cost';
import { adminSchema } from './schema';

function cost(query: string, data?: Record<string, unknown>, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return queryCost({ schema: adminSchema(), operation, fragments, variables }, data);
}

describe('query cost', () => {
  it('matches the requested costs of the real store responses', () => {
    // Assertions: graphql-orders-query-response (752), graphql-customers-empty-page-response (12),
    // graphql-order-transactions-response (3).
    expect(
      cost(
        `{ orders(first: 250) { pageInfo { hasNextPage } edges { cursor node { name totalPriceSet { shopMoney { amount } } customAttributes { key value } tags } } } }`,
      ),
    ).toBe(752);
    expect(
      cost(
        `query($n: Int) { customers(first: $n) { pageInfo { hasNextPage } edges { cursor node { id } } } }`,
        undefined,
        { n: 10 },
      ),
    ).toBe(12);
    expect(
      cost(
        `{ order(id: "gid://shopify/Order/1") { transactions { id amountSet { shopMoney { amount } presentmentMoney { amount } } paymentDetails { ... on CardPaymentDetails { bin } } } } }`,
      ),
    ).toBe(3);
  });

  it('counts fragments, nested connections and mutations', () => {
    // Assertions
    expect(
      cost(
        `{ orders(first: 10) { nodes { ...O } } } fragment O on Order { id customer { id } lineItems(first: 5) { nodes { id } } }`,
      ),
    ).toBe(2 + 10 * (1 + 1 + 2 + 5));
    expect(
      cost(
        `mutation { a: customerCreate(input: {}) { userErrors { message } } b: customerCreate(input: {}) { userErrors { message } } }`,
      ),
    ).toBe(20);
  });

  it('computes the actual cost from the nodes returned', () => {
    // Setup
    const query = `{ orders(first: 250) { edges { node { id customer { id } } } } }`;
    const data = {
      orders: { edges: [{ node: { id: '1', customer: null } }, { node: { id: '2', customer: { id: 'c' } } }] },
    };
    // Assertions: 2 + (1) + (1 + 1), a null customer costs nothing.
    expect(cost(query)).toBe(2 + 250 * 2);
    expect(cost(query, data)).toBe(5);
  });

  it('breaks the requested cost down per field, children first', () => {
    // Setup
    const document = parse(`{ shop { name } customers(first: 2) { nodes { id } } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    // Action
    const fields = requestedCostFields({ schema: adminSchema(), operation, fragments: {}, variables: {} });
    // Assertions
    expect(fields).toEqual([
      { path: ['shop', 'name'], definedCost: 0, requestedTotalCost: 0, requestedChildrenCost: null },
      { path: ['shop'], definedCost: 1, requestedTotalCost: 1, requestedChildrenCost: 0 },
      { path: ['customers', 'nodes', 'id'], definedCost: 0, requestedTotalCost: 0, requestedChildrenCost: null },
      { path: ['customers', 'nodes'], definedCost: 1, requestedTotalCost: 1, requestedChildrenCost: 0 },
      { path: ['customers'], definedCost: 2, requestedTotalCost: 4, requestedChildrenCost: 2 },
    ]);
  });
});
