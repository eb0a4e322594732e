import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `DateTime`: written as an ISO-8601 string in UTC, read from any ISO-8601 string (arguments, variables). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    const date = toDate(value);
    if (!date) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    const date = toDate(value);
    if (!date) throw new GraphQLError('DateTime must be an ISO-8601 string, e.g. 2030-01-15T12:00:00Z');
    return date;
  },
  parseLiteral(ast) {
    const date = ast.kind === Kind.STRING ? toDate(ast.value) : undefined;
    if (!date) throw new GraphQLError('DateTime must be an ISO-8601 string, e.g. 2030-01-15T12:00:00Z');
    return date;
  },
});
