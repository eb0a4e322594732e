import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Limits on what one query may ask, checked before anything runs: the API is open to API tokens that scripts and
 * reporting tools use, and a query nested deep or fanned out wide (every store's attempts' chains…) would hold a
 * database connection and the event loop for everyone else.
 */

/** Fields nested deeper than this are refused; our deepest honest query (a chain of attempts) is 6. */
export const MAX_DEPTH = 10;
/**
 * The most a query may cost: one per field, times the rows each list above it can return. A full page (200) of merge
 * items with their candidates costs about 25,000; two unpaged lists nested twice (stores, orgs, stores, orgs) 168,000.
 */
export const MAX_COST = 50_000;
/** What a list with no `first` argument is assumed to return (stores, orgs: a handful in practice). */
export const DEFAULT_LIST_SIZE = 20;
/** What `first: $variable` is assumed to be when the variable has no default: the largest page the API serves. */
export const MAX_PAGE_SIZE = 200;

/** Introspection (`__schema`, `__type`) is checked by graphql itself and costs nothing here. */
function isIntrospection(node: FieldNode): boolean {
  return node.name.value.startsWith('__');
}

/** What walking a document needs: its fragments and the schema's types (a ValidationContext has both). */
interface DocumentLookup {
  getFragment(name: string): FragmentDefinitionNode | null | undefined;
  getSchema(): { getType(name: string): GraphQLNamedType | null | undefined };
}

/** The fields of a selection set, through inline fragments and spreads, each with the type it is selected on. */
function fieldsOf(
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  context: DocumentLookup,
  seen: Set<string> = new Set(),
): { node: FieldNode; parent: GraphQLNamedType }[] {
  const fields: { node: FieldNode; parent: GraphQLNamedType }[] = [];
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
      const definition = context.getFragment(name);
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

/**
 * The rows a `first` argument asks for: its value (variables as sent), else the argument's default; capped at the
 * largest page, since the resolvers refuse more with their own message.
 */
function firstOf(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  variables: Readonly<Record<string, unknown>>,
): number | undefined {
  const definition = field.args.find((item) => item.name === 'first');
  if (!definition) return undefined;
  const argument = node.arguments?.find((item) => item.name.value === 'first');
  let value: unknown = definition.defaultValue;
  if (argument?.value.kind === Kind.INT) value = Number(argument.value.value);
  else if (argument?.value.kind === Kind.VARIABLE) value = variables[argument.value.name.value] ?? value;
  return typeof value === 'number' ? Math.min(Math.max(value, 1), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

function costOf(
  lookup: DocumentLookup,
  variables: Readonly<Record<string, unknown>>,
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  multiplier: number,
  paged: boolean,
): number {
  let cost = 0;
  for (const { node, parent } of fieldsOf(selectionSet, type, lookup)) {
    if (isIntrospection(node)) continue;
    const field = fieldDefinition(parent, node.name.value);
    if (!field) continue;
    cost += multiplier;
    if (!node.selectionSet) continue;
    const first = firstOf(node, field, variables);
    let rows = 1;
    // A paged field (`first`) sets the size of the list below it (`nodes`, `edges`), which then costs no more.
    if (first !== undefined) rows = first;
    else if (isList(field.type) && !paged) rows = DEFAULT_LIST_SIZE;
    cost += costOf(lookup, variables, node.selectionSet, namedType(field.type), multiplier * rows, first !== undefined);
  }
  return cost;
}

/**
 * An operation's estimated cost: each field 1 per row of the lists above it (`first` as sent, or
 * ${DEFAULT_LIST_SIZE} for a list without it). Needs the variables, which validation rules never see: hence a plugin.
 */
export function queryCost(input: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables?: Readonly<Record<string, unknown>>;
}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = input.schema.getRootType(input.operation.operation);
  if (!root) return 0;
  const lookup: DocumentLookup = { getFragment: (name) => fragments.get(name), getSchema: () => input.schema };
  return costOf(lookup, input.variables ?? {}, input.operation.selectionSet, root, 1, false);
}

/** Refuses, before anything runs, an operation whose estimated cost is over `max`, saying what it came to. */
export function costLimitPlugin<T extends BaseContext>(max: number = MAX_COST): ApolloServerPlugin<T> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return Promise.resolve();
          const cost = queryCost({ schema, document, operation, variables: request.variables ?? {} });
          if (cost <= max) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(
              `The query's estimated cost is ${cost}, over the limit of ${max} (each field costs 1 per row of the ` +
                `lists above it: \`first\`, or ${DEFAULT_LIST_SIZE} for a list without it). Ask for smaller pages or ` +
                'fewer nested lists.',
              { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: max, http: { status: 400 } } },
            ),
          );
        },
      });
    },
  };
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
