import { createDbClient, type DbClient } from '@shopverse/db';
import { getEnv } from '../env';

const holder = globalThis as typeof globalThis & { shopverseWebDb?: DbClient };

/**
 * The web app's one connection pool, made on first use rather than at import (`next build` imports the routes with
 * no environment). It lives on `globalThis` because `next dev` re-evaluates modules on every change, and a pool per
 * reload would pile up connections until PostgreSQL refuses more.
 */
export function getDb(): DbClient {
  holder.shopverseWebDb ??= createDbClient(getEnv().DATABASE_URL, { max: 5, applicationName: 'shopverse-web' });
  return holder.shopverseWebDb;
}
