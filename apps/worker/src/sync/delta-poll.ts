import { randomUUID } from 'node:crypto';
import {
  addJob,
  advanceSyncCursor,
  type CursorPosition,
  type Database,
  linkedVersions,
  readSyncCursor,
  syncJob,
  type SyncEntity,
  waitingFreshJobs,
} from '@shopverse/db';
import { storeConnections, stores } from '@shopverse/db/schema';
import { readUpdatedRecords, type PolledRecord } from '@shopverse/shopify';
import { parseStoreSettings, syncedEntities } from '@shopverse/sync-core';
import { and, eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { AppLogger } from '../logger';
import type { StoreContext, StoreContexts } from './store-context';
import { SyncError } from './sync-error';

/** Where a store's first poll starts: before any Shopify record, so it reconciles everything. */
export const BEGINNING = new Date('2000-01-01T00:00:00Z');

/**
 * The window one poll reads: from the cursor minus the overlap (records Shopify committed or indexed late, with an
 * `updatedAt` before the cursor, are seen again; the links make the repeat free) to now, both ends included. No
 * cursor: from the beginning, a full reconciliation. A cursor ahead of our clock (skew) never gives an empty window.
 */
export function pollWindow(
  cursor: CursorPosition | undefined,
  overlapSeconds: number,
  now: Date,
): { from: Date; to: Date } {
  if (!cursor) return { from: BEGINNING, to: now };
  const from = new Date(cursor.updatedAt.getTime() - overlapSeconds * 1000);
  return { from: from.getTime() < now.getTime() ? from : new Date(now.getTime() - overlapSeconds * 1000), to: now };
}

/**
 * The records of a page whose sync is needed: never synced, linked without a version (a person's merge decision),
 * or changed since the version synced. Both sides are Shopify's second-precision `updatedAt`.
 */
export function staleRecords(page: readonly PolledRecord[], synced: ReadonlyMap<string, Date | null>): PolledRecord[] {
  return page.filter((record) => {
    const version = synced.get(record.gid);
    return !version || Date.parse(record.updatedAt) > version.getTime();
  });
}

/** The cursor after a page: its last record (the page is sorted by `updatedAt`). */
export function cursorAfter(page: readonly PolledRecord[]): CursorPosition | undefined {
  const last = page.at(-1);
  return last ? { updatedAt: new Date(last.updatedAt), gid: last.gid } : undefined;
}

export interface PollDeps {
  db: Database;
  sql: Sql;
  logger: AppLogger;
  now: () => Date;
  contexts: StoreContexts;
}

export interface EntityPollReport {
  entity: SyncEntity;
  from: string;
  to: string;
  read: number;
  queued: number;
}

/**
 * The stores the crontab run polls: active, writing to an org through an enabled connection, and with the poll on.
 * A store whose settings do not parse is left out with a warning (its syncs fail with the reason anyway).
 */
export async function storesToPoll(db: Database, logger: AppLogger): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: stores.id, name: stores.name, settings: stores.settings })
    .from(stores)
    .innerJoin(storeConnections, eq(storeConnections.storeId, stores.id))
    .where(and(eq(stores.status, 'active'), eq(storeConnections.enabled, true)));
  const ids: string[] = [];
  for (const row of rows) {
    try {
      if (parseStoreSettings(row.settings, row.name).pipeline.pollEnabled) ids.push(row.id);
    } catch (error) {
      logger.warn({ storeId: row.id, err: error }, 'store settings do not parse; not polled');
    }
  }
  return ids;
}

/** Queues one poll per store; the key folds a poll into one still waiting, so a slow store never piles them up. */
export async function fanOutPolls(deps: PollDeps): Promise<string[]> {
  const storeIds = await storesToPoll(deps.db, deps.logger);
  await deps.sql.begin(async (tx) => {
    for (const storeId of storeIds) {
      await addJob(tx, 'store__poll', { storeId }, { jobKey: `poll:${storeId}`, jobKeyMode: 'preserve_run_at' });
    }
  });
  return storeIds;
}

/**
 * Polls one store (issue 8): for each entity, reads the records updated since its cursor (minus the overlap) page
 * by page, queues the sync of those newer than their link, and moves the cursor to the page's last record in the
 * same transaction as the jobs, so the cursor never passes a record whose job was lost. A paused, disconnected or
 * removed store, or one with the poll off, is left alone.
 */
export async function pollStore(deps: PollDeps, storeId: string): Promise<EntityPollReport[] | null> {
  const [store] = await deps.db.select({ status: stores.status }).from(stores).where(eq(stores.id, storeId));
  if (store?.status !== 'active') {
    deps.logger.info({ storeId, status: store?.status ?? 'removed' }, 'store not active; not polled');
    return null;
  }
  let context: StoreContext;
  try {
    context = await deps.contexts.get(storeId);
  } catch (error) {
    // No org, several orgs, no token: retrying will not help, and the next minute's poll tries again anyway.
    if (!(error instanceof SyncError) || error.errorClass !== 'permanent') throw error;
    deps.logger.warn({ storeId, code: error.code }, error.message);
    return null;
  }
  if (!context.settings.pipeline.pollEnabled) {
    deps.logger.info({ storeId }, 'poll switched off in the store settings');
    return null;
  }
  const reports: EntityPollReport[] = [];
  // The entities the store syncs, in the order the syncs want them.
  for (const entity of syncedEntities(context.settings)) {
    const cursor = await readSyncCursor(deps.db, storeId, entity);
    const window = pollWindow(cursor, context.settings.pipeline.pollOverlapSeconds, deps.now());
    const report = { entity, from: window.from.toISOString(), to: window.to.toISOString(), read: 0, queued: 0 };
    for await (const page of readUpdatedRecords(context.shopify, entity, window)) {
      const stale = staleRecords(
        page,
        await linkedVersions(
          deps.sql,
          storeId,
          entity,
          page.map((record) => record.gid),
        ),
      );
      const to = cursorAfter(page);
      const receivedAt = deps.now().toISOString();
      const queued = await deps.sql.begin(async (tx) => {
        // Held until commit: a disconnection (which locks the row for update) either waits for these jobs and removes
        // them, or committed first and none is queued nor the cursor moved past records no job will sync.
        const [current] = await tx<{ status: string }[]>`
          select status from stores where id = ${storeId} for key share`;
        if (current?.status !== 'active') return null;
        const jobs = stale.map((record) =>
          syncJob(entity, storeId, record.gid, { correlationId: randomUUID(), source: 'poll', receivedAt }),
        );
        // A record whose sync already waits (a retry's backoff, a dependency) keeps its job and its retry count.
        const waiting = await waitingFreshJobs(
          tx,
          jobs.map((job) => job.jobKey),
        );
        const fresh = jobs.filter((job) => !waiting.has(job.jobKey));
        for (const job of fresh) await addJob(tx, job.task, job.payload, { jobKey: job.jobKey });
        if (to) await advanceSyncCursor(tx, storeId, entity, to);
        return fresh.length;
      });
      if (queued === null) {
        deps.logger.info({ storeId, entity }, 'store no longer active; poll stopped');
        return null;
      }
      report.read += page.length;
      report.queued += queued;
    }
    deps.logger.info(report, 'polled');
    reports.push(report);
  }
  return reports;
}
