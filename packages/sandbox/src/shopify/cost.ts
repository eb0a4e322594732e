/**
 * Query cost as Shopify calculates it (SHOPIFY.md, "GraphQL rate limits"; shopify.dev rate-limits page): scalars and
 * enums 0, objects 1, a connection 2 + its page size × the cost of one node, a mutation field 10. The requested cost
 * is computed from the document before execution; the actual cost from the data returned.
 *
 * Calibrated on the real responses in reference/shopify/real-store-responses/: `MoneyV2` and `PageInfo` cost 0, and
 * a field of union or interface type costs the most expensive of its branches without the object's own point
 * (orders(first: 250) { node { totalPriceSet { shopMoney } customAttributes } } costs 752, a customers page of 10
 * nodes 12, order.transactions with amountSet and paymentDetails 3).
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLInterfaceType,
  GraphQLObjectType,
  type GraphQLSchema,
  GraphQLUnionType,
  isCompositeType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  OperationTypeNode,
} from 'graphql';

/** Shopify's limit on one query's requested cost. */
export const MAX_SINGLE_QUERY_COST = 1000;
const MUTATION_COST = 10;
const FREE_TYPES = new Set(['MoneyV2', 'PageInfo']);

interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function isConnection(typeName: string): boolean {
  return typeName.endsWith('Connection');
}

function possibleTypes(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return type instanceof GraphQLObjectType ? [type] : schema.getPossibleTypes(type);
}

/** The fields selected on `type` (fragments applying to it merged in), with their response keys. */
function collect(input: CostInput, set: SelectionSetNode, type: GraphQLObjectType, out: FieldNode[] = []): FieldNode[] {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? input.fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition?.name.value;
      const conditionType = condition ? input.schema.getType(condition) : type;
      const applies =
        !conditionType ||
        conditionType === type ||
        ((conditionType instanceof GraphQLInterfaceType || conditionType instanceof GraphQLUnionType) &&
          input.schema.isSubType(conditionType, type));
      if (applies) collect(input, fragment.selectionSet, type, out);
    }
  }
  return out;
}

function args(input: CostInput, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, input.variables);
  } catch {
    return {};
  }
}

/**
 * Cost of `set` on `type`. With `data` undefined this is the requested cost (page sizes from `first`/`last`);
 * with data it is the actual cost (page sizes from the nodes returned).
 */
function selectionCost(
  input: CostInput,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  data: unknown,
  requested: boolean,
  trace?: Trace,
): number {
  const record = data as Record<string, unknown> | null | undefined;
  let best = -1;
  let bestFields: CostField[] = [];
  // Abstract types: the most expensive branch counts (Shopify cannot know the concrete type before running).
  for (const concrete of possibleTypes(input.schema, type)) {
    let total = 0;
    const fields: CostField[] = [];
    for (const node of collect(input, set, concrete)) {
      const field = concrete.getFields()[node.name.value];
      if (!field) continue;
      const key = node.alias?.value ?? node.name.value;
      const inner = trace ? { path: [...trace.path, key], fields } : undefined;
      total += fieldCost(input, field, node, requested ? undefined : record?.[key], requested, inner);
    }
    if (total > best) {
      best = total;
      bestFields = fields;
    }
  }
  trace?.fields.push(...bestFields);
  return Math.max(0, best);
}

