import { badRequest, unknownQueryProperty } from '../errors';
import type { ColumnDef, TableDef } from '../metadata/types';
import { filterProperties, parseFilter, type FilterNode } from './filter';

/** The system query options Dataverse supports on a collection (`$skip` is not among them). */
export interface QueryOptions {
  /** Logical names of the selected columns; undefined = all. */
  select?: string[];
  /** The names as the client wrote them, for `@odata.context`. */
  selectText?: string[];
  filter?: FilterNode;
  orderBy: { column: ColumnDef; descending: boolean }[];
  top?: number;
  count: boolean;
  expand: ExpandOption[];
  skipToken?: string;
  deltaToken?: string;
}

/** `$expand=nav($select=a,b)`. */
export interface ExpandOption {
  navigation: string;
  select?: string[];
}

/** Resolves a property name as a query writes it (`name`, `_parentcustomerid_value`) to its column. */
export function resolveProperty(table: TableDef, property: string): ColumnDef {
  const lookup = /^_(.+)_value$/.exec(property);
  const column = table.columns.get(lookup?.[1] ?? property);
  const isLookup = column?.type === 'Lookup' || column?.type === 'Customer' || column?.type === 'Owner';
  if (!column || (lookup !== null) !== isLookup) throw unknownQueryProperty(property, table.logicalName);
  return column;
}

/** Splits on commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

export function parseExpand(text: string): ExpandOption[] {
  return splitTop(text).map((part) => {
    const open = part.indexOf('(');
    if (open < 0) return { navigation: part };
    const inner = part.slice(open + 1, -1);
    const option: ExpandOption = { navigation: part.slice(0, open) };
    for (const clause of inner.split(';')) {
      const [name, value = ''] = clause.split('=');
      if (name?.trim() === '$select') option.select = value.split(',').map((item) => item.trim());
    }
    return option;
  });
}

/** Reads and checks the query options of a request against the table. */
export function parseQueryOptions(table: TableDef, query: URLSearchParams): QueryOptions {
  const options: QueryOptions = { orderBy: [], count: false, expand: [] };
  for (const key of query.keys()) {
    if (
      key.startsWith('$') &&
      !['$select', '$filter', '$orderby', '$top', '$count', '$expand', '$skiptoken', '$deltatoken', '$apply'].includes(
        key,
      )
    ) {
      throw badRequest(`The query parameter ${key} is not supported`, '0x80060888');
    }
  }
  const select = query.get('$select');
  if (select) {
    options.selectText = select.split(',').map((name) => name.trim());
    options.select = options.selectText.map((name) => resolveProperty(table, name).logicalName);
  }
  const filter = query.get('$filter');
  if (filter) {
    options.filter = parseFilter(filter);
    for (const property of filterProperties(options.filter)) resolveProperty(table, property);
  }
  const orderBy = query.get('$orderby');
  if (orderBy) {
    options.orderBy = orderBy.split(',').map((clause) => {
      const [name = '', direction = 'asc'] = clause.trim().split(/\s+/);
      return { column: resolveProperty(table, name), descending: direction.toLowerCase() === 'desc' };
    });
  }
  const top = query.get('$top');
  if (top !== null) {
    if (!/^\d+$/.test(top)) throw badRequest(`Invalid value '${top}' for $top query option found.`);
    options.top = Number(top);
  }
  options.count = query.get('$count') === 'true';
  const expand = query.get('$expand');
  if (expand) options.expand = parseExpand(expand);
  const skipToken = query.get('$skiptoken');
  if (skipToken) options.skipToken = skipToken;
  const deltaToken = query.get('$deltatoken');
  if (deltaToken) options.deltaToken = deltaToken;
  return options;
}
