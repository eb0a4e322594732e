import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { type NewSyncAttempt, syncAttempts, type SyncAttempt } from '../schema';

/**
 * Adds one row to the sync log. The email is lower-cased here (the table enforces it) so the console can search it
 * exactly. Callers put no secrets in `request` or `response`.
 */
export async function recordAttempt(db: Database, attempt: NewSyncAttempt): Promise<SyncAttempt> {
  const [row] = await db
    .insert(syncAttempts)
    .values({ ...attempt, email: attempt.email?.toLowerCase() ?? null })
    .returning();
  if (!row) throw new Error(`Recording the sync attempt of ${attempt.shopifyGid ?? attempt.entity} returned no row.`);
  return row;
}

/** The attempts of one Shopify record, newest first. */
export function attemptsOf(db: Database, storeId: string, shopifyGid: string): Promise<SyncAttempt[]> {
  return db
    .select()
    .from(syncAttempts)
    .where(and(eq(syncAttempts.storeId, storeId), eq(syncAttempts.shopifyGid, shopifyGid)))
    .orderBy(desc(syncAttempts.startedAt));
}
