import { format, parseDec, compare } from '../decimal';
import {
  badRequest,
  bindTargetMissing,
  invalidOption,
  notValidFor,
  outOfRange,
  tooLong,
  unknownPayloadProperty,
  wrongType,
} from '../errors';
import { isJsonObject, JsonNumber, type JsonValue } from '../json';
import type { ColumnDef, TableDef } from '../metadata/types';
import { isLookup as isLookupValue, type StoredValue } from '../store';
import { singleNavigations, type OrgContext } from '../context';
import { isGuid, parseKey, parsePath, API_PREFIX } from '../odata/path';
import { findRow } from '../odata/read';

/**
 * Turns a request body into column values the way Dataverse validates it: unknown property (0x80048d19), wrong type
 * (0x80048d19), over max length (0x80044331), invalid option (0x8004431a), out of range and not valid for
 * create/update (0x80040203). `x@odata.bind` sets lookups; arrays on collection navigation properties are deep
 * inserts.
 */

export interface Payload {
  values: Record<string, StoredValue>;
  /** Deep-insert children per collection navigation property name. */
  children: Record<string, Record<string, JsonValue>[]>;
}

const EDM_TYPE: Partial<Record<ColumnDef['type'], string>> = {
  String: 'Edm.String',
  Memo: 'Edm.String',
  Integer: 'Edm.Int32',
  BigInt: 'Edm.Int64',
  Picklist: 'Edm.Int32',
  State: 'Edm.Int32',
  Status: 'Edm.Int32',
  Decimal: 'Edm.Decimal',
  Money: 'Edm.Decimal',
  Double: 'Edm.Double',
  Boolean: 'Edm.Boolean',
  DateTime: 'Edm.DateTimeOffset',
  Uniqueidentifier: 'Edm.Guid',
};

/** Converts one JSON value to the stored form of a column, or throws Dataverse's error. */
export function coerce(table: TableDef, column: ColumnDef, value: JsonValue): StoredValue {
  const name = column.logicalName;
  const fail = (): never => {
    throw wrongType(name, table.logicalName, column.dateOnly ? 'Edm.Date' : (EDM_TYPE[column.type] ?? 'Edm.String'));
  };
  if (value === null) return null;
  switch (column.type) {
    case 'String':
    case 'Memo': {
      if (typeof value !== 'string') return fail();
      if (column.maxLength !== undefined && value.length > column.maxLength)
        throw tooLong(name, table.logicalName, column.maxLength);
      // Dataverse stores an empty string as null.
      return value === '' ? null : value;
    }
    case 'Integer':
    case 'BigInt':
    case 'Picklist':
    case 'State':
    case 'Status': {
      if (!(value instanceof JsonNumber) || !/^-?\d+$/.test(value.text)) return fail();
      const number = Number(value.text);
      if (column.type === 'Integer' && (number > 2147483647 || number < -2147483648)) fail();
      if (column.options && column.options.length > 0 && !column.options.some((option) => option.value === number)) {
        throw invalidOption(name, table.logicalName, number);
      }
      checkRange(table, column, value.text);
      return number;
    }
    case 'Decimal':
    case 'Money':
    case 'Double': {
      if (!(value instanceof JsonNumber)) return fail();
      const parsed = parseDec(value.text);
      if (!parsed) return fail();
      checkRange(table, column, value.text);
      return format(parsed, column.precision ?? (column.type === 'Money' ? 4 : 10));
    }
    case 'Boolean':
      return typeof value === 'boolean' ? value : fail();
    case 'DateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return fail();
      // DateOnly columns take and keep a calendar date (Edm.Date).
      if (column.dateOnly) return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : fail();
      return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'Uniqueidentifier':
      return typeof value === 'string' && isGuid(value) ? value.toLowerCase() : fail();
    default:
      // Lookups are not structural properties in the Web API: they are set with @odata.bind.
      throw unknownPayloadProperty(name, table.logicalName);
  }
}

function checkRange(table: TableDef, column: ColumnDef, text: string): void {
  const value = parseDec(text);
  if (!value) return;
  const min = column.minValue !== undefined ? parseDec(column.minValue) : undefined;
  const max = column.maxValue !== undefined ? parseDec(column.maxValue) : undefined;
  if ((min && compare(value, min) < 0) || (max && compare(value, max) > 0))
    throw outOfRange(column.logicalName, table.logicalName, text);
}

/** The tables an owner bind may name (`ownerid` is of type `principal`: a user or a team). */
function ownerTargets(column: ColumnDef): string[] | undefined {
  return column.type === 'Owner' ? (column.targets ?? []) : undefined;
}

