import { cascadeDeletesOf } from '../metadata-create';
import { DataverseError, keyNotFound, recordExists, recordNotFound, versionMismatch } from '../errors';
import { JsonNumber, type JsonValue } from '../json';
import type { TableDef } from '../metadata/types';
import type { Row, StoredValue } from '../store';
import { tableByName, type OrgContext } from '../context';
import { findRow } from '../odata/read';
import type { KeyPredicate } from '../odata/path';
import { coerce, readPayload } from './payload';
import { cascadeOwner } from './ownership';
import { afterWrite, prepareCreate, prepareDelete, prepareUpdate, type WriteOptions } from './table-rules';

/**
 * Create, update, upsert and delete of one row, with the conditional headers of
 * perform-conditional-operations-using-web-api and use-upsert-insert-update-record (DATAVERSE.md, "Upsert and
 * concurrency"): `If-Match: *` = update only (404 when missing), `If-None-Match: *` = create only (412 when it
 * exists), `If-Match: W/"n"` = optimistic concurrency (412 on mismatch).
 */

/** Creates a row (with deep-inserted children) from a request body. */
export function createRow(
  context: OrgContext,
  table: TableDef,
  body: JsonValue,
  options: WriteOptions,
  extra: Record<string, StoredValue> = {},
): Row {
  const payload = readPayload(context, table, body, 'create');
  const given = payload.values[table.primaryIdAttribute];
  const id = typeof given === 'string' ? given : context.newId();
  if (context.store.get(table.logicalName, id))
    throw new DataverseError(412, '0x80040237', 'Cannot insert duplicate key.');
  const values = { ...payload.values, ...extra };
  delete values[table.primaryIdAttribute];
  const prepared = prepareCreate(context, table, id, values, options);
  prepared[table.primaryIdAttribute] = id;
  const row = context.store.insert(table.logicalName, id, prepared);
  for (const [name, children] of Object.entries(payload.children)) {
    const navigation = context.collections.find((item) => item.from === table.logicalName && item.name === name);
    if (!navigation) continue;
    const childTable = tableByName(context, navigation.to);
    for (const child of children) {
      createRow(context, childTable, child, options, {
        [navigation.column]: { kind: 'lookup', table: table.logicalName, id },
      });
    }
  }
  afterWrite(context, table, prepared, id);
  return context.store.get(table.logicalName, id) ?? row;
}

/** Updates an existing row from a request body. */
export function updateRow(context: OrgContext, table: TableDef, row: Row, body: JsonValue, options: WriteOptions): Row {
  const payload = readPayload(context, table, body, 'update', row.values);
  delete payload.values[table.primaryIdAttribute];
  const prepared = prepareUpdate(context, table, row, payload.values, options);
  context.store.update(table.logicalName, row.id, prepared);
  cascadeOwner(context, table, row.id, prepared);
  afterWrite(context, table, { ...row.values, ...prepared }, row.id);
  return context.store.get(table.logicalName, row.id) ?? row;
}

/** Conditional headers of a PATCH or DELETE. */
export interface Conditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

function checkVersion(row: Row, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const wanted = /^W\/"(\d+)"$/.exec(ifMatch.trim())?.[1];
  if (wanted === undefined || Number(wanted) !== row.version) throw versionMismatch();
}

function notFound(table: TableDef, key: KeyPredicate): DataverseError {
  if (key.kind === 'id') return recordNotFound(table.logicalName, key.id);
  return keyNotFound(
    table.logicalName,
    Object.entries(key.values)
      .map(([name, value]) => `${name}:${value}`)
      .join(','),
  );
}

/** The key values of the URL as column values, for a row an upsert creates. */
function keyValues(context: OrgContext, table: TableDef, key: KeyPredicate): Record<string, StoredValue> {
  if (key.kind === 'id') return {};
  const values: Record<string, StoredValue> = {};
  for (const [name, value] of Object.entries(key.values)) {
    const column = table.columns.get(name);
    if (!column) continue;
    if (column.type === 'Lookup' || column.type === 'Customer') {
      values[name] = { kind: 'lookup', table: column.targets?.[0] ?? '', id: String(value) };
    } else {
      values[name] = coerce(table, column, typeof value === 'number' ? new JsonNumber(String(value)) : value);
    }
  }
  return values;
}

/** PATCH on `set(id)` or `set(key=…)`: update, or create when the row does not exist (upsert). */
export function upsertRow(
  context: OrgContext,
  table: TableDef,
  key: KeyPredicate,
  body: JsonValue,
  conditions: Conditions,
  options: WriteOptions,
): { row: Row; created: boolean } {
  if (key.kind === 'values') {
    const names = Object.keys(key.values).sort();
    const known = names.length === 1 && names[0] === table.primaryIdAttribute;
    const matching = table.keys.find((item) => [...item.keyAttributes].sort().join(',') === names.join(','));
    if (!known && !matching) {
      throw new DataverseError(
        400,
        '0x80060888',
        `The key attributes ${names.join(',')} do not match an alternate key of ${table.logicalName}.`,
      );
    }
    if (matching && matching.status !== 'Active') {
      throw new DataverseError(
        400,
        '0x80060888',
        `The alternate key ${matching.schemaName} of ${table.logicalName} is not active yet (EntityKeyIndexStatus ${matching.status}).`,
      );
    }
  }
  const existing = findRow(context, table, key);
  if (existing) {
    if (conditions.ifNoneMatch === '*') throw recordExists();
    checkVersion(existing, conditions.ifMatch);
    return { row: updateRow(context, table, existing, body, options), created: false };
  }
  if (conditions.ifMatch !== undefined) throw notFound(table, key);
  const extra = keyValues(context, table, key);
  if (key.kind === 'id') extra[table.primaryIdAttribute] = key.id;
  else if (typeof key.values[table.primaryIdAttribute] === 'string')
    extra[table.primaryIdAttribute] = key.values[table.primaryIdAttribute] as string;
  const id = extra[table.primaryIdAttribute];
  delete extra[table.primaryIdAttribute];
  const withId = id ? { ...(body as Record<string, JsonValue>), [table.primaryIdAttribute]: id as string } : body;
  return { row: createRow(context, table, withId, options, extra), created: true };
}

/** DELETE on one row. */
export function deleteRow(context: OrgContext, table: TableDef, key: KeyPredicate, conditions: Conditions): void {
  const row = findRow(context, table, key);
  if (!row) throw notFound(table, key);
  checkVersion(row, conditions.ifMatch);
  prepareDelete(context, table, row);
  // Order lines go with their order (parental cascade).
  if (table.logicalName === 'salesorder') {
    for (const line of context.store.all('salesorderdetail')) {
      const parent = line.values.salesorderid;
      if (typeof parent === 'object' && parent !== null && parent.id === row.id)
        context.store.remove('salesorderdetail', line.id);
    }
  }
  // Relationships created with a cascading delete (our custom order tables) take their children along too.
  for (const child of cascadeDeletesOf(context, table.logicalName)) {
    for (const other of context.store.all(child.table)) {
      const parent = other.values[child.column];
      if (typeof parent === 'object' && parent !== null && parent.id === row.id)
        context.store.remove(child.table, other.id);
    }
  }
  context.store.remove(table.logicalName, row.id);
  afterWrite(context, table, row.values, row.id);
}
