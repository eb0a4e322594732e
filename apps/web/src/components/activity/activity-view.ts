import type { AttemptConnection, AttemptRow, BranchCursor } from './activity-query';

/**
 * The readings of one search merged into one list, newest first, each attempt once (an attempt found both by its
 * correlation id and its CRM id is one row).
 */
export function mergeAttempts(lists: readonly (readonly AttemptRow[])[]): AttemptRow[] {
  const byId = new Map<string, AttemptRow>();
  for (const list of lists) for (const attempt of list) byId.set(attempt.id, attempt);
  return [...byId.values()].sort(
    (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/** Where each reading goes on after a page: its end cursor while it has more, `false` once it has none. */
export function nextCursors(
  previous: readonly BranchCursor[],
  pages: readonly (AttemptConnection | undefined)[],
): BranchCursor[] {
  return previous.map((cursor, index) => {
    const page = pages[index];
    if (!page) return cursor === false ? false : cursor;
    return page.pageInfo.hasNextPage && page.pageInfo.endCursor ? page.pageInfo.endCursor : false;
  });
}

/** The record as people name it: the order name, else the email, else the Shopify record (`Customer 7`). */
export function recordLabel(attempt: Pick<AttemptRow, 'orderName' | 'email' | 'shopifyGid' | 'entity'>): string {
  if (attempt.orderName) return attempt.orderName;
  if (attempt.email) return attempt.email;
  const gid = attempt.shopifyGid && /^gid:\/\/shopify\/([A-Za-z]+)\/(.+)$/.exec(attempt.shopifyGid);
  if (gid) return `${gid[1]} ${gid[2]}`;
  return attempt.shopifyGid ?? attempt.entity;
}

export type Tone = 'ok' | 'degraded' | 'down' | 'neutral';

/** The badge colour of an outcome: written is ok, a retry or a person's decision pending is degraded, failed is down. */
export function outcomeTone(outcome: string): Tone {
  switch (outcome) {
    case 'CREATED':
    case 'UPDATED':
      return 'ok';
    case 'RETRYING':
    case 'AMBIGUOUS':
      return 'degraded';
    case 'FAILED':
      return 'down';
    default:
      return 'neutral';
  }
}

/** `2026-11-27T06:00:01.123Z` → `2026-11-27 06:00:01 UTC`: the filters' times are UTC, so the list's are too. */
export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number | null): string {
  if (ms == null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A request or a response as indented JSON; a missing one says so instead of an empty box. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return 'Nothing recorded.';
  return JSON.stringify(value, null, 2);
}

/** One column a dry run would change. */
export interface ColumnChange {
  column: string;
  before: string;
  after: string;
}

/** The changes a dry run would make to one CRM row. */
export interface RowChanges {
  target: string;
  changes: ColumnChange[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function changesOf(diff: Record<string, unknown>): ColumnChange[] {
  return Object.entries(diff).map(([column, change]) => ({
    column,
    before: shown(isRecord(change) ? change.before : undefined),
    after: shown(isRecord(change) ? change.after : change),
  }));
}

function targetOf(write: Record<string, unknown>): string {
  const table = typeof write.entitySet === 'string' ? write.entitySet : 'row';
  const key = isRecord(write.key)
    ? Object.entries(write.key)
        .map(([column, value]) => `${column}=${shown(value)}`)
        .join(',')
    : typeof write.id === 'string'
      ? write.id
      : undefined;
  const method = typeof write.method === 'string' ? `${write.method} ` : '';
  return key ? `${method}${table}(${key})` : `${method}${table}`;
}

/**
 * The before/after of a dry run's request, row by row: a record sync logs one `diff` (column → {before, after}), an
 * order sync a list of `writes`, each with its own. Empty when the request holds none (a real run, a skip).
 */
export function dryRunChanges(request: unknown): RowChanges[] {
  if (!isRecord(request)) return [];
  const rows: RowChanges[] = [];
  if (isRecord(request.diff)) rows.push({ target: targetOf(request), changes: changesOf(request.diff) });
  if (Array.isArray(request.writes)) {
    for (const write of request.writes) {
      if (isRecord(write) && isRecord(write.diff))
        rows.push({ target: targetOf(write), changes: changesOf(write.diff) });
    }
  }
  return rows;
}
