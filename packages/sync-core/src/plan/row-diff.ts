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

const BIND = '@odata.bind';
/** `/contacts(<guid>)`: a bind by id (a bind by alternate key cannot be compared with the id read back). */
const BIND_BY_ID = /^\/([a-z0-9_]+)\(([0-9a-f-]{36})\)$/i;

/** The singular of an entity set, as Dataverse forms them (`contacts`, `transactioncurrencies`). */
function singular(entitySet: string): string {
  return entitySet.endsWith('ies') ? `${entitySet.slice(0, -3)}y` : entitySet.replace(/s$/, '');
}

/**
 * The property a lookup written as `x@odata.bind` is read back as (`_x_value`): a polymorphic lookup's navigation
 * names its target (`customerid_contact`, `parentcustomerid_account`), which the property does not. Null for a
 * column that is not a bind, or a bind whose value is not an entity path (`$1` inside a changeset).
 */
export function lookupProperty(column: string, value: unknown): string | null {
  if (!column.endsWith(BIND) || typeof value !== 'string') return null;
  const navigation = column.slice(0, -BIND.length);
  const set = /^\/([a-z0-9_]+)\(/i.exec(value)?.[1];
  if (!set) return null;
  const target = `_${singular(set.toLowerCase())}`;
  const attribute = navigation.endsWith(target) ? navigation.slice(0, -target.length) : navigation;
  return `_${attribute}_value`;
}

/** The lookup properties to `$select` for a row's binds, so a diff can compare them with what is written. */
export function lookupProperties(row: Record<string, unknown>): string[] {
  return Object.entries(row).flatMap(([column, value]) => {
    const property = lookupProperty(column, value);
    return property ? [property] : [];
  });
}

/** What the CRM holds for a bind, in the bind's own form (`/contacts(<id>)`), when it was read and can be compared. */
function boundBefore(current: Record<string, unknown>, column: string, after: WrittenValue): unknown {
  const property = lookupProperty(column, after);
  const byId = typeof after === 'string' ? BIND_BY_ID.exec(after) : null;
  if (!property || !byId || !(property in current)) return current[column] ?? null;
  const id = current[property];
  if (typeof id !== 'string' || id === '') return null;
  // GUIDs compare without regard to case; the bind's own spelling keeps the diff readable.
  return id.toLowerCase() === byId[2]?.toLowerCase() ? after : `/${byId[1]}(${id})`;
}

/**
 * The columns a write would change on a row, for the dry-run log (`{column: {before, after}}`). `current` is the row
 * as read from the CRM, null when the write would create it (every non-empty column is then a change from null).
 * `ignore` leaves out columns written on every write whatever their value (`sv_lastcorrelationid`), which would
 * otherwise show every row as changed. A lookup written as `x@odata.bind` by id is compared with its `_x_value` when
 * the row was read with it (see `lookupProperties`); one bound by alternate key, or not read, shows as written.
 * Pure.
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
    const before = current ? boundBefore(current, column, after) : null;
    if (!sameCrmValue(before, after)) diff[column] = { before, after };
  }
  return diff;
}

/** The values a diff would write, column by column: what a real run's write must then hold. */
export function diffAfter(diff: RowDiff): Record<string, WrittenValue> {
  return Object.fromEntries(Object.entries(diff).map(([column, change]) => [column, change.after]));
}
