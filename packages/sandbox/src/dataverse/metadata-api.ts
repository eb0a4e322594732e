import { randomUUID } from 'node:crypto';
import { badRequest, DataverseError, resourceNotFound } from './errors';

import type { AttributeType, ColumnDef, KeyDef, TableDef } from './metadata/types';
import { isLookup } from './store';
import type { OrgContext } from './context';
import { serviceRoot } from './odata/serialise';
import { evaluate, parseFilter } from './odata/filter';
import type { PathSegment } from './odata/path';

/**
 * Enough of the metadata Web API for provisioning: read EntityDefinitions with their Attributes and Keys, and the
 * key index build that turns Pending keys Active. Creating columns, keys and tables is in metadata-create.ts.
 */

const TYPE_NAMES: Record<AttributeType, string> = {
  Uniqueidentifier: 'UniqueIdentifier',
  String: 'String',
  Memo: 'Memo',
  Integer: 'Integer',
  BigInt: 'BigInt',
  Decimal: 'Decimal',
  Double: 'Double',
  Money: 'Money',
  Boolean: 'Boolean',
  DateTime: 'DateTime',
  Picklist: 'Picklist',
  State: 'State',
  Status: 'Status',
  Lookup: 'Lookup',
  Customer: 'Lookup',
  Owner: 'Lookup',
};

const columnIds = new WeakMap<ColumnDef, string>();

/** A stable MetadataId per column object. */
export function columnId(column: ColumnDef): string {
  let id = columnIds.get(column);
  if (!id) {
    id = randomUUID();
    columnIds.set(column, id);
  }
  return id;
}

/** Turns Pending keys whose index is built into Active (or Failed when existing rows clash). */
export function refreshKeys(context: OrgContext): void {
  const now = context.now().getTime();
  for (const table of context.tables.values()) {
    for (const key of table.keys) {
      if (key.status !== 'Pending' || key.activeAt === undefined || key.activeAt > now) continue;
      const seen = new Set<string>();
      let clash = false;
      for (const row of context.store.all(table.logicalName)) {
        const values = key.keyAttributes.map((name) => row.values[name] ?? null);
        if (values.some((value) => value === null)) continue;
        const text = values.map((value) => (isLookup(value) ? value.id : String(value).toLowerCase())).join('\u0000');
        if (seen.has(text)) clash = true;
        seen.add(text);
      }
      key.status = clash ? 'Failed' : 'Active';
    }
  }
}

export function attributeMetadata(table: TableDef, column: ColumnDef): Record<string, unknown> {
  const typeName = TYPE_NAMES[column.type];
  const result: Record<string, unknown> = {
    '@odata.type': `#Microsoft.Dynamics.CRM.${column.type === 'Customer' || column.type === 'Owner' ? 'Lookup' : column.type === 'Uniqueidentifier' ? 'UniqueIdentifier' : column.type}AttributeMetadata`,
    MetadataId: columnId(column),
    LogicalName: column.logicalName,
    SchemaName: column.schemaName,
    EntityLogicalName: table.logicalName,
    AttributeType: column.type,
    AttributeTypeName: { Value: `${typeName}Type` },
    RequiredLevel: {
      Value: column.requiredLevel,
      CanBeChanged: true,
      ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings',
    },
    IsValidForCreate: column.isValidForCreate,
    IsValidForUpdate: column.isValidForUpdate,
    IsValidForRead: true,
    IsCustomAttribute: column.isCustom,
    IsPrimaryId: column.logicalName === table.primaryIdAttribute,
    IsPrimaryName: column.logicalName === table.primaryNameAttribute,
  };
  if (column.maxLength !== undefined) result.MaxLength = column.maxLength;
  if (column.precision !== undefined) result.Precision = column.precision;
  if (column.minValue !== undefined) result.MinValue = Number(column.minValue);
  if (column.maxValue !== undefined) result.MaxValue = Number(column.maxValue);
  if (column.targets) result.Targets = column.targets;
  if (column.options) {
    result.OptionSet = {
      Options: column.options.map((option) => ({
        Value: option.value,
        ...(option.state !== undefined ? { State: option.state } : {}),
        Label: { UserLocalizedLabel: { Label: option.label, LanguageCode: 1033 } },
      })),
    };
  }
  return result;
}

export function keyMetadata(table: TableDef, key: KeyDef): Record<string, unknown> {
  return {
    MetadataId: key.metadataId,
    LogicalName: key.logicalName,
    SchemaName: key.schemaName,
    EntityLogicalName: table.logicalName,
    KeyAttributes: key.keyAttributes,
    EntityKeyIndexStatus: key.status,
    IsManaged: false,
  };
}

export function entityMetadata(table: TableDef): Record<string, unknown> {
  return {
    MetadataId: table.metadataId,
    LogicalName: table.logicalName,
    SchemaName: table.schemaName,
    EntitySetName: table.entitySetName,
    LogicalCollectionName: table.entitySetName,
    PrimaryIdAttribute: table.primaryIdAttribute,
    PrimaryNameAttribute: table.primaryNameAttribute ?? null,
    IsCustomEntity: table.isCustom,
    IsActivity: table.isActivity,
    ChangeTrackingEnabled: table.changeTrackingEnabled,
  };
}

