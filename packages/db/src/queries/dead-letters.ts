import { and, count, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { type DeadLetter, deadLetters, type NewDeadLetter, webhookDeliveries } from '../schema';
import { addJob } from './jobs';
import { inTransaction } from './merge-queue';

/**
 * The failed list (DESIGN.md, "Jobs"): jobs that failed permanently or ran out of retries, one open row per record
 * and task, replayable from the console and the CLI. A replay re-adds the job under the same correlation id, so the
 * console shows the failure and the fix as one chain.
 */

/** The fields of an open dead letter the worker writes; the rest are defaults or set by a replay or resolution. */
export type OpenDeadLetter = Omit<NewDeadLetter, 'id' | 'failedAt' | 'replayedAt' | 'replayedBy' | 'resolvedAt'> & {
  failedAt: Date;
};

/**
 * Adds the open dead letter of a job, or refreshes the one its job key already has (a record failing again is one
 * row, its last error, its attempts counted on). Jobs without a key always add a row.
 */
export async function upsertOpenDeadLetter(db: Database, letter: OpenDeadLetter): Promise<DeadLetter> {
  const [row] = await db
    .insert(deadLetters)
    .values(letter)
    .onConflictDoUpdate({
      target: [deadLetters.storeId, deadLetters.taskIdentifier, deadLetters.jobKey],
      targetWhere: sql`${deadLetters.replayedAt} is null and ${deadLetters.resolvedAt} is null and ${deadLetters.jobKey} is not null`,
      set: {
        entity: letter.entity,
        shopifyGid: letter.shopifyGid,
        payload: letter.payload,
        correlationId: letter.correlationId,
        errorClass: letter.errorClass,
        errorCode: letter.errorCode,
        errorMessage: letter.errorMessage,
        attempts: letter.attempts,
        failedAt: letter.failedAt,
      },
    })
    .returning();
  if (!row) throw new Error(`Recording the dead letter of ${letter.jobKey ?? letter.taskIdentifier} returned no row.`);
  return row;
}

/**
 * A later sync of the record succeeded: its dead letters (open, or replayed and not yet known to have worked) leave
 * the failed list. Returns how many rows it marked.
 */
export async function resolveDeadLetters(
  db: Database,
  record: { storeId: string; entity: string; shopifyGid: string },
  now: Date,
): Promise<number> {
  const rows = await db
    .update(deadLetters)
    .set({ resolvedAt: now })
    .where(
      and(
        eq(deadLetters.storeId, record.storeId),
        eq(deadLetters.shopifyGid, record.shopifyGid),
        eq(deadLetters.entity, record.entity),
        isNull(deadLetters.resolvedAt),
      ),
    )
    .returning({ id: deadLetters.id });
  return rows.length;
}

/** Which dead letters a list or a replay is about; every field narrows, none given means all. */
export interface DeadLetterFilter {
  storeId?: string;
  entity?: string;
  errorCode?: string;
  /** Only rows still on the failed list: neither replayed nor resolved (default true). */
  openOnly?: boolean;
}

function filterOf(filter: DeadLetterFilter) {
  return and(
    filter.storeId === undefined ? undefined : eq(deadLetters.storeId, filter.storeId),
    filter.entity === undefined ? undefined : eq(deadLetters.entity, filter.entity),
    filter.errorCode === undefined ? undefined : eq(deadLetters.errorCode, filter.errorCode),
    filter.openOnly === false ? undefined : and(isNull(deadLetters.replayedAt), isNull(deadLetters.resolvedAt)),
  );
}

/**
 * Where a row stands in the newest-first order: `failed_at` as text with Postgres's microseconds (a JS `Date` would
 * round them away and a page could repeat its last row), and the id for ties.
 */
export interface DeadLetterPosition {
  failedAt: string;
  id: string;
}

export interface DeadLetterPage {
  items: { letter: DeadLetter; position: DeadLetterPosition }[];
  /** Rows matching the filter, on every page. */
  totalCount: number;
  hasNextPage: boolean;
}

const MICROSECONDS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Dead letters newest first, `first` of them after a position (keyset pagination). */
export async function listDeadLetters(
  db: Database,
  input: DeadLetterFilter & { first: number; after?: DeadLetterPosition },
): Promise<DeadLetterPage> {
  const filters = filterOf(input);
  const after = input.after
    ? sql`(${deadLetters.failedAt}, ${deadLetters.id}) < (${input.after.failedAt}::timestamptz, ${input.after.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
      letter: deadLetters,
      failedAt: sql<string>`to_char(${deadLetters.failedAt} at time zone 'UTC', ${sql.raw(MICROSECONDS)})`,
    })
    .from(deadLetters)
    .where(and(filters, after))
    .orderBy(desc(deadLetters.failedAt), desc(deadLetters.id))
    .limit(input.first + 1);
  const totalCount = await db.$count(deadLetters, filters);
  return {
    items: rows
      .slice(0, input.first)
      .map((row) => ({ letter: row.letter, position: { failedAt: row.failedAt, id: row.letter.id } })),
    totalCount,
    hasNextPage: rows.length > input.first,
  };
}

/** One dead letter by id. */
export async function getDeadLetter(db: Database, id: string): Promise<DeadLetter | undefined> {
  const [row] = await db.select().from(deadLetters).where(eq(deadLetters.id, id));
  return row;
}

/** Open dead letters sharing one error code: what a person fixes once and then retries all of. */
export interface FailureGroup {
  errorCode: string;
  errorClass: DeadLetter['errorClass'];
  count: number;
  /** The entities among them, e.g. `['order']`. */
  entities: string[];
  /** The newest failure's time and message, to show what the code means in practice. */
  latestAt: Date;
  latestMessage: string;
}

/** The open dead letters (of one store, or all) grouped by error code, biggest group first. */
export async function failureGroups(db: Database, storeId?: string): Promise<FailureGroup[]> {
  const open = filterOf({ ...(storeId === undefined ? {} : { storeId }) });
  const groups = await db
    .select({
      errorCode: deadLetters.errorCode,
      errorClass: sql<
        DeadLetter['errorClass']
      >`(array_agg(${deadLetters.errorClass} order by ${deadLetters.failedAt} desc))[1]`,
      count: count(),
      entities: sql<
        string[]
      >`coalesce(array_agg(distinct ${deadLetters.entity}) filter (where ${deadLetters.entity} is not null), '{}')`,
      latestAt: max(deadLetters.failedAt),
      latestMessage: sql<string>`(array_agg(${deadLetters.errorMessage} order by ${deadLetters.failedAt} desc))[1]`,
    })
    .from(deadLetters)
    .where(open)
    .groupBy(deadLetters.errorCode)
    .orderBy(desc(count()), deadLetters.errorCode);
  return groups.map((group) => ({ ...group, latestAt: group.latestAt ?? new Date(0) }));
}

/** Which dead letters to retry: these rows, or every open one of a kind. */
export type DeadLetterSelection = { ids: string[] } | { storeId?: string; entity?: string; errorCode?: string };

/** A job a replay added. */
export interface ReplayedJob {
  deadLetterId: string;
  jobId: string;
  task: string;
  jobKey: string | null;
  correlationId: string;
  storeId: string;
  entity: string | null;
  shopifyGid: string | null;
}

/** What a replay did: the jobs queued, or why nothing was (for a list of ids, all or nothing). */
export type ReplayOutcome =
  | { kind: 'queued'; jobs: ReplayedJob[] }
  | { kind: 'not_found'; ids: string[] }
  | { kind: 'not_open'; letters: DeadLetter[] };

/**
 * Re-adds the job of each selected open dead letter and marks the letters replayed (by whom, when), in one
 * transaction: the queue and the failed list never disagree. The payload keeps the letter's correlation id, so the
 * retry continues the chain the console shows; `source: 'retry'` and `retry: 0` give it a fresh set of retries.
 * Selected by ids, every id must be an open letter, else nothing is queued and the outcome says which are not.
 */
export async function replayDeadLetters(
  db: Database,
  selection: DeadLetterSelection,
  actor: string,
  now: Date,
): Promise<ReplayOutcome> {
  return inTransaction(db, async (tx) => {
    const byIds = 'ids' in selection;
    const ids = byIds ? [...new Set(selection.ids)] : [];
    const letters = await tx.db
      .select()
      .from(deadLetters)
      .where(byIds ? inArray(deadLetters.id, ids) : filterOf(selection))
      .orderBy(deadLetters.failedAt, deadLetters.id)
      // Two people pressing retry at once: the second waits, then finds the rows replayed.
      .for('update');
    if (byIds) {
      const found = new Set(letters.map((letter) => letter.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) return { kind: 'not_found', ids: missing };
      const closed = letters.filter((letter) => letter.replayedAt !== null || letter.resolvedAt !== null);
      if (closed.length > 0) return { kind: 'not_open', letters: closed };
    }
    const jobs: ReplayedJob[] = [];
    for (const letter of letters) {
      const payload = typeof letter.payload === 'object' && letter.payload !== null ? letter.payload : {};
      const jobId = await addJob(
        tx.sql,
        letter.taskIdentifier,
        { ...payload, correlationId: letter.correlationId, source: 'retry', retry: 0 },
        letter.jobKey ? { jobKey: letter.jobKey, jobKeyMode: 'replace' } : {},
      );
      jobs.push({
        deadLetterId: letter.id,
        jobId,
        task: letter.taskIdentifier,
        jobKey: letter.jobKey,
        correlationId: letter.correlationId,
        storeId: letter.storeId,
        entity: letter.entity,
        shopifyGid: letter.shopifyGid,
      });
    }
    if (letters.length > 0) {
      await tx.db
        .update(deadLetters)
        .set({ replayedAt: now, replayedBy: actor })
        .where(
          inArray(
            deadLetters.id,
            letters.map((letter) => letter.id),
          ),
        );
    }
    return { kind: 'queued', jobs };
  });
}

/** A delivery queued again. */
export interface ReplayedDelivery {
  deliveryId: string;
  jobId: string;
  correlationId: string;
  storeId: string;
  topic: string;
}

/**
 * Processes a stored webhook delivery again (a delivery that was routed before a fix, or to re-sync what it names):
 * `shopify_delivery__process` under the delivery's own correlation id, with `source: 'replay'`. The sync reads the
 * current state, so a replay of an old delivery changes nothing that is up to date. Undefined if there is no such
 * delivery.
 */
export async function replayDelivery(
  db: Database,
  deliveryId: string,
  actor: string,
): Promise<ReplayedDelivery | undefined> {
  return inTransaction(db, async (tx) => {
    const [delivery] = await tx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    if (!delivery) return undefined;
    const jobId = await addJob(
      tx.sql,
      'shopify_delivery__process',
      {
        deliveryId,
        correlationId: delivery.correlationId,
        source: 'replay',
        receivedAt: delivery.receivedAt.toISOString(),
        // Who asked, for the worker's log; the task reads only the delivery id.
        replayedBy: actor,
      },
      // Pressing replay twice before the worker gets to it queues one job.
      { jobKey: `delivery-replay:${deliveryId}`, jobKeyMode: 'replace' },
    );
    return {
      deliveryId,
      jobId,
      correlationId: delivery.correlationId,
      storeId: delivery.storeId,
      topic: delivery.topic,
    };
  });
}
