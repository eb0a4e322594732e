import type { Sql, TransactionSql } from 'postgres';
import type { SecretBox } from '../secrets';
import { addJob } from './jobs';

/**
 * Disconnecting and reconnecting a store (issue 11): its sync stops without touching its CRM rows, links or anyone
 * else's; reconnecting resumes from its cursors. Both lock the store's row first (`for update`): the delta poll and
 * webhook intake hold a `key share` lock on it while they queue jobs (the poll explicitly, intake through the foreign
 * key of its delivery), so a job is either queued before the disconnection, and removed by it, or refused after it.
 */

/** Backfills still at work; a disconnection cancels them, since their jobs are removed. */
const ACTIVE_BACKFILL = ['pending', 'bulk_running', 'ingesting', 'syncing'];

export interface DisconnectInput {
  storeId: string;
  /**
   * The store's `pipeline.pollOverlapSeconds`: the cursors are rewound this far before the oldest job removed, as the
   * poll itself overlaps its window (the caller parses the settings; this package reads no settings schema).
   */
  overlapSeconds: number;
  now: Date;
}

/** What a disconnection did, for the audit row and the answer to the person who asked. */
export interface DisconnectReport {
  /** The orgs whose connection was disabled (kept, with the links through it). */
  orgIds: string[];
  /** Waiting jobs removed from the queue. */
  jobsRemoved: number;
  /** Jobs of the store that were running: left to finish (a failure of theirs is covered by the rewind). */
  jobsRunning: number;
  /** Cursors moved back so the poll reads again what the removed jobs would have synced. */
  cursorsRewound: { entity: string; from: Date; to: Date }[];
  /** Backfills cancelled: their sync jobs were removed; start them again after reconnecting. */
  backfillsCancelled: string[];
}

/**
 * The store's jobs in graphile-worker's queue: those with the store in their payload (record syncs, merges, its poll)
 * and those that name one of its deliveries or backfills, whose payloads hold only that id. Jobs that used up their
 * attempts are failures, not queued work, and stay. The public `jobs` view has no payload, hence the table.
 */
async function jobsOfStore(tx: TransactionSql, storeId: string) {
  const [queue] = await tx<{ present: boolean }[]>`
    select to_regclass('graphile_worker._private_jobs') is not null as present`;
  if (!queue?.present) return [];
  const rows = await tx<{ id: string; created_at: Date | string; running: boolean }[]>`
    select jobs.id::text, jobs.created_at, jobs.locked_at is not null as running
    from graphile_worker._private_jobs jobs
    where jobs.attempts < jobs.max_attempts
      and (
        jobs.payload->>'storeId' = ${storeId}
        or exists (
          select 1 from webhook_deliveries deliveries
          where deliveries.store_id = ${storeId}
            and deliveries.id = case when jobs.payload->>'deliveryId' ~* '^[0-9a-f-]{36}$'
                                     then (jobs.payload->>'deliveryId')::uuid end)
        or exists (
          select 1 from backfills
          where backfills.store_id = ${storeId}
            and backfills.id = case when jobs.payload->>'backfillId' ~* '^[0-9a-f-]{36}$'
                                    then (jobs.payload->>'backfillId')::uuid end)
      )
    for update of jobs`;
  return rows.map((row) => ({ id: row.id, createdAt: new Date(row.created_at), running: row.running }));
}

/**
 * Disconnects a store in one transaction: status `disconnected`, its org connections disabled (not deleted), its
 * waiting jobs removed (running ones finish), its active backfills cancelled, and each of its cursors rewound to the
 * oldest of its queued or running jobs minus the overlap, so that the poll after a reconnection reads again every
 * record those jobs were about. Nothing of another store and nothing in the CRM is touched. Undefined when there is
 * no such store.
 */
