import { and, asc, eq, is, sql } from 'drizzle-orm';
import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import type { TransactionSql } from 'postgres';
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

/** What a person decided: link to a candidate, create a new row, or ignore the record; or a two-way conflict's side. */
export type MergeDecision =
  | { kind: 'link'; crmId: string }
  | { kind: 'create' }
  | { kind: 'ignore' }
  | { kind: 'keep_crm' }
  | { kind: 'keep_shopify' };

/** Why a decision was not recorded; the item is left as it was. */
export type DecisionRefusal =
  | { kind: 'not_found'; id: string }
  | { kind: 'already_decided'; item: MergeQueueItem }
  | { kind: 'not_a_candidate'; item: MergeQueueItem; crmId: string };

/** What became of a decision: recorded on the item, or refused with the reason. */
export type DecisionOutcome = { kind: 'decided'; item: MergeQueueItem } | DecisionRefusal;

/**
 * Records a person's decision on an open item, or says why not. A link must name one of the item's candidates; an
 * item already decided is not decided again (the first decision stands), which makes a double click harmless. The
 * row is locked while it is checked, so inside a transaction two people deciding at once are served in turn and the
 * second is told who was first.
 */
export async function decideMergeItem(
  db: Database,
  input: { id: string; decision: MergeDecision; by: string; now: Date },
): Promise<DecisionOutcome> {
  const [item] = await db.select().from(mergeQueue).where(eq(mergeQueue.id, input.id)).for('update');
  if (!item) return { kind: 'not_found', id: input.id };
  if (item.status !== 'open') return { kind: 'already_decided', item };
  const { decision } = input;
  if (decision.kind === 'link' && !item.candidates.some((candidate) => candidate.crmId === decision.crmId)) {
    return { kind: 'not_a_candidate', item, crmId: decision.crmId };
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
  if (row) return { kind: 'decided', item: row };
  // Outside a transaction the lock ends with the select: someone decided in between.
  const [now] = await db.select().from(mergeQueue).where(eq(mergeQueue.id, input.id));
  return now ? { kind: 'already_decided', item: now } : { kind: 'not_found', id: input.id };
}

/** A refusal as a sentence a person can act on. */
export function describeRefusal(refusal: DecisionRefusal): string {
  switch (refusal.kind) {
    case 'not_found':
      return `No merge queue item ${refusal.id}.`;
    case 'already_decided':
      return `Merge queue item ${refusal.item.id} was already ${refusal.item.status} by ${refusal.item.resolvedBy ?? 'the system'}.`;
    case 'not_a_candidate':
      return (
        `${refusal.crmId} is not one of the candidates of ${refusal.item.shopifyGid}; choose one of them ` +
        `(${refusal.item.candidates.map((candidate) => candidate.crmId).join(', ')}), or create.`
      );
  }
}

/** {@link decideMergeItem} for callers that treat a refusal as an error: returns the decided item or throws. */
export async function resolveMergeItem(
  db: Database,
  input: { id: string; decision: MergeDecision; by: string; now: Date },
): Promise<MergeQueueItem> {
  const outcome = await decideMergeItem(db, input);
  if (outcome.kind !== 'decided') throw new Error(describeRefusal(outcome));
  return outcome.item;
}

/** The one item with this id, whatever its status. */
export async function getMergeItem(db: Database, id: string): Promise<MergeQueueItem | undefined> {
  const [item] = await db.select().from(mergeQueue).where(eq(mergeQueue.id, id));
  return item;
}

/**
 * Where an item stands in the queue's order (oldest first): its `created_at` as text with the microseconds Postgres
 * keeps (a JS `Date` would round them away and a page would repeat its last item), and its id for ties.
 */
export interface MergePosition {
  createdAt: string;
  id: string;
}

/** One page of the queue. */
export interface MergeItemPage {
  items: { item: MergeQueueItem; position: MergePosition }[];
  /** Items matching the filters, on every page. */
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * Items oldest first, optionally of one store and one status, `first` of them after a position (keyset pagination:
 * items parked meanwhile neither shift nor repeat a page).
 */
export async function listMergeItems(
  db: Database,
  input: { storeId?: string; status?: MergeQueueItem['status']; first: number; after?: MergePosition },
): Promise<MergeItemPage> {
  const filters = and(
    input.storeId === undefined ? undefined : eq(mergeQueue.storeId, input.storeId),
    input.status === undefined ? undefined : eq(mergeQueue.status, input.status),
  );
  const after = input.after
    ? sql`(${mergeQueue.createdAt}, ${mergeQueue.id}) > (${input.after.createdAt}::timestamptz, ${input.after.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
      item: mergeQueue,
      createdAt: sql<string>`to_char(${mergeQueue.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(mergeQueue)
    .where(and(filters, after))
    .orderBy(asc(mergeQueue.createdAt), asc(mergeQueue.id))
    .limit(input.first + 1);
  const totalCount = await db.$count(mergeQueue, filters);
  return {
    items: rows
      .slice(0, input.first)
      .map((row) => ({ item: row.item, position: { createdAt: row.createdAt, id: row.item.id } })),
    totalCount,
    hasNextPage: rows.length > input.first,
  };
}

/** Both handles on one transaction: drizzle for queries, postgres-js for SQL such as `addJob`. */
export interface TransactionHandles {
  db: Database;
  sql: TransactionSql;
}

/**
 * Runs `work` in one transaction that drizzle queries and raw postgres-js SQL share, so that a decision and the job
 * it causes commit or roll back together. Drizzle's transaction runs on a postgres-js `TransactionSql`; it is taken
 * from the transaction's session, as drizzle itself makes it.
 */
export function inTransaction<T>(db: Database, work: (tx: TransactionHandles) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const session = tx._.session;
    if (!isPostgresJsSession(session)) {
      throw new Error('inTransaction needs a drizzle database on postgres-js (createDbClient makes one).');
    }
    return work({ db: tx, sql: session.client });
  });
}

/** Drizzle types a transaction's session as any `PgSession`; on postgres-js its client is the `TransactionSql`. */
function isPostgresJsSession(session: unknown): session is { client: TransactionSql } {
  return is(session, PostgresJsSession);
}
