import { syncAttempts } from '@shopverse/db/schema';
import { inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { defineTask } from './define-task';

/** Rows per delete, so a large backlog never holds one long lock on the sync log. */
const BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * Deletes sync log rows older than the retention period (DESIGN.md: "Retention by age"). Runs nightly from the
 * crontab; a payload may override the retention for a one-off clean-up.
 */
export const syncAttemptsPrune = defineTask(
  'sync_attempts__prune',
  z.object({ retentionDays: z.number().int().min(1).optional() }),
  async (payload, { db, now, settings, logger }) => {
    const retentionDays = payload.retentionDays ?? settings.syncAttemptsRetentionDays;
    const cutoff = new Date(now().getTime() - retentionDays * DAY_MS);
    let deleted = 0;
    for (;;) {
      const batch = db.select({ id: syncAttempts.id }).from(syncAttempts).where(lt(syncAttempts.startedAt, cutoff));
      const rows = await db
        .delete(syncAttempts)
        .where(inArray(syncAttempts.id, batch.limit(BATCH)))
        .returning({ id: syncAttempts.id });
      deleted += rows.length;
      if (rows.length < BATCH) break;
    }
    logger.info({ deleted, cutoff: cutoff.toISOString(), retentionDays }, 'pruned the sync log');
  },
);
