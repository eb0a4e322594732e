import { and, eq } from 'drizzle-orm';
import type { Sql, TransactionSql } from 'postgres';
import type { Database } from '../client';
import { syncCursors } from '../schema';
import type { SyncEntity } from './sync-jobs';

/** How far the delta poll has read one entity of one store. */
export interface CursorPosition {
  updatedAt: Date;
  gid: string | null;
}

/** Where the last poll of this store and entity stopped; undefined before the first one (a full reconciliation). */
export async function readSyncCursor(
  db: Database,
  storeId: string,
  entity: SyncEntity,
): Promise<CursorPosition | undefined> {
  const [row] = await db
    .select({ updatedAt: syncCursors.cursorUpdatedAt, gid: syncCursors.cursorGid })
    .from(syncCursors)
    .where(and(eq(syncCursors.storeId, storeId), eq(syncCursors.entity, entity)));
  return row;
}

/**
 * Moves the cursor to `to`, inside the transaction that queued the jobs of the records read up to it: the cursor
 * never passes a record whose job did not commit. It never moves backwards, so a slow poll that finishes after a
 * newer one cannot undo the newer one's progress. Within one second the later write wins: gids are a tiebreak of
 * Shopify's sort (numeric), which text comparison would get wrong, and the overlap re-reads that second anyway.
 */
export async function advanceSyncCursor(
  tx: TransactionSql,
  storeId: string,
  entity: SyncEntity,
  to: CursorPosition,
): Promise<void> {
  await tx`
    insert into sync_cursors (store_id, entity, cursor_updated_at, cursor_gid)
    values (${storeId}, ${entity}, ${to.updatedAt.toISOString()}, ${to.gid})
    on conflict (store_id, entity) do update
      set cursor_updated_at = excluded.cursor_updated_at,
          cursor_gid = excluded.cursor_gid,
          updated_at = now()
      where sync_cursors.cursor_updated_at <= excluded.cursor_updated_at`;
}

/**
 * The `shopify_updated_at` last synced of each of these records that has a link, by gid, in one query (a poll page
 * holds up to 250 records). A record missing from the answer has never been synced.
 */
export async function linkedVersions(
  sql: Sql | TransactionSql,
  storeId: string,
  shopifyType: SyncEntity,
  gids: readonly string[],
): Promise<Map<string, Date | null>> {
  if (gids.length === 0) return new Map();
  const rows = await sql<{ shopify_gid: string; shopify_updated_at: Date | string | null }[]>`
    select shopify_gid, shopify_updated_at from entity_links
    where store_id = ${storeId} and shopify_type = ${shopifyType} and shopify_gid = any(${gids as string[]}::text[])`;
  return new Map(
    rows.map((row) => [row.shopify_gid, row.shopify_updated_at === null ? null : new Date(row.shopify_updated_at)]),
  );
}