export async function disconnectStore(sql: Sql, input: DisconnectInput): Promise<DisconnectReport | undefined> {
  const { storeId } = input;
  const at = input.now.toISOString();
  return sql.begin(async (tx) => {
    const [store] = await tx<{ id: string }[]>`select id from stores where id = ${storeId} for update`;
    if (!store) return undefined;
    await tx`update stores set status = 'disconnected', updated_at = ${at} where id = ${storeId}`;
    const connections = await tx<{ org_id: string }[]>`
      update store_connections set enabled = false, updated_at = ${at}
      where store_id = ${storeId} and enabled
      returning org_id::text`;
    const cancelled = await tx<{ id: string }[]>`
      update backfills set status = 'cancelled', finished_at = ${at}, updated_at = ${at}
      where store_id = ${storeId} and status = any(${ACTIVE_BACKFILL}::text[])
      returning id::text`;
    const jobs = await jobsOfStore(tx, storeId);
    const waiting = jobs.filter((job) => !job.running).map((job) => job.id);
    const removed =
      waiting.length === 0
        ? []
        : await tx<{ id: string }[]>`select id::text from graphile_worker.complete_jobs(${waiting}::bigint[])`;
    let cursorsRewound: DisconnectReport['cursorsRewound'] = [];
    const oldest = jobs.reduce<Date | undefined>(
      (min, job) => (min === undefined || job.createdAt < min ? job.createdAt : min),
      undefined,
    );
    if (oldest) {
      const horizon = new Date(oldest.getTime() - input.overlapSeconds * 1000);
      const rows = await tx<{ entity: string; from: Date | string }[]>`
        update sync_cursors set cursor_updated_at = ${horizon.toISOString()}, cursor_gid = null, updated_at = ${at}
        from (select entity, cursor_updated_at from sync_cursors where store_id = ${storeId} for update) before
        where sync_cursors.store_id = ${storeId}
          and sync_cursors.entity = before.entity
          and sync_cursors.cursor_updated_at > ${horizon.toISOString()}
        returning sync_cursors.entity, before.cursor_updated_at as from`;
      cursorsRewound = rows.map((row) => ({ entity: row.entity, from: new Date(row.from), to: horizon }));
    }
    return {
      orgIds: connections.map((row) => row.org_id),
      jobsRemoved: removed.length,
      jobsRunning: jobs.length - removed.length,
      cursorsRewound,
      backfillsCancelled: cancelled.map((row) => row.id),
    };
  });
}

export type ReconnectResult =
  | {
      kind: 'reconnected';
      orgIds: string[];
      /** Deliveries received while disconnected (or whose job the disconnection removed), queued now. */
      deliveriesQueued: number;
      pollJobId: string;
    }
  | { kind: 'not_found' }
  | { kind: 'not_disconnected'; status: string }
  | { kind: 'no_connection' };

/**
 * Reconnects a disconnected store in one transaction: its connections enabled again, status `active`, the processing
 * of the deliveries it stored without queuing (their deletes reach no poll) queued, and its delta poll queued to run
 * at once, so it resumes from its cursors; the links make every record already in the CRM an update, not a create.
 */
export async function reconnectStore(sql: Sql, storeId: string, now: Date): Promise<ReconnectResult> {
  const at = now.toISOString();
  return sql.begin(async (tx): Promise<ReconnectResult> => {
    const [store] = await tx<{ status: string }[]>`select status from stores where id = ${storeId} for update`;
    if (!store) return { kind: 'not_found' };
    if (store.status !== 'disconnected') return { kind: 'not_disconnected', status: store.status };
    const connections = await tx<{ org_id: string }[]>`
      update store_connections set enabled = true, updated_at = ${at}
      where store_id = ${storeId}
      returning org_id::text`;
    if (connections.length === 0) return { kind: 'no_connection' };
    await tx`update stores set status = 'active', updated_at = ${at} where id = ${storeId}`;
    const [queued] = await tx<{ count: number }[]>`
      with unqueued as (
        select deliveries.id, deliveries.correlation_id from webhook_deliveries deliveries
        where deliveries.store_id = ${storeId} and deliveries.processed_at is null
          and not exists (
            select 1 from graphile_worker._private_jobs jobs
            where jobs.payload->>'deliveryId' = deliveries.id::text and jobs.attempts < jobs.max_attempts)
        order by deliveries.received_at
      )
      select count(*)::int as count from graphile_worker.add_jobs(array(
        select ('shopify_delivery__process',
                json_build_object('deliveryId', id, 'correlationId', correlation_id),
                null, null, null, null, null, null)::graphile_worker.job_spec
        from unqueued))`;
    const pollJobId = await addJob(
      tx,
      'store__poll',
      { storeId },
      { jobKey: `poll:${storeId}`, jobKeyMode: 'replace' },
    );
    return {
      kind: 'reconnected',
      orgIds: connections.map((row) => row.org_id),
      deliveriesQueued: Number(queued?.count ?? 0),
      pollJobId,
    };
  });
}

/** Why a delivery of a disconnected store was stored without a job; the sync log's `error_code`. */
export const STORE_DISCONNECTED = 'store.disconnected';

/**
 * The disconnected store a shop domain names, with its webhook secret opened, so that intake can verify and keep its
 * deliveries (`webhookSecretOfShop` answers only for stores that sync); null for any other shop.
 */
export async function disconnectedStoreOfShop(
  sql: Sql,
  box: SecretBox,
  shopDomain: string,
): Promise<{ storeId: string; secret: string } | null> {
  const [row] = await sql<{ id: string; secret: string | null }[]>`
    select id::text, webhook_secret_encrypted as secret from stores
    where shop_domain = ${shopDomain.toLowerCase()} and status = 'disconnected'`;
  if (!row?.secret) return null;
  return { storeId: row.id, secret: box.open(row.secret, 'stores.webhook_secret') };
}
