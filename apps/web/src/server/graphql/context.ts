import type { Role } from './authorize';
import type { Database, DbClient } from '@shopverse/db';

/**
 * Who acts through the console until sign-in exists (issue 9). A fixed name rather than anything the request says
 * (an `x-shopverse-actor` header, say): a request can claim to be anyone, and the audit trail must not repeat it.
 */
export const UNSIGNED_ACTOR = 'console (no sign-in yet)';

/** What every resolver gets. Built per request by the route; tests build their own around a test database. */
export interface GraphQLContext {
  sql: DbClient['sql'];
  /** Drizzle on the same pool as `sql`. */
  db: Database;
  /** Who acts, recorded with every decision (`resolvedBy`); see {@link UNSIGNED_ACTOR}. */
  actor: string;
  /**
   * What the actor may do (`authorize.ts`). Unset only until sign-in exists (issue 9): the unsigned console may do
   * everything, as it always could.
   */
  role?: Role;
  /** The request's clock; resolvers never read the time themselves. */
  now: Date;
  /** A worker whose last heartbeat is older than this counts as gone. */
  workerStaleSeconds: number;
}
