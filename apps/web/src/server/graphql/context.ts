import type { DbClient } from '@shopverse/db';

/** What every resolver gets. Built per request by the route; tests build their own around a test database. */
export interface GraphQLContext {
  sql: DbClient['sql'];
  /** The request's clock; resolvers never read the time themselves. */
  now: Date;
  /** A worker whose last heartbeat is older than this counts as gone. */
  workerStaleSeconds: number;
}
