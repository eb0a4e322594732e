import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { type MergeCandidate, mergeQueue, type MergeQueueItem } from '../schema';

export interface ParkInput {
  storeId: string;
  orgId: string;
  shopifyType: MergeQueueItem['shopifyType'];
  shopifyGid: string;
  reason: string;
  candidates: MergeCandidate[];
  payload: Record<string, unknown>;
  correlationId: string;
}

/**
 * Parks an ambiguous match for a person. A record already waiting is updated in place (its candidates and payload
 * refreshed) rather than queued twice: the partial unique index allows one open item per Shopify record.
 */
export async function parkAmbiguousMatch(db: Database, input: ParkInput): Promise<MergeQueueItem> {
  const [row] = await db
    .insert(mergeQueue)
    .values(input)
    .onConflictDoUpdate({
      target: [mergeQueue.storeId, mergeQueue.shopifyType, mergeQueue.shopifyGid],
      targetWhere: sql`${mergeQueue.status} = 'open'`,
      set: {
        reason: input.reason,
        candidates: input.candidates,
        payload: input.payload,
        correlationId: input.correlationId,
      },
    })
    .returning();
  if (!row) throw new Error(`Parking ${input.shopifyGid} in the merge queue returned no row.`);
  return row;
}

/** A store's open items, oldest first. */
export function openMergeItems(db: Database, storeId: string): Promise<MergeQueueItem[]> {
  return db
    .select()
    .from(mergeQueue)
    .where(and(eq(mergeQueue.storeId, storeId), eq(mergeQueue.status, 'open')))
    .orderBy(asc(mergeQueue.createdAt));
}

/** What a person decided: link to one of the candidates, create a new row, or ignore the record. */
export type MergeDecision = { kind: 'link'; crmId: string } | { kind: 'create' } | { kind: 'ignore' };

/**
 * Records a person's decision on an open item. A link must name one of the item's candidates; an item already
 * decided is not decided again (the first decision stands), which makes a double click harmless.
 */
export async function resolveMergeItem(
  db: Database,
  input: { id: string; decision: MergeDecision; by: string; now: Date },
): Promise<MergeQueueItem> {
  const [item] = await db.select().from(mergeQueue).where(eq(mergeQueue.id, input.id));
  if (!item) throw new Error(`No merge queue item ${input.id}.`);
  if (item.status !== 'open')
    throw new Error(`Merge queue item ${input.id} was already ${item.status} by ${item.resolvedBy ?? 'the system'}.`);
  const { decision } = input;
  if (decision.kind === 'link' && !item.candidates.some((candidate) => candidate.crmId === decision.crmId)) {
    throw new Error(
      `${decision.crmId} is not one of the candidates of ${item.shopifyGid}; choose one of them, or create.`,
    );
  }
  const [row] = await db
    .update(mergeQueue)
    .set({
      status: decision.kind === 'ignore' ? 'dismissed' : 'resolved',
      resolution: decision,
      resolvedBy: input.by,
      resolvedAt: input.now,
    })
    .where(and(eq(mergeQueue.id, input.id), eq(mergeQueue.status, 'open')))
    .returning();
  if (!row) throw new Error(`Merge queue item ${input.id} was decided by someone else a moment ago.`);
  return row;
}
