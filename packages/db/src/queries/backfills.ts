import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql as drizzleSql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { Database } from '../client';
import { backfills, type Backfill } from '../schema';
import { addJob } from './jobs';
import { SYNC_BATCH_TASK, SYNC_TASKS, type SyncEntity } from './sync-jobs';

/** The task that moves a backfill along, one step per run; its job key makes one such job per backfill. */
export const BACKFILL_TASK = 'store__backfill';

/** Where `store__backfill` keeps its single job for one backfill. */
export function backfillJobKey(backfillId: string): string {
  return `backfill:${backfillId}`;
}

/** The statuses of a backfill still at work (the partial unique index allows one per store and entity). */
export const ACTIVE_BACKFILL_STATUSES = ['pending', 'bulk_running', 'ingesting', 'syncing'] as const;

/** How far a backfill got, for the console and the API. */
export interface BackfillProgress {
  /** Records in the bulk result (Shopify's `rootObjectCount`); null until the file is ready. */
  total: number | null;
  /** Records whose sync job was queued. */
  queued: number;
  /** Records skipped at ingest: their link already held this `updatedAt` or newer. */
  skipped: number;
  /** This backfill's sync jobs still waiting or running. */
  pending: number;
  /** queued + skipped - pending. */
  done: number;
  /** Records done per second since the file was ready; null before. */
  ratePerSecond: number | null;
  /** Seconds left at that rate; 0 once finished, null while unknown. */
  etaSeconds: number | null;
}

export type BackfillWithProgress = Backfill & { progress: BackfillProgress };

/** Reads a timestamp that arrives as a Date (a plain postgres client) or an ISO string (drizzle's client). */
const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string);

const RETURNING = `
  id, store_id, entity, status, bulk_operation_id, result_url, total_records, lines_read::float8 as lines_read,
  records_queued, records_skipped, correlation_id, requested_by, error_message, created_at, bulk_completed_at,
  ingested_at, finished_at, updated_at`;

function backfillFromRow(row: Record<string, unknown>): Backfill {
  return {
    id: row.id as string,
    storeId: row.store_id as string,
    entity: row.entity as string,
    status: row.status as string,
    bulkOperationId: (row.bulk_operation_id as string | null) ?? null,
    resultUrl: (row.result_url as string | null) ?? null,
    totalRecords: (row.total_records as number | null) ?? null,
    linesRead: Number(row.lines_read),
    recordsQueued: Number(row.records_queued),
    recordsSkipped: Number(row.records_skipped),
    correlationId: row.correlation_id as string,
    requestedBy: row.requested_by as string,
    errorMessage: (row.error_message as string | null) ?? null,
    createdAt: toDate(row.created_at) as Date,
    bulkCompletedAt: toDate(row.bulk_completed_at),
    ingestedAt: toDate(row.ingested_at),
    finishedAt: toDate(row.finished_at),
    updatedAt: toDate(row.updated_at) as Date,
  };
}

export interface StartBackfillInput {
  storeId: string;
  entity: SyncEntity;
  /** A user's email, an API token's name, `cli` or `sandbox`. */
  requestedBy: string;
}

/**
 * Starts a backfill: its row and the `store__backfill` job that drives it commit together, so a backfill is never
 * left without a job. A second one for a store and entity while one is active is refused: Shopify runs one bulk
 * query per shop at a time, and two backfills would only queue every record twice.
 */
export async function startBackfill(sql: Sql, input: StartBackfillInput): Promise<Backfill> {
  return sql.begin(async (tx) => {
    const [store] = await tx<{ name: string }[]>`select name from stores where id = ${input.storeId}`;
    if (!store) throw new Error(`No store with id ${input.storeId}; a backfill needs a connected store.`);
    const refuse = (active: { id: string; status: string }) =>
      new Error(
        `Store ${store.name} already has a ${input.entity} backfill in progress (${active.id}, ${active.status}); ` +
          'wait for it to finish or cancel it before starting another.',
      );
    const [active] = await tx<{ id: string; status: string }[]>`
      select id, status from backfills
      where store_id = ${input.storeId} and entity = ${input.entity}
        and status in ${tx([...ACTIVE_BACKFILL_STATUSES])}`;
    if (active) throw refuse(active);
    // Two requests at the same instant both pass the check; the partial unique index refuses the second.
    const inserted = await tx
      .unsafe<Record<string, unknown>[]>(
        `insert into backfills (store_id, entity, status, correlation_id, requested_by)
         values ($1, $2, 'pending', $3, $4)
         on conflict do nothing
         returning ${RETURNING}`,
        [input.storeId, input.entity, randomUUID(), input.requestedBy],
      )
      .then((rows) => rows[0]);
    if (!inserted) throw refuse({ id: 'started just now', status: 'pending' });
    const backfill = backfillFromRow(inserted);
    await addJob(
      tx,
      BACKFILL_TASK,
      { backfillId: backfill.id, correlationId: backfill.correlationId, source: 'backfill' },
      { jobKey: backfillJobKey(backfill.id) },
    );
    return backfill;
  });
}

