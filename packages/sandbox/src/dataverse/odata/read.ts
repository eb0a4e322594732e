import { compare as compareDec, parseDec } from '../decimal';
import { badRequest, keyNotFound, recordNotFound, resourceNotFound } from '../errors';
import type { ColumnDef, TableDef } from '../metadata/types';
import { isLookup, type Row, type StoredValue } from '../store';
import { rowsByKey } from '../key-index';
import { singleNavigations, tableByName, type OrgContext } from '../context';
import { evaluate, type Literal } from './filter';
import { encodeSkipToken, queryText, readSkipToken, skipToken } from './paging';
import { parseQueryOptions, resolveProperty, type ExpandOption, type QueryOptions } from './query-options';
import { contextUrl, serialiseRow, serviceRoot, type AnnotationFilter } from './serialise';
import type { KeyPredicate } from './path';

/** Reads: collections with $filter/$orderby/$top/$count/$expand and paging, single rows by id or alternate key. */

/** The value of a column as text for filtering and ordering (lookups by id). */
function textOf(row: Row, column: ColumnDef): string | null {
  const value = row.values[column.logicalName] ?? null;
  if (value === null) return null;
  if (isLookup(value)) return value.id;
  return String(value);
}

function compareValues(column: ColumnDef, left: string, right: string): number {
  if (
    column.type === 'Money' ||
    column.type === 'Decimal' ||
    column.type === 'Double' ||
    column.type === 'Integer' ||
    column.type === 'BigInt' ||
    column.type === 'Picklist' ||
    column.type === 'State' ||
    column.type === 'Status'
  ) {
    const a = parseDec(left);
    const b = parseDec(right);
    if (a && b) return compareDec(a, b);
  }
  if (column.type === 'DateTime') {
    const difference = Date.parse(left) - Date.parse(right);
    return difference === 0 ? 0 : difference < 0 ? -1 : 1;
  }
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

function literalText(literal: Literal): string | null {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'boolean':
      return String(literal.value);
    default:
      return literal.value;
  }
}

