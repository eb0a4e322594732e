import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { type NewSyncAttempt, syncAttempts, type SyncAttempt, type SyncOutcome } from '../schema';

/**
 * Adds one row to the sync log. The email is lower-cased here (the table enforces it) so the console can search it
 * exactly. Callers put no secrets in `request` or `response`. An attempt is recorded when it ends: unless the caller
 * says otherwise it finished now (the database's clock, not the transaction's start) and started `durationMs` before.
 */
export async function recordAttempt(db: Database, attempt: NewSyncAttempt): Promise<SyncAttempt> {
  const seconds = (attempt.durationMs ?? 0) / 1000;
  const [row] = await db
    .insert(syncAttempts)
    .values({
      ...attempt,
      email: attempt.email?.toLowerCase() ?? null,
      finishedAt: attempt.finishedAt ?? sql`clock_timestamp()`,
      startedAt: attempt.startedAt ?? sql`clock_timestamp() - make_interval(secs => ${seconds})`,
    })
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

/** The search of the sync log (DESIGN.md, principle 5); every field narrows, none given means every attempt. */
export interface AttemptFilter {
  storeId?: string;
  correlationId?: string;
  /** `#1001` or `1001`: the `#` is optional, as people type it both ways. */
  orderName?: string;
  /** Matched lower-cased, as stored. */
  email?: string;
  /** A gid (`gid://shopify/Order/1`) or the numeric legacy id Shopify's admin shows (`1`), of any record type. */
  shopifyId?: string;
  crmId?: string;
  entity?: string;
  outcomes?: SyncOutcome[];
  /** Attempts started at or after this instant. */
  from?: Date;
  /** Attempts started before this instant. */
  to?: Date;
}

/** The record types whose gids the log holds: a numeric id is looked up as each, so the gid index still serves. */
const GID_TYPES = [
  'Customer',
  'Order',
  'Company',
  'CompanyLocation',
  'Refund',
  'Fulfillment',
  'LineItem',
  'DraftOrder',
  'DataRequest',
];

function attemptFilterOf(filter: AttemptFilter) {
  const shopifyId = filter.shopifyId?.trim();
  const orderName = filter.orderName?.trim();
  return and(
    filter.storeId === undefined ? undefined : eq(syncAttempts.storeId, filter.storeId),
    filter.correlationId === undefined ? undefined : eq(syncAttempts.correlationId, filter.correlationId),
    orderName
      ? inArray(syncAttempts.orderName, [...new Set([orderName, `#${orderName.replace(/^#/, '')}`])])
      : undefined,
    filter.email === undefined ? undefined : eq(syncAttempts.email, filter.email.trim().toLowerCase()),
    !shopifyId
      ? undefined
      : /^\d+$/.test(shopifyId)
        ? inArray(
            syncAttempts.shopifyGid,
            GID_TYPES.map((type) => `gid://shopify/${type}/${shopifyId}`),
          )
        : eq(syncAttempts.shopifyGid, shopifyId),
    filter.crmId === undefined ? undefined : eq(syncAttempts.crmId, filter.crmId),
    filter.entity === undefined ? undefined : eq(syncAttempts.entity, filter.entity),
    filter.outcomes === undefined || filter.outcomes.length === 0
      ? undefined
      : inArray(syncAttempts.outcome, filter.outcomes),
    filter.from === undefined ? undefined : gte(syncAttempts.startedAt, filter.from),
    filter.to === undefined ? undefined : lt(syncAttempts.startedAt, filter.to),
  );
}

/** Where an attempt stands in the newest-first order: `started_at` with Postgres's microseconds, and the id. */
export interface AttemptPosition {
  startedAt: string;
  id: string;
}

export interface AttemptPage {
  items: { attempt: SyncAttempt; position: AttemptPosition }[];
  hasNextPage: boolean;
}

const startedAtText = sql<string>`to_char(${syncAttempts.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A search of the sync log: the filter, the page size and where the page starts. */
export type AttemptSearch = AttemptFilter & { first: number; after?: AttemptPosition };

/**
 * The statement behind `searchAttempts`, one row more than the page (that row says whether there is a next page).
 * Exported so that a test can `EXPLAIN` exactly what the console runs.
 */
export function attemptSearchQuery(db: Database, input: AttemptSearch) {
  const after = input.after
    ? sql`(${syncAttempts.startedAt}, ${syncAttempts.id}) < (${input.after.startedAt}::timestamptz, ${input.after.id}::uuid)`
    : undefined;
  return db
    .select({ attempt: syncAttempts, startedAt: startedAtText })
    .from(syncAttempts)
    .where(and(attemptFilterOf(input), after))
    .orderBy(desc(syncAttempts.startedAt), desc(syncAttempts.id))
    .limit(input.first + 1);
}

/**
 * Attempts matching the filter, newest first, `first` of them after a position (keyset pagination: attempts logged
 * meanwhile neither shift nor repeat a page). No total: the log is large, and counting it would cost more than the page.
 */
export async function searchAttempts(db: Database, input: AttemptSearch): Promise<AttemptPage> {
  const rows = await attemptSearchQuery(db, input);
  return {
    items: rows
      .slice(0, input.first)
      .map((row) => ({ attempt: row.attempt, position: { startedAt: row.startedAt, id: row.attempt.id } })),
    hasNextPage: rows.length > input.first,
  };
}

/** One attempt by id. */
export async function attemptById(db: Database, id: string): Promise<SyncAttempt | undefined> {
  const [row] = await db.select().from(syncAttempts).where(eq(syncAttempts.id, id));
  return row;
}

/** A chain longer than this is cut (newest kept out); a chain is one change, which makes tens of attempts at most. */
export const CHAIN_LIMIT = 1000;

/** Every attempt of one correlation id, oldest first: the story of one change from intake to the CRM. */
export function correlationChain(db: Database, correlationId: string): Promise<SyncAttempt[]> {
  return db
    .select()
    .from(syncAttempts)
    .where(eq(syncAttempts.correlationId, correlationId))
    .orderBy(asc(syncAttempts.startedAt), asc(syncAttempts.id))
    .limit(CHAIN_LIMIT);
}
