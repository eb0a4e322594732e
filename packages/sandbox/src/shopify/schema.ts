/**
 * Shopify's published Admin schema (reference/shopify/graphql-schema/admin-2025-01.introspection.json), loaded once
 * with `buildClientSchema` and executed with one field resolver: a field resolves from the view object's property
 * or method of the same name, and a field the view lacks fails with an error naming it, never a silent null.
 */
import {
  buildClientSchema,
  type DocumentNode,
  execute,
  type ExecutionResult,
  type GraphQLError,
  GraphQLError as GraphQLErrorClass,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery,
  parse,
  validate,
  Kind,
  OperationTypeNode,
} from 'graphql';
import { readReference } from '../reference';
import type { ViewContext } from './views/common';

/** The Admin API version the schema file describes. */
export const ADMIN_API_VERSION = '2025-01';

let schema: GraphQLSchema | null = null;

/** The Admin schema, built on first use (about 100 ms). */
export function adminSchema(): GraphQLSchema {
  if (!schema) {
    const json = JSON.parse(
      readReference('shopify', 'graphql-schema', `admin-${ADMIN_API_VERSION}.introspection.json`),
    ) as { data: IntrospectionQuery };
    schema = buildClientSchema(withDeprecatedInputFields(json.data));
  }
  return schema;
}

/**
 * Input fields Shopify still accepts in 2025-01 but marks deprecated, which the published introspection leaves out
 * (it was taken without `includeDeprecated` on input fields: not one input field in it is deprecated). Shopify's
 * MailingAddressInput page lists `id`, `country` and `province` as deprecated fields, and `id` is the only way 2025-01
 * has to update a customer's existing address in place through `customerUpdate` (customerAddressUpdate came in 2025-04).
 */
const DEPRECATED_INPUT_FIELDS: Record<string, { name: string; type: string }[]> = {
  MailingAddressInput: [
    { name: 'id', type: 'ID' },
    { name: 'country', type: 'String' },
    { name: 'province', type: 'String' },
  ],
};

function withDeprecatedInputFields(data: IntrospectionQuery): IntrospectionQuery {
  const types = data.__schema.types.map((type) => {
    const extra = DEPRECATED_INPUT_FIELDS[type.name];
    if (!extra || type.kind !== 'INPUT_OBJECT') return type;
    const known = new Set(type.inputFields.map((field) => field.name));
    const added = extra
      .filter((field) => !known.has(field.name))
      .map((field) => ({
        name: field.name,
        description: 'Deprecated.',
        type: { kind: 'SCALAR' as const, name: field.type },
        defaultValue: null,
        isDeprecated: true,
        deprecationReason: 'Deprecated in the Admin API.',
      }));
    return { ...type, inputFields: [...type.inputFields, ...added] };
  });
  return { __schema: { ...data.__schema, types } };
}

/** The error for a schema field the simulator does not serve. */
export function notImplemented(typeName: string, fieldName: string): GraphQLError {
  return new GraphQLErrorClass(`Field '${typeName}.${fieldName}' is not implemented by the Shopify simulator`, {
    extensions: { code: 'NOT_IMPLEMENTED', typeName, fieldName },
  });
}

/** Shopify's limit on input arrays (SHOPIFY.md: "input arrays at most 250"). */
const MAX_INPUT_ARRAY = 250;

/** The size of the first input array over the limit, searching nested input objects too. */
function oversizedArray(value: unknown): number | null {
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_ARRAY) return value.length;
    for (const item of value) {
      const found = oversizedArray(item);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) {
      const found = oversizedArray(item);
      if (found !== null) return found;
    }
  }
  return null;
}

const resolveField: GraphQLFieldResolver<unknown, ViewContext> = (source, args, context, info) => {
  const oversized = oversizedArray(args);
  if (oversized !== null)
    throw new GraphQLErrorClass(
      `The input array size of ${oversized} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`,
      { extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' } },
    );
  if (source !== null && typeof source === 'object' && info.fieldName in source && info.fieldName !== 'constructor') {
    const value = (source as Record<string, unknown>)[info.fieldName];
    if (typeof value === 'function') return (value as (...a: unknown[]) => unknown).call(source, args, context, info);
    return value;
  }
  throw notImplemented(info.parentType.name, info.fieldName);
};

/** A parsed and validated document, or the errors that stop it. */
export type PreparedDocument =
  { ok: true; document: DocumentNode } | { ok: false; errors: readonly GraphQLError[]; document?: DocumentNode };

const prepared = new Map<string, PreparedDocument>();
const PREPARED_LIMIT = 500;

/** Parses and validates `text` against the Admin schema, caching by text (seeding runs one document many times). */
export function prepareDocument(text: string): PreparedDocument {
  const cached = prepared.get(text);
  if (cached) return cached;
  let result: PreparedDocument;
  try {
    const document = parse(text);
    const errors = validate(adminSchema(), document);
    result = errors.length ? { ok: false, errors, document } : { ok: true, document };
  } catch (error) {
    result = { ok: false, errors: [error as GraphQLError] };
  }
  if (prepared.size >= PREPARED_LIMIT) prepared.clear();
  prepared.set(text, result);
  return result;
}

/** Executes a validated document with the given roots. */
export async function executeDocument(
  document: DocumentNode,
  roots: { query: unknown; mutation: unknown },
  context: ViewContext,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): Promise<ExecutionResult> {
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  const isMutation =
    operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === OperationTypeNode.MUTATION;
  return execute({
    schema: adminSchema(),
    document,
    rootValue: isMutation ? roots.mutation : roots.query,
    contextValue: context,
    variableValues: variables,
    operationName,
    fieldResolver: resolveField,
  });
}