function fieldCost(
  input: CostInput,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
  requested: boolean,
  trace?: Trace,
): number {
  const named = getNamedType(field.type);
  const record = (definedCost: number, total: number, children: number | null): number => {
    trace?.fields.push({ path: trace.path, definedCost, requestedTotalCost: total, requestedChildrenCost: children });
    return total;
  };
  if (!isCompositeType(named) || !node.selectionSet) return record(0, 0, null);
  if (!requested && (value === null || value === undefined)) return 0;
  const own =
    named instanceof GraphQLObjectType &&
    !FREE_TYPES.has(named.name) &&
    !isConnection(named.name) &&
    !named.name.endsWith('Edge')
      ? 1
      : 0;
  if (isConnection(named.name)) {
    const a = args(input, field, node);
    const size = requested ? Number(a.first ?? a.last ?? 0) : 0;
    const page = value as { edges?: unknown[]; nodes?: unknown[] } | undefined;
    if (requested) {
      const perNode = selectionCost(input, node.selectionSet, named, undefined, true, trace);
      return record(2, 2 + size * perNode, size * perNode);
    }
    // Actual: every returned node costs what it selected; a page's own fields (pageInfo) are free.
    let total = 2;
    const edgesNode = collectFirst(node.selectionSet, 'edges');
    const nodesNode = collectFirst(node.selectionSet, 'nodes');
    const nodeType = (named as GraphQLObjectType).getFields().nodes?.type;
    const nodeNamed = nodeType ? getNamedType(nodeType) : null;
    if (edgesNode?.selectionSet && page?.edges) {
      const inner = collectFirst(edgesNode.selectionSet, 'node');
      if (inner?.selectionSet && nodeNamed && isCompositeType(nodeNamed))
        for (const edge of page.edges)
          total +=
            1 +
            selectionCost(
              input,
              inner.selectionSet,
              nodeNamed,
              (edge as Record<string, unknown>)[inner.alias?.value ?? 'node'],
              false,
            );
    }
    if (nodesNode?.selectionSet && page?.nodes && nodeNamed && isCompositeType(nodeNamed))
      for (const item of page.nodes) total += 1 + selectionCost(input, nodesNode.selectionSet, nodeNamed, item, false);
    return total;
  }
  const listType = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (isListType(listType)) {
    if (requested) {
      const children = selectionCost(input, node.selectionSet, named, undefined, true, trace);
      return record(own, own + children, children);
    }
    const items = Array.isArray(value) ? value : [];
    // A list of objects costs its object point even when empty (the real orders page: 4 orders, one with
    // `customAttributes: []`, cost 14 = 2 + 4 x 3).
    return own + Math.max(0, ...items.map((item) => selectionCost(input, node.selectionSet!, named, item, false)));
  }
  const children = selectionCost(input, node.selectionSet, named, value, requested, trace);
  return record(own, own + children, children);
}

function collectFirst(set: SelectionSetNode, name: string): FieldNode | undefined {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD && s.name.value === name) return s;
    if (s.kind === Kind.INLINE_FRAGMENT) {
      const found = collectFirst(s.selectionSet, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** One entry of the per-field breakdown (`X-GraphQL-Cost-Include-Fields: true`), children before parents. */
export interface CostField {
  path: string[];
  definedCost: number;
  requestedTotalCost: number;
  requestedChildrenCost: number | null;
}

interface Trace {
  path: string[];
  fields: CostField[];
}

/** The requested cost of each field, as `extensions.cost.fields` lists it when the client asks for it. */
export function requestedCostFields(input: CostInput): CostField[] {
  const fields: CostField[] = [];
  if (input.operation.operation === OperationTypeNode.MUTATION) {
    for (const s of input.operation.selectionSet.selections)
      if (s.kind === Kind.FIELD)
        fields.push({
          path: [s.alias?.value ?? s.name.value],
          definedCost: MUTATION_COST,
          requestedTotalCost: MUTATION_COST,
          requestedChildrenCost: 0,
        });
    return fields;
  }
  const root = input.schema.getQueryType();
  if (root) selectionCost(input, input.operation.selectionSet, root, undefined, true, { path: [], fields });
  return fields;
}

/** Requested cost (data undefined) or actual cost (the response's `data`). */
export function queryCost(input: CostInput, data?: Record<string, unknown> | null): number {
  const requested = data === undefined;
  if (input.operation.operation === OperationTypeNode.MUTATION) {
    return input.operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length * MUTATION_COST;
  }
  const root = input.schema.getQueryType();
  if (!root) return 0;
  return selectionCost(input, input.operation.selectionSet, root, requested ? undefined : data, requested);
}
