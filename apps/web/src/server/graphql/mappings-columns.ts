import { DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import {
  FIELD_MAP_ENTITIES,
  FIELD_SOURCES,
  fieldMapProblems,
  type FieldSourceType,
  type StoreSettings,
} from '@shopverse/sync-core';
import type { SettingsProblem } from './settings';

/** A column as the org's metadata describes it (`EntityDefinitions(...)/Attributes(...)`). */
interface ColumnMetadata {
  AttributeType: string;
  MaxLength?: number;
  IsValidForUpdate?: boolean;
}

/** The AttributeTypes a value of each source type can be written to. */
const COLUMN_TYPES: Record<FieldSourceType, readonly string[]> = {
  string: ['String', 'Memo'],
  number: ['Integer', 'BigInt', 'Decimal', 'Double'],
  boolean: ['Boolean'],
  datetime: ['DateTime'],
};

const TYPE_WORDS: Record<FieldSourceType, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'yes or no',
  datetime: 'a date and time',
};

/** A column's metadata, or null when the table has no such column. */
async function readColumn(crm: DataverseClient, table: string, column: string): Promise<ColumnMetadata | null> {
  try {
    const response = await crm.request({
      method: 'GET',
      // No $select: MaxLength belongs to the string and memo metadata types, which a plain select cannot name.
      path: `EntityDefinitions(LogicalName='${table}')/Attributes(LogicalName='${column}')`,
      idempotent: true,
    });
    return response.body as ColumnMetadata;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * The field map checked against the org's metadata: each mapped column must exist on its table, take the source's
 * kind of value, be writable, and (text) hold the longest value the source writes. Also what the schema alone cannot
 * know: the org's own publisher prefix, and that the salesorder entries need orders written to salesorder.
 */
export async function checkFieldMapAgainstOrg(
  settings: StoreSettings,
  crm: DataverseClient,
  prefix: string,
): Promise<SettingsProblem[]> {
  // The schema checked the default `sv` prefix; an org provisioned under another one is checked here.
  const problems: SettingsProblem[] = prefix === 'sv' ? [] : fieldMapProblems(settings.fieldMap, prefix);
  if (settings.orders.target === 'custom' && settings.fieldMap.salesorder.length > 0) {
    problems.push({
      path: 'fieldMap.salesorder',
      message:
        'the salesorder field map is written to the salesorder table only, and this store writes orders to its ' +
        'custom tables (orders.target: custom); remove these rows or write orders to salesorder',
    });
  }
  for (const entity of FIELD_MAP_ENTITIES) {
    for (const [index, entry] of settings.fieldMap[entity].entries()) {
      const path = `fieldMap.${entity}.${index}.column`;
      const source = FIELD_SOURCES[entity][entry.source];
      if (!source || problems.some((problem) => problem.path === path)) continue;
      const column = await readColumn(crm, entity, entry.column);
      if (!column) {
        problems.push({ path, message: `${entity} has no column ${entry.column}` });
        continue;
      }
      const kinds = COLUMN_TYPES[source.type];
      if (!kinds.includes(column.AttributeType)) {
        problems.push({
          path,
          message:
            `wrong type: ${entry.source} is ${TYPE_WORDS[source.type]}, ${entity}.${entry.column} is a ` +
            `${column.AttributeType} column; map it onto a ${kinds.join(' or ')} column`,
        });
      } else if (column.IsValidForUpdate === false) {
        problems.push({ path, message: `Dynamics does not let ${entity}.${entry.column} be written` });
      } else if (
        source.maxLength !== undefined &&
        column.MaxLength !== undefined &&
        column.MaxLength < source.maxLength
      ) {
        problems.push({
          path,
          message: `too long: ${entry.source} can be ${source.maxLength} characters, ${entry.column} holds ${column.MaxLength}`,
        });
      }
    }
  }
  return problems;
}
