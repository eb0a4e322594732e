import { and, desc, eq, ne } from 'drizzle-orm';
import type { Database } from '../client';
import { mergeQueue, type MergeQueueItem } from '../schema';
import type { LinkRef } from './entity-links';
import type { MergeDecision } from './merge-queue';

/** A person's decision on a record, as the sync reads it back. */
/** A decision about a match (not a side kept in a two-way conflict), which later syncs of the record follow. */
export type MatchDecision = Extract<MergeDecision, { kind: 'link' | 'create' | 'ignore' }>;

export interface RememberedDecision {
  decision: MatchDecision;
  by: string | null;
  itemId: string;
}

/**
 * The latest decision a person made on this record in the merge queue, or the open item still waiting. The sync
 * goes on from a decision (link, create, ignore) and does not park the record again while it waits.
 */
export async function mergeStateOf(
  db: Database,
  ref: LinkRef,
): Promise<{ open: MergeQueueItem | undefined; decided: RememberedDecision | undefined }> {
  const where = and(
    eq(mergeQueue.storeId, ref.storeId),
    eq(mergeQueue.shopifyType, ref.shopifyType),
    eq(mergeQueue.shopifyGid, ref.shopifyGid),
  );
  const [open] = await db
    .select()
    .from(mergeQueue)
    .where(and(where, eq(mergeQueue.status, 'open')));
  const [decided] = await db
    .select()
    .from(mergeQueue)
    .where(and(where, ne(mergeQueue.status, 'open')))
    .orderBy(desc(mergeQueue.resolvedAt))
    .limit(1);
  return {
    open,
    decided:
      decided?.resolution && isDecision(decided.resolution)
        ? { decision: decided.resolution, by: decided.resolvedBy, itemId: decided.id }
        : undefined,
  };
}

function isDecision(value: Record<string, unknown>): value is MatchDecision {
  return (
    (value.kind === 'link' && typeof value.crmId === 'string') || value.kind === 'create' || value.kind === 'ignore'
  );
}
