import { format, parseDec } from './decimal';
import type { KeyDef, TableDef } from './metadata/types';
import { isLookup, type Row, type StoredValue } from './store';
import type { OrgContext } from './context';

/**
 * Rows by alternate key values through the store's secondary indexes, so that upserts by key stay cheap at backfill
 * volumes. Values compare as Dataverse compares them: text case-insensitively, numbers by value, lookups by id.
 */

function valueText(value: StoredValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (isLookup(value)) return value.id;
  if (typeof value === 'string') {
    const number = /^-?\d+(\.\d+)?$/.test(value) ? parseDec(value) : undefined;
    // Decimals are stored at their column's precision; "3.00" and 3 are the same key value.
    return number ? `#${format(number).replace(/\.?0+$/, '') || '0'}` : value.toLowerCase();
  }
  return `#${String(value)}`;
}

function keyText(attributes: string[], values: Record<string, StoredValue>): string | undefined {
  const parts: string[] = [];
  for (const name of attributes) {
    const text = valueText(values[name]);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return parts.join('\u0000');
}

/** The rows whose values for `attributes` equal `values` (stored forms). */
export function rowsByKey(
  context: OrgContext,
  table: TableDef,
  attributes: string[],
  values: Record<string, StoredValue>,
): Row[] {
  const sorted = [...attributes].sort();
  const text = keyText(sorted, values);
  if (text === undefined) return [];
  return context.store.lookup(table.logicalName, sorted.join(','), (row) => keyText(sorted, row.values), text);
}

/** The rows another row would clash with on an alternate key. */
export function keyClash(
  context: OrgContext,
  table: TableDef,
  key: KeyDef,
  id: string,
  values: Record<string, StoredValue>,
): Row | undefined {
  return rowsByKey(context, table, key.keyAttributes, values).find((row) => row.id !== id);
}
