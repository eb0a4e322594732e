import { badRequest } from '../errors';
import { isJsonObject, JsonNumber, type JsonValue } from '../json';
import type { TableDef } from '../metadata/types';
import type { OrgContext } from '../context';
import type { KeyPredicate } from '../odata/path';
import { findRow } from '../odata/read';
import type { WriteOptions } from './table-rules';
import { createRow, updateRow, upsertRow } from './write-ops';
import { recordNotFound } from '../errors';

/**
 * CreateMultiple, UpdateMultiple and UpsertMultiple (DATAVERSE.md, "Bulk operation messages"): many rows of one
 * table in one request, `{"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.<table>", …}]}`, all or nothing.
 * UpsertMultiple matches each target by its primary id or by the values of an alternate key it carries.
 */

/** The bulk messages bound to an entity set. */
export type BulkMessage = 'CreateMultiple' | 'UpdateMultiple' | 'UpsertMultiple';

function targetsOf(table: TableDef, body: JsonValue): Record<string, JsonValue>[] {
  if (!isJsonObject(body) || !Array.isArray(body.Targets))
    throw badRequest("The parameter 'Targets' is missing.", '0x80040203');
  return body.Targets.map((target) => {
    if (!isJsonObject(target)) throw badRequest('Each target must be an entity object.', '0x80040203');
    if (target['@odata.type'] !== `Microsoft.Dynamics.CRM.${table.logicalName}`) {
      throw badRequest(
        `Each target must have "@odata.type":"Microsoft.Dynamics.CRM.${table.logicalName}".`,
        '0x80040203',
      );
    }
    return target;
  });
}

/** How a target names its row: its primary id, else the first Active alternate key whose values it carries. */
function keyOf(table: TableDef, target: Record<string, JsonValue>): KeyPredicate | undefined {
  const id = target[table.primaryIdAttribute];
  if (typeof id === 'string') return { kind: 'id', id: id.toLowerCase() };
  for (const key of table.keys) {
    if (
      key.status !== 'Active' ||
      !key.keyAttributes.every((name) => target[name] !== undefined && target[name] !== null)
    )
      continue;
    const values: Record<string, string | number> = {};
    for (const name of key.keyAttributes) {
      const value = target[name];
      values[name] =
        typeof value === 'string'
          ? value
          : value instanceof JsonNumber
            ? Number(value.text)
            : typeof value === 'boolean'
              ? String(value)
              : '';
    }
    return { kind: 'values', values };
  }
  return undefined;
}

/** Runs a bulk message; returns the ids of the rows written, in target order. */
export function runBulk(
  context: OrgContext,
  table: TableDef,
  message: BulkMessage,
  body: JsonValue,
  options: WriteOptions,
): string[] {
  const targets = targetsOf(table, body);
  const unit = context.store.begin();
  try {
    const ids = targets.map((target) => {
      if (message === 'CreateMultiple') return createRow(context, table, target, options).id;
      const key = keyOf(table, target);
      if (message === 'UpdateMultiple') {
        const row = key ? findRow(context, table, key) : undefined;
        if (!row) throw recordNotFound(table.logicalName, key?.kind === 'id' ? key.id : '');
        return updateRow(context, table, row, target, options).id;
      }
      if (!key) return createRow(context, table, target, options).id;
      // The key values are columns of the target already: only the other columns are written as changes.
      return upsertRow(context, table, key, target, {}, options).row.id;
    });
    unit.end();
    return ids;
  } catch (error) {
    unit.rollback();
    throw error;
  }
}