/** Resolves a bind target (`/contacts(<id>)`, `contacts(<id>)`, an absolute URL, or `contacts(key='v')`); `expected`
 * names the table (or tables) the navigation property points at. */
export function resolveBind(
  context: OrgContext,
  reference: string,
  expected?: string | string[],
): { table: string; id: string } {
  let path = reference;
  const apiAt = path.indexOf(API_PREFIX);
  if (apiAt >= 0) path = path.slice(apiAt);
  else path = `${API_PREFIX}${path.replace(/^\//, '')}`;
  const segments = parsePath(path);
  const segment = segments?.[0];
  if (!segment?.key || segments?.length !== 1)
    throw badRequest(`The @odata.bind value '${reference}' is not a valid entity reference.`, '0x80048d19');
  const table = [...context.tables.values()].find((item) => item.entitySetName === segment.name);
  if (!table) throw badRequest(`The @odata.bind value '${reference}' names an unknown entity set.`, '0x80048d19');
  const allowed = expected === undefined ? undefined : Array.isArray(expected) ? expected : [expected];
  if (allowed !== undefined && !allowed.includes(table.logicalName)) {
    throw badRequest(
      `The entity set '${segment.name}' does not match the navigation property's type '${allowed.join("' or '")}'.`,
      '0x80048d19',
    );
  }
  const row = findRow(context, table, segment.key.kind === 'id' ? segment.key : parseKey(segment.keyText ?? ''));
  if (!row)
    throw bindTargetMissing(table.logicalName, segment.key.kind === 'id' ? segment.key.id : (segment.keyText ?? ''));
  return { table: table.logicalName, id: row.id };
}

/** Validates a body for create or update. */
export function readPayload(
  context: OrgContext,
  table: TableDef,
  body: JsonValue,
  operation: 'create' | 'update',
  current?: Record<string, StoredValue>,
): Payload {
  // An upsert sends one body for both outcomes: on update, a create-only column that keeps its stored value is a
  // no-op rather than an error (a different value is refused).
  const unchanged = (name: string, value: StoredValue): boolean => {
    const stored = current?.[name] ?? null;
    if (isLookupValue(stored) && isLookupValue(value)) return stored.id === value.id;
    return current !== undefined && stored === value;
  };
  if (!isJsonObject(body)) throw badRequest('The request body must be a JSON object.', '0x80048d19');
  const payload: Payload = { values: {}, children: {} };
  const navigations = singleNavigations(table);
  for (const [key, value] of Object.entries(body)) {
    if (key === '@odata.type' || key === '@odata.etag' || key === '@odata.context') continue;
    const bind = /^(.+)@odata\.bind$/.exec(key);
    if (bind?.[1]) {
      const navigation = navigations.find((item) => item.name === bind[1]);
      if (!navigation) throw unknownPayloadProperty(bind[1], table.logicalName);
      const allowed = operation === 'create' ? navigation.column.isValidForCreate : navigation.column.isValidForUpdate;
      if (value !== null && typeof value !== 'string') throw wrongType(key, table.logicalName, 'Edm.String');
      const lookup: StoredValue =
        value === null
          ? null
          : { kind: 'lookup', ...resolveBind(context, value, ownerTargets(navigation.column) ?? navigation.target) };
      if (!allowed && !unchanged(navigation.column.logicalName, lookup)) {
        throw notValidFor(operation, navigation.column.logicalName, table.logicalName);
      }
      if (allowed) payload.values[navigation.column.logicalName] = lookup;
      continue;
    }
    if (key.includes('@')) continue;
    // Clients often send the row's own id back in an update body; it identifies, it does not change.
    if (operation === 'update' && key === table.primaryIdAttribute) continue;
    const collection = context.collections.find((item) => item.from === table.logicalName && item.name === key);
    if (collection) {
      if (operation !== 'create' || !Array.isArray(value) || !value.every(isJsonObject)) {
        throw badRequest(`Deep insert through '${key}' needs an array of objects on create.`, '0x80048d19');
      }
      payload.children[key] = value;
      continue;
    }
    const column = table.columns.get(key);
    if (!column) throw unknownPayloadProperty(key, table.logicalName);
    const allowed = operation === 'create' ? column.isValidForCreate : column.isValidForUpdate;
    if (
      !allowed &&
      !(operation === 'update' && column.type !== 'Lookup' && unchanged(key, coerce(table, column, value)))
    ) {
      throw notValidFor(operation, key, table.logicalName);
    }
    if (allowed) payload.values[key] = coerce(table, column, value);
  }
  return payload;
}
