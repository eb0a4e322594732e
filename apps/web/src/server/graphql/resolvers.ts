import { checkHealth, type HealthStatus } from '../health';
import type { GraphQLContext } from './context';
import { DateTimeScalar } from './date-time';

/** GraphQL's enum values name our statuses; Apollo maps between them. */
const healthStatusValues: Record<Uppercase<HealthStatus>, HealthStatus> = {
  OK: 'ok',
  DEGRADED: 'degraded',
  DOWN: 'down',
};

export const resolvers = {
  DateTime: DateTimeScalar,
  HealthStatus: healthStatusValues,
  Query: {
    health: (_parent: unknown, _args: unknown, context: GraphQLContext) =>
      checkHealth(context.sql, { now: context.now, workerStaleSeconds: context.workerStaleSeconds }),
  },
};
