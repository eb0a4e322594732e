/**
 * Relay connections as Shopify pages them: `first`/`last` (one of them required, at most 250), `after`/`before`
 * cursors, `reverse`, `sortKey`. Cursors have Shopify's shape, base64 of `{"last_id":…,"last_value":…}` (see
 * real-store-responses/graphql-orders-query-response_ms-bc-connector.json), and are read back by comparing the
 * (sort value, id) pair, so a cursor stays valid when records change or disappear.
 */
import { GraphQLError } from 'graphql';

/** Connection arguments common to every paginated field. */
export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** The sort value of a record: a time, a number or a string. */
export type SortValue = Date | number | string;

/** A page in Shopify's connection shape. */
export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  nodes: N[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Shopify's documented maximum page size. */
export const MAX_PAGE_SIZE = 250;

function cursorValue(value: SortValue): string | number {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '000');
  return value;
}

function comparable(value: SortValue): number | string {
  return value instanceof Date ? value.getTime() : value;
}

function fromCursorValue(value: unknown, like: SortValue | undefined): number | string {
  if (like instanceof Date && typeof value === 'string') return Date.parse(`${value.replace(' ', 'T').slice(0, 23)}Z`);
  return typeof value === 'number' ? value : String(value);
}

/** A cursor in Shopify's shape for a record's id and sort value. */
export function encodeCursor(id: number, value: SortValue): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: cursorValue(value) })).toString('base64');
}

function decodeCursor(cursor: string, like: SortValue | undefined): { id: number; value: number | string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {
      last_id?: unknown;
      last_value?: unknown;
    };
    if (typeof parsed.last_id !== 'number') throw new Error('no id');
    return { id: parsed.last_id, value: fromCursorValue(parsed.last_value, like) };
  } catch {
    throw new GraphQLError('Invalid cursor for current pagination sort.', { extensions: { code: 'BAD_REQUEST' } });
  }
}

function compareKeys(a: { id: number; value: number | string }, b: { id: number; value: number | string }): number {
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return a.id - b.id;
}

/** Checks `first`/`last` as Shopify does; `unbounded` (bulk operations) lifts the requirement. */
export function pageSize(args: ConnectionArgs, unbounded: boolean): number {
  if (unbounded) return Number.MAX_SAFE_INTEGER;
  const size = args.first ?? args.last;
  if (size === null || size === undefined)
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  if (size > MAX_PAGE_SIZE || size < 0)
    throw new GraphQLError(`The page size is invalid: it must be between 0 and ${MAX_PAGE_SIZE}.`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  return size;
}

/**
 * Pages `records` sorted by `sortOf` (ascending, ties by id; `reverse` flips it). `toNode` builds the view of each
 * record on the page only.
 */
export function paginate<R extends { id: number }, N>(
  records: Iterable<R>,
  args: ConnectionArgs,
  sortOf: (record: R) => SortValue,
  toNode: (record: R) => N,
  unbounded = false,
): Connection<N> {
  const size = pageSize(args, unbounded);
  const keyed = [...records].map((record) => {
    const sort = sortOf(record);
    return { record, sort, key: { id: record.id, value: comparable(sort) } };
  });
  const direction = args.reverse ? -1 : 1;
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key));
  const like = keyed[0]?.sort;
  let start = 0;
  let end = keyed.length;
  if (args.after) {
    const after = decodeCursor(args.after, like);
    start = keyed.findIndex((k) => direction * compareKeys(k.key, after) > 0);
    if (start < 0) start = keyed.length;
  }
  if (args.before) {
    const before = decodeCursor(args.before, like);
    const index = keyed.findIndex((k) => direction * compareKeys(k.key, before) >= 0);
    end = index < 0 ? keyed.length : index;
  }
  let window = keyed.slice(start, Math.max(start, end));
  let hasNextPage = end < keyed.length;
  let hasPreviousPage = start > 0;
  if (args.last !== null && args.last !== undefined && args.first == null && !unbounded) {
    hasPreviousPage = window.length > size;
    window = window.slice(Math.max(0, window.length - size));
  } else {
    hasNextPage = window.length > size || hasNextPage;
    window = window.slice(0, size);
  }
  const edges = window.map((k) => ({ cursor: encodeCursor(k.record.id, k.sort), node: toNode(k.record) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
