import { RawNumber } from '../json';
import type { ColumnDef, TableDef } from '../metadata/types';
import { isLookup, type Row, type StoredValue } from '../store';
import type { OrgContext } from '../context';
import { API_PREFIX } from './path';

/**
 * Rows as the Web API writes them (frodata/leads.json, mslearn-examples): `@odata.etag` first, every selected column
 * (null when unset), lookups as `_x_value`, money and decimals as JSON numbers, and with
 * `Prefer: odata.include-annotations` the formatted values and lookup annotations.
 */

/** Which instance annotations the client asked for with `Prefer: odata.include-annotations="..."`. */
export type AnnotationFilter = (name: string) => boolean;

/** Reads the Prefer header's include-annotations list ("*", exact names, or `Namespace.*`). */
export function annotationFilter(prefer: string | undefined): { filter: AnnotationFilter; applied?: string } {
  const match = /odata\.include-annotations="?([^";,]+(?:,[^";]+)*)"?/.exec(prefer ?? '');
  if (!match?.[1]) return { filter: () => false };
  const patterns = match[1].split(',').map((pattern) => pattern.trim());
  return {
    filter: (name) =>
      patterns.some(
        (pattern) =>
          pattern === '*' || pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
      ),
    applied: `odata.include-annotations="${match[1]}"`,
  };
}

export function etagOf(row: Row): string {
  return `W/"${row.version}"`;
}

/** The name a column has in a response: lookups are `_x_value`. */
export function propertyName(column: ColumnDef): string {
  return column.type === 'Lookup' || column.type === 'Customer' || column.type === 'Owner'
    ? `_${column.logicalName}_value`
    : column.logicalName;
}

const NUMERIC = new Set(['Money', 'Decimal', 'Double']);
const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

function formatted(context: OrgContext, column: ColumnDef, value: StoredValue, row: Row): string | undefined {
  if (value === null) return undefined;
  if (column.options && typeof value === 'number')
    return column.options.find((option) => option.value === value)?.label;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (isLookup(value)) {
    const target = context.tables.get(value.table);
    const name = target?.primaryNameAttribute;
    const targetRow = context.store.get(value.table, value.id);
    const text = name ? targetRow?.values[name] : undefined;
    return typeof text === 'string' ? text : undefined;
  }
  if (column.type === 'Money' && typeof value === 'string') {
    const currency = row.values.transactioncurrencyid;
    const currencyRow = isLookup(currency) ? context.store.get('transactioncurrency', currency.id) : undefined;
    const symbol = currencyRow?.values.currencysymbol;
    const precision = currencyRow?.values.currencyprecision;
    const places = typeof precision === 'number' ? precision : 2;
    const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
    const amount = places > 0 ? `${whole}.${fraction.padEnd(places, '0').slice(0, places)}` : whole;
    return `${value.startsWith('-') ? '-' : ''}${typeof symbol === 'string' ? symbol : ''}${amount}`;
  }
  return undefined;
}

/** One column's JSON properties (value plus annotations). */
export function columnProperties(
  context: OrgContext,
  table: TableDef,
  column: ColumnDef,
  row: Row,
  annotations: AnnotationFilter,
): Record<string, unknown> {
  const value = row.values[column.logicalName] ?? null;
  const name = propertyName(column);
  const result: Record<string, unknown> = {};
  const text = annotations(FORMATTED) ? formatted(context, column, value, row) : undefined;
  if (text !== undefined) result[`${name}@${FORMATTED}`] = text;
  if (isLookup(value)) {
    if (annotations('Microsoft.Dynamics.CRM.associatednavigationproperty')) {
      const navigation =
        (column.targets?.length ?? 0) > 1 && column.type !== 'Owner'
          ? `${column.logicalName}_${value.table}`
          : (column.navigationName ?? column.logicalName);
      result[`${name}@Microsoft.Dynamics.CRM.associatednavigationproperty`] = navigation;
    }
    if (annotations('Microsoft.Dynamics.CRM.lookuplogicalname'))
      result[`${name}@Microsoft.Dynamics.CRM.lookuplogicalname`] = value.table;
    result[name] = value.id;
  } else if (typeof value === 'string' && NUMERIC.has(column.type)) {
    result[name] = new RawNumber(value);
  } else {
    result[name] = value;
  }
  return result;
}

/** A row as a JSON object: etag, the selected columns (all when `select` is undefined), then the primary id. */
export function serialiseRow(
  context: OrgContext,
  table: TableDef,
  row: Row,
  select: string[] | undefined,
  annotations: AnnotationFilter,
): Record<string, unknown> {
  const result: Record<string, unknown> = { '@odata.etag': etagOf(row) };
  const columns = select
    ? select.map((name) => table.columns.get(name)).filter((column): column is ColumnDef => column !== undefined)
    : [...table.columns.values()];
  for (const column of columns) Object.assign(result, columnProperties(context, table, column, row, annotations));
  result[table.primaryIdAttribute] = row.id;
  return result;
}

/** `<origin>/api/data/v9.2/` */
export function serviceRoot(origin: string): string {
  return `${origin}${API_PREFIX}`;
}

/** `@odata.context` of a collection or entity: `$metadata#contacts(fullname)` or `...#contacts/$entity`. */
export function contextUrl(origin: string, table: TableDef, select: string[] | undefined, suffix = ''): string {
  const projection = select && select.length > 0 ? `(${select.join(',')})` : '';
  return `${serviceRoot(origin)}$metadata#${table.entitySetName}${projection}${suffix}`;
}
