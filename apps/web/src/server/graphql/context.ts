import type { Role } from './authorize';
import type { Database, DbClient } from '@shopverse/db';

/** What every resolver gets. Built per request by the route; tests build their own around a test database. */
export interface GraphQLContext {
  sql: DbClient['sql'];
  /** Drizzle on the same pool as `sql`. */
  db: Database;
  /**
   * Who acts, recorded with every decision (`resolvedBy`) and audit event: the signed-in user's email, or
   * `token:<name>` for an API token. Never anything the request merely claims (a header naming an actor).
   */
  actor: string;
  /** What the actor may do (`authorize.ts`): from the ID token's `roles` claim, or the API token's role. */
  role: Role;
  /** The request's clock; resolvers never read the time themselves. */
  now: Date;
  /** A worker whose last heartbeat is older than this counts as gone. */
  workerStaleSeconds: number;
}