/** Rows of a table matching the filter, in the requested order (creation order otherwise). */
export function queryRows(
  context: OrgContext,
  table: TableDef,
  options: Pick<QueryOptions, 'filter' | 'orderBy'>,
): Row[] {
  let rows = context.store.all(table.logicalName);
  const filter = options.filter;
  if (filter) {
    rows = rows.filter((row) =>
      evaluate(
        filter,
        (property, literal) => {
          const column = resolveProperty(table, property);
          const value = textOf(row, column);
          const other = literalText(literal);
          if (value === null || other === null) return undefined;
          return compareValues(column, value, other);
        },
        (property) => textOf(row, resolveProperty(table, property)),
      ),
    );
  }
  if (options.orderBy.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const { column, descending } of options.orderBy) {
        const left = textOf(a, column);
        const right = textOf(b, column);
        // Nulls sort first ascending, as SQL Server orders them.
        const order = left === right ? 0 : left === null ? -1 : right === null ? 1 : compareValues(column, left, right);
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  return rows;
}

/** Finds a row by id or by alternate key values. */
export function findRow(context: OrgContext, table: TableDef, key: KeyPredicate): Row | undefined {
  if (key.kind === 'id') return context.store.get(table.logicalName, key.id);
  const names = Object.keys(key.values);
  if (names.length === 1 && names[0] === table.primaryIdAttribute)
    return context.store.get(table.logicalName, String(key.values[table.primaryIdAttribute]));
  const values: Record<string, StoredValue> = {};
  for (const name of names) {
    const column = table.columns.get(name);
    const wanted = key.values[name];
    if (!column || wanted === undefined) return undefined;
    values[name] =
      column.type === 'Lookup' || column.type === 'Customer'
        ? { kind: 'lookup', table: '', id: String(wanted).toLowerCase() }
        : typeof wanted === 'number'
          ? String(wanted)
          : wanted;
  }
  return rowsByKey(context, table, names, values)[0];
}

/** Adds `$expand`ed navigation properties to a serialised row. */
function expandInto(
  context: OrgContext,
  table: TableDef,
  row: Row,
  result: Record<string, unknown>,
  expand: ExpandOption[],
  annotations: AnnotationFilter,
): void {
  for (const option of expand) {
    const single = singleNavigations(table).find((navigation) => navigation.name === option.navigation);
    if (single) {
      const value = row.values[single.column.logicalName];
      // An owner is a user or a team: the row's value says which.
      const targetName =
        single.column.type === 'Owner' && isLookup(value) && (single.column.targets ?? []).includes(value.table)
          ? value.table
          : single.target;
      const target = tableByName(context, targetName);
      const related =
        isLookup(value) && value.table === targetName ? context.store.get(targetName, value.id) : undefined;
      const select = option.select?.map((name) => resolveProperty(target, name).logicalName);
      result[option.navigation] = related ? serialiseRow(context, target, related, select, annotations) : null;
      continue;
    }
    const collection = context.collections.find(
      (navigation) => navigation.from === table.logicalName && navigation.name === option.navigation,
    );
    if (!collection)
      throw badRequest(
        `Could not find a property named '${option.navigation}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
      );
    const target = tableByName(context, collection.to);
    const select = option.select?.map((name) => resolveProperty(target, name).logicalName);
    result[option.navigation] = context.store
      .all(collection.to)
      .filter((child) => {
        const parent = child.values[collection.column];
        return isLookup(parent) && parent.id === row.id;
      })
      .map((child) => serialiseRow(context, target, child, select, annotations));
  }
}

/** What a read needs from the request: the origin for links, the query, the page size and annotations. */
export interface ReadRequest {
  origin: string;
  query: URLSearchParams;
  maxPageSize?: number;
  annotations: AnnotationFilter;
}

/** GET on a collection. */
export function readCollection(context: OrgContext, table: TableDef, request: ReadRequest): Record<string, unknown> {
  const options = parseQueryOptions(table, request.query);
  const rows = queryRows(context, table, options);
  // Dataverse pages at 5000 rows at most (DATAVERSE.md, "Reading"); $top turns paging off.
  const pageSize = Math.min(request.maxPageSize ?? 5000, 5000);
  let start = 0;
  let page = 1;
  if (options.skipToken) {
    const cookie = readSkipToken(options.skipToken);
    if (!cookie) throw badRequest('The $skiptoken is not valid.');
    const index = rows.findIndex((row) => row.id === cookie.lastId);
    start = index < 0 ? rows.length : index + 1;
    page = cookie.page;
  }
  const limit = options.top !== undefined ? Math.min(options.top, 5000) : pageSize;
  const pageRows = rows.slice(start, start + limit);
  const result: Record<string, unknown> = { '@odata.context': contextUrl(request.origin, table, options.selectText) };
  // Dataverse counts at most 5000 rows.
  if (options.count) result['@odata.count'] = Math.min(rows.length, 5000);
  result.value = pageRows.map((row) => {
    const body = serialiseRow(context, table, row, options.select, request.annotations);
    expandInto(context, table, row, body, options.expand, request.annotations);
    return body;
  });
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  if (options.top === undefined && first && last && start + pageRows.length < rows.length) {
    const kept = [...request.query.entries()].filter(([key]) => key !== '$skiptoken');
    const token = encodeSkipToken(skipToken(table.primaryIdAttribute, page, first.id, last.id));
    const prefix = kept.length > 0 ? `${queryText(kept)}&` : '';
    result['@odata.nextLink'] = `${serviceRoot(request.origin)}${table.entitySetName}?${prefix}$skiptoken=${token}`;
  }
  return result;
}

/** GET on one row. */
export function readOne(
  context: OrgContext,
  table: TableDef,
  key: KeyPredicate,
  request: ReadRequest,
): { row: Row; body: Record<string, unknown> } {
  const options = parseQueryOptions(table, request.query);
  const row = findRow(context, table, key);
  if (!row) {
    if (key.kind === 'id') throw recordNotFound(table.logicalName, key.id);
    throw keyNotFound(
      table.logicalName,
      Object.entries(key.values)
        .map(([name, value]) => `${name}:${value}`)
        .join(','),
    );
  }
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(request.origin, table, options.selectText, '/$entity'),
    ...serialiseRow(context, table, row, options.select, request.annotations),
  };
  expandInto(context, table, row, body, options.expand, request.annotations);
  return { row, body };
}

/** GET on a collection-valued navigation of one row (`salesorders(<id>)/order_details`). */
export function readRelated(
  context: OrgContext,
  table: TableDef,
  key: KeyPredicate,
  navigation: string,
  request: ReadRequest,
): Record<string, unknown> {
  const collection = context.collections.find((item) => item.from === table.logicalName && item.name === navigation);
  if (!collection) throw resourceNotFound(navigation);
  const parent = findRow(context, table, key);
  if (!parent) throw recordNotFound(table.logicalName, key.kind === 'id' ? key.id : JSON.stringify(key.values));
  const target = tableByName(context, collection.to);
  const filtered = new URLSearchParams(request.query);
  const own = `_${collection.column}_value eq ${parent.id}`;
  const existing = filtered.get('$filter');
  filtered.set('$filter', existing ? `(${existing}) and ${own}` : own);
  const result = readCollection(context, target, { ...request, query: filtered });
  return result;
}
