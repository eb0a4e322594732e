import type { CrmValue } from './plan-row';

/** A value as a write sends it: a CRM value, or a Two Options (boolean) column's value. */
export type WrittenValue = CrmValue | boolean;

/** One column a write would change: what the CRM holds now (null: empty, or no row yet) and what would be written. */
export interface ColumnChange {
  before: unknown;
  after: WrittenValue;
}

/** A dry run's picture of one write: only the columns whose value would change. */
export type RowDiff = Record<string, ColumnChange>;

const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Whether the CRM's value equals the one we would write, as Dataverse hands values back: empty text and null are one,
 * a number may come back for a decimal we send as text (`10.50` and `10.5`), and a date-time comes back without
 * milliseconds (`2024-05-01T10:00:00Z` for `2024-05-01T10:00:00.000Z`).
 */
export function sameCrmValue(before: unknown, after: WrittenValue): boolean {
  const empty = (value: unknown) => value === null || value === undefined || value === '';
  if (empty(before) || empty(after)) return empty(before) && empty(after);
  if (before === after) return true;
  const text = typeof before === 'number' || typeof before === 'string' ? String(before) : null;
  const wanted = String(after);
  if (text === null) return false;
  if (DECIMAL.test(text) && DECIMAL.test(wanted)) return Number(text) === Number(wanted);
  if (ISO_DATE_TIME.test(text) && ISO_DATE_TIME.test(wanted)) return Date.parse(text) === Date.parse(wanted);
  return false;
}

/**
 * The columns a write would change on a row, for the dry-run log (`{column: {before, after}}`). `current` is the row
 * as read from the CRM, null when the write would create it (every non-empty column is then a change from null).
 * `ignore` leaves out columns written on every write whatever their value (`sv_lastcorrelationid`), which would
 * otherwise show every row as changed. A lookup written as `x@odata.bind` is compared with `current[x@odata.bind]`
 * when the caller provides it (Dataverse reads lookups back under another name, `_x_value`); absent, it shows as a
 * change. Pure.
 */
export function diffRow(
  current: Record<string, unknown> | null,
  writes: Record<string, WrittenValue>,
  options: { ignore?: readonly string[] } = {},
): RowDiff {
  const ignore = new Set(options.ignore ?? []);
  const diff: RowDiff = {};
  for (const [column, after] of Object.entries(writes)) {
    if (ignore.has(column)) continue;
    const before = current?.[column] ?? null;
    if (!sameCrmValue(before, after)) diff[column] = { before, after };
  }
  return diff;
}

/** The values a diff would write, column by column: what a real run's write must then hold. */
export function diffAfter(diff: RowDiff): Record<string, WrittenValue> {
  return Object.fromEntries(Object.entries(diff).map(([column, change]) => [column, change.after]));
}
