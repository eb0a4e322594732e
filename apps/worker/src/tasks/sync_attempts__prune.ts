import { apiCallStats, stores, syncAttempts, webhookDeliveries } from '@shopverse/db/schema';
import { parseStoreSettings } from '@shopverse/sync-core';
import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { defineTask } from './define-task';

/** Rows per delete, so a large backlog never holds one long lock on the sync log. */
const BATCH = 5_000;
const DAY_MS = 86_400_000;
/** API call counts are figures, not records of anyone's data: a quarter of them is enough for trends. */
const API_CALL_STATS_DAYS = 92;

type Prunable = typeof syncAttempts | typeof webhookDeliveries;

/**
 * Deletes, per store, the sync log rows older than the store's retention (`pipeline.logRetentionDays`, default 30;
 * the worker's SYNC_ATTEMPTS_RETENTION_DAYS when a store's settings cannot be read) and the webhook deliveries it
 * has processed before then (a delivery can be replayed as long as its attempts are kept); and API call counts older
 * than a quarter. Runs nightly from the crontab; a payload may set one retention for every store, for a one-off
 * clean-up.
 */
export const syncAttemptsPrune = defineTask(
  'sync_attempts__prune',
  z.object({ retentionDays: z.number().int().min(1).optional() }),
  async (payload, { db, now, settings, logger }) => {
    const deleteInBatches = async (table: Prunable, where: ReturnType<typeof and>) => {
      let deleted = 0;
      for (;;) {
        const batch = db.select({ id: table.id }).from(table).where(where).limit(BATCH);
        const rows = await db.delete(table).where(inArray(table.id, batch)).returning({ id: table.id });
        deleted += rows.length;
        if (rows.length < BATCH) return deleted;
      }
    };
    let deleted = 0;
    let deliveries = 0;
    for (const store of await db.select({ id: stores.id, name: stores.name, settings: stores.settings }).from(stores)) {
      let retentionDays = payload.retentionDays ?? settings.syncAttemptsRetentionDays;
      if (payload.retentionDays === undefined) {
        try {
          retentionDays = parseStoreSettings(store.settings, store.name).pipeline.logRetentionDays;
        } catch (error) {
          logger.warn({ storeId: store.id, err: error }, `store ${store.name}: settings unreadable, default retention`);
        }
      }
      const cutoff = new Date(now().getTime() - retentionDays * DAY_MS);
      deleted += await deleteInBatches(
        syncAttempts,
        and(eq(syncAttempts.storeId, store.id), lt(syncAttempts.startedAt, cutoff)),
      );
      deliveries += await deleteInBatches(
        webhookDeliveries,
        and(
          eq(webhookDeliveries.storeId, store.id),
          isNotNull(webhookDeliveries.processedAt),
          lt(webhookDeliveries.receivedAt, cutoff),
        ),
      );
    }
    const statsCutoff = new Date(now().getTime() - API_CALL_STATS_DAYS * DAY_MS);
    await db.delete(apiCallStats).where(lt(apiCallStats.minute, statsCutoff));
    logger.info({ deleted, deliveries, retentionDays: payload.retentionDays }, 'pruned the sync log');
  },
);