/** `$filter` and `$select` over metadata objects (provisioning reads `Attributes?$select=LogicalName&$filter=
 * LogicalName eq 'sv_shopifyid'`). Properties compare as text, case-insensitively like Dataverse. */
function queryMetadata(items: Record<string, unknown>[], query: URLSearchParams): Record<string, unknown>[] {
  const filterText = query.get('$filter');
  const filter = filterText ? parseFilter(filterText) : undefined;
  const text = (item: Record<string, unknown>, property: string): string | null => {
    const value = item[property];
    if (typeof value === 'string') return value;
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  };
  const matching = filter
    ? items.filter((item) =>
        evaluate(
          filter,
          (property, literal) => {
            const value = text(item, property);
            if (value === null || literal.kind === 'null') return undefined;
            const other = (literal.kind === 'boolean' ? String(literal.value) : literal.value).toLowerCase();
            const mine = value.toLowerCase();
            return mine === other ? 0 : mine < other ? -1 : 1;
          },
          (property) => text(item, property),
        ),
      )
    : items;
  return matching.map((item) => pick(item, query.get('$select')));
}

function pick(value: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return value;
  const names = new Set(['MetadataId', ...select.split(',').map((name) => name.trim())]);
  return Object.fromEntries(Object.entries(value).filter(([name]) => names.has(name) || name.startsWith('@')));
}

/** The table an `EntityDefinitions(...)` segment names (by LogicalName or MetadataId). */
export function findTable(context: OrgContext, segment: PathSegment): TableDef {
  const key = segment.key;
  if (!key) throw badRequest('An entity key is required.');
  for (const table of context.tables.values()) {
    if (key.kind === 'id' ? table.metadataId === key.id : table.logicalName === key.values.LogicalName) return table;
  }
  throw new DataverseError(404, '0x80040217', `Could not find entity with key ${segment.keyText ?? ''}.`);
}

/** GET under EntityDefinitions. */
export function readMetadata(
  context: OrgContext,
  segments: PathSegment[],
  query: URLSearchParams,
  origin: string,
): Record<string, unknown> {
  const root = `${serviceRoot(origin)}$metadata#EntityDefinitions`;
  const [first, second, third] = segments;
  if (!first?.key) {
    return {
      '@odata.context': root,
      value: queryMetadata([...context.tables.values()].map(entityMetadata), query),
    };
  }
  const table = findTable(context, first);
  if (!second) {
    const result: Record<string, unknown> = {
      '@odata.context': `${root}/$entity`,
      ...pick(entityMetadata(table), query.get('$select')),
    };
    const expand = query.get('$expand') ?? '';
    if (/\bAttributes\b/.test(expand))
      result.Attributes = [...table.columns.values()].map((column) => attributeMetadata(table, column));
    if (/\bKeys\b/.test(expand)) result.Keys = table.keys.map((key) => keyMetadata(table, key));
    return result;
  }
  if (second.name === 'Attributes') {
    const cast = third?.name.replace(/^Microsoft\.Dynamics\.CRM\./, '');
    if (second.key) {
      const column = [...table.columns.values()].find((item) =>
        second.key?.kind === 'id'
          ? columnId(item) === second.key.id
          : item.logicalName === second.key?.values.LogicalName,
      );
      if (!column)
        throw new DataverseError(
          404,
          '0x80040217',
          `Could not find attribute ${second.keyText ?? ''} on ${table.logicalName}.`,
        );
      return {
        '@odata.context': `${root}('${table.logicalName}')/Attributes/$entity`,
        ...pick(attributeMetadata(table, column), query.get('$select')),
      };
    }
    const columns = [...table.columns.values()]
      .map((column) => attributeMetadata(table, column))
      .filter((metadata) => !cast || metadata['@odata.type'] === `#Microsoft.Dynamics.CRM.${cast}`);
    return { '@odata.context': `${root}('${table.logicalName}')/Attributes`, value: queryMetadata(columns, query) };
  }
  if (second.name === 'Keys') {
    if (second.key) {
      const key = table.keys.find((item) =>
        second.key?.kind === 'id'
          ? item.metadataId === second.key.id
          : item.logicalName === second.key?.values.LogicalName,
      );
      if (!key)
        throw new DataverseError(
          404,
          '0x80040217',
          `Could not find key ${second.keyText ?? ''} on ${table.logicalName}.`,
        );
      return { '@odata.context': `${root}('${table.logicalName}')/Keys/$entity`, ...keyMetadata(table, key) };
    }
    return {
      '@odata.context': `${root}('${table.logicalName}')/Keys`,
      value: queryMetadata(
        table.keys.map((key) => keyMetadata(table, key)),
        query,
      ),
    };
  }
  throw resourceNotFound(second.name);
}
