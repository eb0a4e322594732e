import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;

export interface DbClient {
  db: Database;
  sql: Sql;
  close(): Promise<void>;
}

/**
 * A pooled connection to our database with the drizzle schema attached. Drizzle takes over postgres-js's date
 * serialisers, so raw `sql` queries on this client take timestamps as ISO strings, not `Date`s.
 */
export function createDbClient(url: string, options: { max?: number; applicationName?: string } = {}): DbClient {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    connection: { application_name: options.applicationName ?? 'shopverse' },
  });
  return { db: drizzle(sql, { schema }), sql, close: () => sql.end({ timeout: 5 }) };
}
