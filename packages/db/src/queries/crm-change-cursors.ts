import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { crmChangeCursors } from '../schema';

/** The delta link the last change poll of this org and table ended with; undefined before the first one. */
export async function readCrmChangeCursor(db: Database, orgId: string, crmTable: string): Promise<string | undefined> {
  const [row] = await db
    .select({ deltaLink: crmChangeCursors.deltaLink })
    .from(crmChangeCursors)
    .where(and(eq(crmChangeCursors.orgId, orgId), eq(crmChangeCursors.crmTable, crmTable)));
  return row?.deltaLink;
}

/**
 * Keeps the delta link a poll ended with. Saved after the changes it covers were handled (their pushes queued), so
 * a poll that fails half way reads the same changes again; handling a change twice queues the same push again,
 * which the push's job key folds.
 */
export async function saveCrmChangeCursor(
  db: Database,
  input: { orgId: string; crmTable: string; deltaLink: string; now: Date },
): Promise<void> {
  await db
    .insert(crmChangeCursors)
    .values({ orgId: input.orgId, crmTable: input.crmTable, deltaLink: input.deltaLink, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [crmChangeCursors.orgId, crmChangeCursors.crmTable],
      set: { deltaLink: input.deltaLink, updatedAt: input.now },
    });
}

/** Forgets the cursor (a link Dataverse refused): the next poll starts with a full compare. */
export async function dropCrmChangeCursor(db: Database, orgId: string, crmTable: string): Promise<void> {
  await db
    .delete(crmChangeCursors)
    .where(and(eq(crmChangeCursors.orgId, orgId), eq(crmChangeCursors.crmTable, crmTable)));
}
