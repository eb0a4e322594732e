import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { type CrmOrg, crmOrgs, type Store, storeConnections, stores } from '../schema';
import type { CrmOrgSummary } from './crm-orgs';
import type { StoreSummary } from './stores';

/**
 * The reads and the settings write of the admin API (stores and orgs in the console). Like the rest of this package,
 * nothing here returns a sealed column: only whether it is set.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function storeSummary(row: Store): StoreSummary {
  const { accessTokenEncrypted, webhookSecretEncrypted, ...rest } = row;
  return { ...rest, hasAccessToken: accessTokenEncrypted !== null, hasWebhookSecret: webhookSecretEncrypted !== null };
}

function orgSummary(row: CrmOrg): CrmOrgSummary {
  const { clientSecretEncrypted, ...rest } = row;
  return { ...rest, hasClientSecret: clientSecretEncrypted !== null };
}

/** One store, or undefined (also for an id that is not a UUID, which Postgres would refuse with an error). */
export async function findStore(db: Database, id: string): Promise<StoreSummary | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(stores).where(eq(stores.id, id));
  return row ? storeSummary(row) : undefined;
}

export async function findStoreByKey(db: Database, key: string): Promise<StoreSummary | undefined> {
  const [row] = await db.select().from(stores).where(eq(stores.key, key));
  return row ? storeSummary(row) : undefined;
}

export async function findCrmOrg(db: Database, id: string): Promise<CrmOrgSummary | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(crmOrgs).where(eq(crmOrgs.id, id));
  return row ? orgSummary(row) : undefined;
}

/** Every org, by name, without secrets. */
export async function listCrmOrgs(db: Database): Promise<CrmOrgSummary[]> {
  return (await db.select().from(crmOrgs).orderBy(crmOrgs.name)).map(orgSummary);
}

/** The stores an org receives (enabled connections or not: the console shows both). */
export async function storesOfOrg(db: Database, orgId: string): Promise<StoreSummary[]> {
  const rows = await db
    .select({ store: stores })
    .from(storeConnections)
    .innerJoin(stores, eq(stores.id, storeConnections.storeId))
    .where(eq(storeConnections.orgId, orgId))
    .orderBy(stores.key);
  return rows.map((row) => storeSummary(row.store));
}

/** Replaces a store's settings; the caller validated them. Undefined when the store is gone. */
export async function replaceStoreSettings(
  db: Database,
  storeId: string,
  settings: Record<string, unknown>,
  now: Date,
): Promise<StoreSummary | undefined> {
  const [row] = await db.update(stores).set({ settings, updatedAt: now }).where(eq(stores.id, storeId)).returning();
  return row ? storeSummary(row) : undefined;
}

/**
 * A store's queue backlog (its jobs waiting, running or due for a retry, a batch job (a backfill's) counting its
 * records; those that used up their attempts are failures, not backlog) and when its last sync attempt finished. The public `graphile_worker.jobs` view has no
 * payload, hence its table; a database no worker has started on has no queue yet, so no backlog.
 */
export async function storeActivity(
  db: Database,
  storeId: string,
): Promise<{ backlog: number; lastSyncAt: Date | null }> {
  const [last] = await db.execute<{ at: string | null }>(sql`
    select max(finished_at)::text as at from sync_attempts where store_id = ${storeId}`);
  const [queue] = await db.execute<{ present: boolean }>(sql`
    select to_regclass('graphile_worker._private_jobs') is not null as present`);
  let backlog = 0;
  if (queue?.present) {
    const [row] = await db.execute<{ count: number }>(sql`
      select coalesce(sum(case when json_typeof(payload->'jobs') = 'array' then json_array_length(payload->'jobs')
                               else 1 end), 0)::int as count
      from graphile_worker._private_jobs
      where payload->>'storeId' = ${storeId} and attempts < max_attempts`);
    backlog = Number(row?.count ?? 0);
  }
  return { backlog, lastSyncAt: last?.at ? new Date(last.at) : null };
}
