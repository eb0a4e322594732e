import { readFileSync } from 'node:fs';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { referencePath as sharedReferencePath } from '../../reference';

/** Test access to the outside truth in the repository's `reference/` (Shopify's own schema and webhook samples). */
export function referencePath(relative: string): string {
  return sharedReferencePath(...relative.split('/'));
}

let schema: GraphQLSchema | undefined;

/** Shopify's Admin API 2025-01 schema, built from the published introspection (loaded once per test file). */
export function adminSchema(): GraphQLSchema {
  if (!schema) {
    const file = referencePath('shopify/graphql-schema/admin-2025-01.introspection.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { data: IntrospectionQuery };
    schema = buildClientSchema(json.data);
  }
  return schema;
}

/** The docs sample body of a topic (`orders/create` -> shopify-docs-samples-2026-04/orders_create.json `response`). */
export function docsSample(topic: string): unknown {
  const file = referencePath(`shopify/webhooks/shopify-docs-samples-2026-04/${topic.replace('/', '_')}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { response: unknown }).response;
}

/** Gadget's inferred JSON Schema of a topic's body (inferred-json-schemas-2026-04/). */
export function inferredSchema(topic: string): unknown {
  const file = referencePath(`shopify/webhooks/inferred-json-schemas-2026-04/${topic.replace('/', '_')}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/**
 * Elements borrowed for arrays a docs sample leaves empty, from another docs sample of the same REST object: an order's
 * `refunds[]` is the refunds/create body, and a shipping line's discount allocation is a line item's. Where no docs
 * sample has the element at all (line item `properties`), only the inferred schema's element shape is lent.
 */
export function borrowedElements(): Record<string, { sample: unknown; schema?: unknown }> {
  const refund = docsSample('refunds/create') as {
    refund_line_items: { line_item: { discount_allocations: unknown[] } }[];
  };
  // A line item's `properties[]` element, as the inferred order schema knows it from production payloads.
  const order = inferredSchema('orders/create') as {
    properties: { line_items: { items: { properties: { properties: { items: unknown } } } } };
  };
  const property = { sample: undefined, schema: order.properties.line_items.items.properties.properties.items };
  return {
    '$.line_items[].properties[]': property,
    '$.fulfillments[].line_items[].properties[]': property,
    '$.refund_line_items[].line_item.properties[]': property,
    '$.refunds[].refund_line_items[].line_item.properties[]': property,
    '$.refunds[]': { sample: refund, schema: inferredSchema('refunds/create') },
    '$.shipping_lines[].discount_allocations[]': {
      sample: refund.refund_line_items[3]?.line_item.discount_allocations[0],
    },
  };
}
