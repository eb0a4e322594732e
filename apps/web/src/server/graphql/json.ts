import { GraphQLError, GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Values JSON can hold; `undefined` and functions are not among them. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isJson(value: unknown): value is Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object') return Object.values(value).every(isJson);
  return false;
}

/** `JSON`: any JSON value, as stored in a `jsonb` column (a parked record's payload, say). */
export const JSONScalar = new GraphQLScalarType<Json, Json>({
  name: 'JSON',
  serialize(value) {
    if (!isJson(value)) throw new GraphQLError('JSON cannot represent a value that is not JSON');
    return value;
  },
  parseValue(value) {
    if (!isJson(value)) throw new GraphQLError('JSON must be a JSON value');
    return value;
  },
  parseLiteral(ast, variables) {
    const value: unknown = valueFromASTUntyped(ast, variables);
    if (!isJson(value)) throw new GraphQLError('JSON must be a JSON value');
    // graphql-js builds an inline object literal without a prototype (Object.create(null)); resolvers and zod expect
    // plain objects, as a variable's value is.
    return JSON.parse(JSON.stringify(value)) as Json;
  },
});