/** Rate and time left from what is done, over the time since the file was ready (the sync phase's own speed). */
export function computeProgress(
  backfill: Pick<Backfill, 'totalRecords' | 'recordsQueued' | 'recordsSkipped' | 'bulkCompletedAt' | 'finishedAt'>,
  pending: number,
  now: Date,
): BackfillProgress {
  const done = Math.max(0, backfill.recordsQueued + backfill.recordsSkipped - pending);
  const total = backfill.totalRecords;
  const end = backfill.finishedAt ?? now;
  const seconds = backfill.bulkCompletedAt ? (end.getTime() - backfill.bulkCompletedAt.getTime()) / 1000 : 0;
  const ratePerSecond = backfill.bulkCompletedAt && seconds > 0 ? done / seconds : null;
  let etaSeconds: number | null = null;
  if (backfill.finishedAt) etaSeconds = 0;
  else if (total !== null && ratePerSecond) etaSeconds = Math.max(0, Math.ceil((total - done) / ratePerSecond));
  return {
    total,
    queued: backfill.recordsQueued,
    skipped: backfill.recordsSkipped,
    pending,
    done,
    ratePerSecond: ratePerSecond === null ? null : Math.round(ratePerSecond * 100) / 100,
    etaSeconds,
  };
}

/**
 * Records of each backfill whose sync is still in graphile-worker's queue (waiting, running or due for a retry; a
 * batch job counts its records). The public `graphile_worker.jobs` view has no payload, hence its table; jobs that
 * used up their attempts stay in the table as failures and are not pending.
 */
async function pendingJobs(db: Database, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ backfill_id: string; pending: number }>(drizzleSql`
    select jobs.payload->>'backfillId' as backfill_id,
      sum(case when tasks.identifier = ${SYNC_BATCH_TASK} then json_array_length(jobs.payload->'jobs') else 1 end)::int
        as pending
    from graphile_worker._private_jobs jobs
    join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
    where tasks.identifier in (${drizzleSql.join(
      [...Object.values(SYNC_TASKS), SYNC_BATCH_TASK].map((task) => drizzleSql`${task}`),
      drizzleSql`, `,
    )})
      and jobs.attempts < jobs.max_attempts
      and jobs.payload->>'backfillId' in (${drizzleSql.join(
        ids.map((id) => drizzleSql`${id}`),
        drizzleSql`, `,
      )})
    group by 1`);
  return new Map(rows.map((row) => [row.backfill_id, Number(row.pending)]));
}

async function withProgress(db: Database, rows: Backfill[], now: Date): Promise<BackfillWithProgress[]> {
  // Only active backfills can have jobs left; finished ones skip the scan of the queue.
  const active = rows.filter((row) => row.status === 'syncing' || row.status === 'ingesting');
  const pending = await pendingJobs(
    db,
    active.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, progress: computeProgress(row, pending.get(row.id) ?? 0, now) }));
}

/** One backfill with its progress; undefined if there is none with this id. */
export async function backfillProgress(
  db: Database,
  id: string,
  now: Date = new Date(),
): Promise<BackfillWithProgress | undefined> {
  const rows = await db.select().from(backfills).where(eq(backfills.id, id));
  const [row] = await withProgress(db, rows, now);
  return row;
}

/** Backfills, newest first, of one store or of all, with their progress. */
export async function listBackfills(
  db: Database,
  options: { storeId?: string; limit?: number } = {},
  now: Date = new Date(),
): Promise<BackfillWithProgress[]> {
  const rows = await db
    .select()
    .from(backfills)
    .where(and(options.storeId ? eq(backfills.storeId, options.storeId) : undefined))
    .orderBy(desc(backfills.createdAt))
    .limit(options.limit ?? 50);
  return withProgress(db, rows, now);
}
