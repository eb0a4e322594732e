import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * Limits on what one query may ask, checked before anything runs: the API is open to API tokens that scripts and
 * reporting tools use, and a query nested deep or fanned out wide (every store's attempts' chains…) would hold a
 * database connection and the event loop for everyone else.
 */

/** Fields nested deeper than this are refused; our deepest honest query (a chain of attempts) is 6. */
export const MAX_DEPTH = 10;
/** The most a query may cost: one per field, times the rows each list above it can return. */
export const MAX_COST = 20_000;
/** What a list with no `first` argument is assumed to return (stores, orgs: a handful in practice). */
export const DEFAULT_LIST_SIZE = 20;
/** What `first: $variable` is assumed to be when the variable has no default: the largest page the API serves. */
export const MAX_PAGE_SIZE = 200;

/** Introspection (`__schema`, `__type`) is checked by graphql itself and costs nothing here. */
function isIntrospection(node: FieldNode): boolean {
  return node.name.value.startsWith('__');
}

function fragmentsOf(context: ValidationContext): (name: string) => FragmentDefinitionNode | undefined {
  return (name) => context.getFragment(name) ?? undefined;
}

/** The fields of a selection set, through inline fragments and spreads, each with the type it is selected on. */
function fieldsOf(
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  context: ValidationContext,
  seen: Set<string> = new Set(),
): { node: FieldNode; parent: GraphQLNamedType }[] {
  const fields: { node: FieldNode; parent: GraphQLNamedType }[] = [];
  const fragment = fragmentsOf(context);
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.push({ node: selection, parent: type });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : type;
      fields.push(...fieldsOf(selection.selectionSet, on ?? type, context, seen));
    } else {
      const name = selection.name.value;
      // A fragment spread twice on one level is selected once; a cycle is another rule's error.
      if (seen.has(name)) continue;
      const definition = fragment(name);
      if (!definition) continue;
      const on = context.getSchema().getType(definition.typeCondition.name.value) ?? type;
      fields.push(...fieldsOf(definition.selectionSet, on, context, new Set([...seen, name])));
    }
  }
  return fields;
}

/*
 * The schema's types come from Apollo's copy of graphql, which need not be ours (ESM and CommonJS builds load as two
 * modules under vitest and Next), and graphql's `isObjectType`-style checks refuse a type of the other copy. So the
 * type is read by its shape: wrappers have `ofType`, types with fields have `getFields`, a list prints as `[…]`.
 */
function namedType(type: GraphQLOutputType): GraphQLNamedType {
  let current: unknown = type;
  while (typeof current === 'object' && current !== null && 'ofType' in current) current = current.ofType;
  return current as GraphQLNamedType;
}

function isList(type: GraphQLOutputType): boolean {
  return String(type).replace(/!$/, '').startsWith('[');
}

function fieldDefinition(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in parent ? (parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined) : undefined;
}

/** Refuses a query whose fields nest deeper than `max`. */
export function depthLimit(max: number = MAX_DEPTH): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const depth = (selectionSet: SelectionSetNode, type: GraphQLNamedType, level: number): number => {
      let deepest = level;
      for (const { node, parent } of fieldsOf(selectionSet, type, context)) {
        if (isIntrospection(node) || !node.selectionSet) continue;
        const field = fieldDefinition(parent, node.name.value);
        if (!field) continue;
        deepest = Math.max(deepest, depth(node.selectionSet, namedType(field.type), level + 1));
        // No need to walk further than it takes to know the answer.
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const root = context.getSchema().getRootType(operation.operation);
        if (!root) return;
        const found = depth(operation.selectionSet, root, 1);
        if (found > max) {
          context.reportError(
            new GraphQLError(
              `The query nests fields more than ${max} deep; ask for less at once (split it, or fetch the inner ` +
                'records by id in a second query).',
              { nodes: [operation], extensions: { code: 'QUERY_TOO_DEEP', maxDepth: max } },
            ),
          );
        }
      },
    };
  };
}

/** The rows a `first` argument asks for: a literal, a variable's default, or else the largest page. */
function firstOf(node: FieldNode, field: GraphQLField<unknown, unknown>, operation: OperationDefinitionNode) {
  const argument = node.arguments?.find((item) => item.name.value === 'first');
  const definition = field.args.find((item) => item.name === 'first');
  if (!definition) return undefined;
  const fromValue = (value: ValueNode | undefined): number | undefined =>
    value?.kind === Kind.INT ? Number(value.value) : undefined;
  if (!argument) return typeof definition.defaultValue === 'number' ? definition.defaultValue : MAX_PAGE_SIZE;
  if (argument.value.kind === Kind.VARIABLE) {
    const name = argument.value.name.value;
    const variable = operation.variableDefinitions?.find((item) => item.variable.name.value === name);
    return fromValue(variable?.defaultValue) ?? MAX_PAGE_SIZE;
  }
  return fromValue(argument.value) ?? MAX_PAGE_SIZE;
}

/** A query's estimated cost: each field 1, times the rows of every list above it. */
export function estimateCost(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  multiplier: number,
  paged = false,
): number {
  let cost = 0;
  for (const { node, parent } of fieldsOf(selectionSet, type, context)) {
    if (isIntrospection(node)) continue;
    const field = fieldDefinition(parent, node.name.value);
    if (!field) continue;
    cost += multiplier;
    const named = namedType(field.type);
    if (!node.selectionSet) continue;
    const first = firstOf(node, field, operation);
    let rows = 1;
    // A paged field (`first`) sets the size of the list below it (`nodes`, `edges`), which then costs no more.
    if (first !== undefined) rows = Math.max(first, 1);
    else if (isList(field.type) && !paged) rows = DEFAULT_LIST_SIZE;
    cost += estimateCost(context, operation, node.selectionSet, named, multiplier * rows, first !== undefined);
  }
  return cost;
}

/** Refuses a query whose estimated cost is over `max`, saying what it came to. */
export function costLimit(max: number = MAX_COST): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return;
      const cost = estimateCost(context, operation, operation.selectionSet, root, 1);
      if (cost > max) {
        context.reportError(
          new GraphQLError(
            `The query's estimated cost is ${cost}, over the limit of ${max} (each field costs 1, times the rows of ` +
              'the lists above it: `first`, or ' +
              `${DEFAULT_LIST_SIZE} for a list without it). Ask for smaller pages or fewer nested lists.`,
            { nodes: [operation], extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: max } },
          ),
        );
      }
    },
  });
}

/** The rules the server runs on every operation. */
export function queryLimits(): ValidationRule[] {
  return [depthLimit(MAX_DEPTH), costLimit(MAX_COST)];
}

/**
 * Introspection is on, except in production where it takes SHOPVERSE_GRAPHQL_INTROSPECTION=on: the schema names every
 * store-facing table and mutation, which reporting tools want in development but an attacker need not be handed.
 */
export function introspectionEnabled(env: { NODE_ENV?: string; SHOPVERSE_GRAPHQL_INTROSPECTION?: string }): boolean {
  const setting = env.SHOPVERSE_GRAPHQL_INTROSPECTION?.trim().toLowerCase();
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return env.NODE_ENV !== 'production';
}
