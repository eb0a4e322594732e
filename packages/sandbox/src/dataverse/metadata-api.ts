import { randomUUID } from 'node:crypto';
import { badRequest, DataverseError, resourceNotFound } from './errors';
import { isJsonObject, JsonNumber, type JsonValue } from './json';

/** A JSON value as text, for names in bodies (strings as they are, anything else empty). */
function textOf(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
import type { AttributeType, ColumnDef, KeyDef, TableDef } from './metadata/types';
import { isLookup } from './store';
import type { OrgContext } from './context';
import { serviceRoot } from './odata/serialise';
import type { PathSegment } from './odata/path';

/**
 * Enough of the metadata Web API for provisioning (DATAVERSE.md, "$batch" and "Upsert and concurrency" notes on
 * schema names and keys): read EntityDefinitions with their Attributes and Keys; create string and other simple
 * columns, lookup columns (through RelationshipDefinitions, as Dataverse requires), alternate keys (EntityKeyIndexStatus
 * Pending, then Active once the index is built: `keyActivationMs` later on the org clock) and custom tables.
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

const METADATA_TYPE_TO_ATTRIBUTE: Record<string, AttributeType> = Object.fromEntries(
  (
    [
      'String',
      'Memo',
      'Integer',
      'BigInt',
      'Decimal',
      'Double',
      'Money',
      'Boolean',
      'DateTime',
      'Picklist',
    ] as AttributeType[]
  ).map((type) => [`Microsoft.Dynamics.CRM.${type}AttributeMetadata`, type]),
);

const columnIds = new WeakMap<ColumnDef, string>();

function columnId(column: ColumnDef): string {
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

function pick(value: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return value;
  const names = new Set(['MetadataId', ...select.split(',').map((name) => name.trim())]);
  return Object.fromEntries(Object.entries(value).filter(([name]) => names.has(name) || name.startsWith('@')));
}

function findTable(context: OrgContext, segment: PathSegment): TableDef {
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
      value: [...context.tables.values()].map((table) => pick(entityMetadata(table), query.get('$select'))),
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
        ...attributeMetadata(table, column),
      };
    }
    const columns = [...table.columns.values()]
      .map((column) => attributeMetadata(table, column))
      .filter((metadata) => !cast || metadata['@odata.type'] === `#Microsoft.Dynamics.CRM.${cast}`);
    return { '@odata.context': `${root}('${table.logicalName}')/Attributes`, value: columns };
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
      value: table.keys.map((key) => keyMetadata(table, key)),
    };
  }
  throw resourceNotFound(second.name);
}

/** Schema names of new components start with a publisher's customization prefix and `_` (DATAVERSE.md). */
function checkSchemaName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9]{1,7}_[A-Za-z0-9_]+$/.test(name)) {
    throw badRequest(
      `The schema name '${String(name)}' must start with a publisher customization prefix and an underscore.`,
      '0x80040203',
    );
  }
  return name;
}

function numberOf(value: JsonValue | undefined): number | undefined {
  return value instanceof JsonNumber ? Number(value.text) : undefined;
}

function requiredOf(value: JsonValue | undefined): ColumnDef['requiredLevel'] {
  const level = isJsonObject(value) ? value.Value : undefined;
  return level === 'ApplicationRequired' || level === 'SystemRequired' || level === 'Recommended' ? level : 'None';
}

/** A column from an AttributeMetadata body. */
function columnFrom(body: Record<string, JsonValue>): ColumnDef {
  const schemaName = checkSchemaName(body.SchemaName);
  const type = METADATA_TYPE_TO_ATTRIBUTE[textOf(body['@odata.type']).replace(/^#/, '')];
  if (!type)
    throw badRequest(
      `Attribute type ${textOf(body['@odata.type'])} cannot be created here; lookups are created through RelationshipDefinitions.`,
      '0x80040203',
    );
  const column: ColumnDef = {
    logicalName: schemaName.toLowerCase(),
    schemaName,
    type,
    requiredLevel: requiredOf(body.RequiredLevel),
    isValidForCreate: true,
    isValidForUpdate: true,
    isCustom: true,
    source: 'metadata API',
  };
  if (type === 'String' || type === 'Memo')
    column.maxLength = numberOf(body.MaxLength) ?? (type === 'String' ? 100 : 2000);
  if (type === 'Decimal' || type === 'Money' || type === 'Double') column.precision = numberOf(body.Precision) ?? 2;
  if (type === 'Picklist') {
    const optionSet = isJsonObject(body.OptionSet) ? body.OptionSet : {};
    const options = Array.isArray(optionSet.Options) ? optionSet.Options : [];
    column.options = options.filter(isJsonObject).map((option) => ({ value: numberOf(option.Value) ?? 0, label: '' }));
  }
  return column;
}

function addColumn(table: TableDef, column: ColumnDef): void {
  if (table.columns.has(column.logicalName)) {
    throw new DataverseError(
      400,
      '0x80040237',
      `An attribute with the name ${column.logicalName} already exists on ${table.logicalName}.`,
    );
  }
  table.columns.set(column.logicalName, column);
}

function plural(name: string): string {
  return /(s|x|ch|sh)$/.test(name) ? `${name}es` : `${name}s`;
}

/** POST under EntityDefinitions or RelationshipDefinitions; returns the new component's OData-EntityId. */
export function writeMetadata(context: OrgContext, segments: PathSegment[], body: JsonValue, origin: string): string {
  if (!isJsonObject(body)) throw badRequest('The request body must be a JSON object.', '0x80048d19');
  const root = serviceRoot(origin);
  const [first, second] = segments;
  if (first?.name === 'RelationshipDefinitions') return createRelationship(context, body, root);
  if (!first?.key) return createTable(context, body, root);
  const table = findTable(context, first);
  if (second?.name === 'Attributes' && !second.key) {
    const column = columnFrom(body);
    addColumn(table, column);
    return `${root}EntityDefinitions(${table.metadataId})/Attributes(${columnId(column)})`;
  }
  if (second?.name === 'Keys' && !second.key) {
    const schemaName = checkSchemaName(body.SchemaName);
    const attributes = Array.isArray(body.KeyAttributes) ? body.KeyAttributes.map(String) : [];
    // Limits of alternate keys (DATAVERSE.md): 10 per table, 16 columns, types decimal, whole number, text,
    // datetime, lookup and choice.
    if (table.keys.length >= 10) throw badRequest(`${table.logicalName} already has 10 alternate keys.`, '0x80040203');
    if (attributes.length === 0 || attributes.length > 16)
      throw badRequest('An alternate key needs 1 to 16 attributes.', '0x80040203');
    for (const name of attributes) {
      const column = table.columns.get(name);
      if (
        !column ||
        !['Decimal', 'Integer', 'String', 'DateTime', 'Lookup', 'Customer', 'Picklist'].includes(column.type)
      ) {
        throw badRequest(
          `The attribute '${name}' cannot be part of an alternate key of ${table.logicalName}.`,
          '0x80040203',
        );
      }
    }
    if (table.keys.some((key) => key.logicalName === schemaName.toLowerCase())) {
      throw new DataverseError(
        400,
        '0x80040237',
        `A key with the name ${schemaName} already exists on ${table.logicalName}.`,
      );
    }
    const key: KeyDef = {
      logicalName: schemaName.toLowerCase(),
      schemaName,
      keyAttributes: attributes,
      status: 'Pending',
      metadataId: randomUUID(),
      activeAt: context.now().getTime() + context.keyActivationMs,
    };
    table.keys.push(key);
    return `${root}EntityDefinitions(${table.metadataId})/Keys(${key.metadataId})`;
  }
  throw resourceNotFound(second?.name ?? first.name);
}

function createTable(context: OrgContext, body: Record<string, JsonValue>, root: string): string {
  const schemaName = checkSchemaName(body.SchemaName);
  const logicalName = schemaName.toLowerCase();
  if (context.tables.has(logicalName))
    throw new DataverseError(400, '0x80040237', `An entity with the name ${logicalName} already exists.`);
  const attributes = (Array.isArray(body.Attributes) ? body.Attributes : []).filter(isJsonObject);
  const primary = attributes.find((attribute) => attribute.IsPrimaryName === true);
  if (!primary) throw badRequest('A new table needs a primary name attribute (IsPrimaryName: true).', '0x80040203');
  const primaryIdAttribute = `${logicalName}id`;
  const common = { isValidForCreate: true, isValidForUpdate: true, isCustom: true, source: 'metadata API' };
  const columns = new Map<string, ColumnDef>();
  const id: ColumnDef = {
    ...common,
    logicalName: primaryIdAttribute,
    schemaName: `${schemaName}Id`,
    type: 'Uniqueidentifier',
    requiredLevel: 'SystemRequired',
    isValidForUpdate: false,
  };
  columns.set(id.logicalName, id);
  for (const attribute of attributes) {
    const column = columnFrom(attribute);
    columns.set(column.logicalName, column);
  }
  // Every custom table gets the state pair of a standard table (Active 0 -> 1, Inactive 1 -> 2) and system columns.
  columns.set('statecode', {
    ...common,
    logicalName: 'statecode',
    schemaName: 'statecode',
    type: 'State',
    requiredLevel: 'SystemRequired',
    options: [
      { value: 0, label: 'Active' },
      { value: 1, label: 'Inactive' },
    ],
  });
  columns.set('statuscode', {
    ...common,
    logicalName: 'statuscode',
    schemaName: 'statuscode',
    type: 'Status',
    requiredLevel: 'None',
    options: [
      { value: 1, label: 'Active', state: 0 },
      { value: 2, label: 'Inactive', state: 1 },
    ],
  });
  for (const name of ['createdon', 'modifiedon'])
    columns.set(name, {
      ...common,
      logicalName: name,
      schemaName: name,
      type: 'DateTime',
      requiredLevel: 'None',
      isValidForCreate: false,
      isValidForUpdate: false,
    });
  columns.set('versionnumber', {
    ...common,
    logicalName: 'versionnumber',
    schemaName: 'VersionNumber',
    type: 'BigInt',
    requiredLevel: 'None',
    isValidForCreate: false,
    isValidForUpdate: false,
  });
  const table: TableDef = {
    logicalName,
    schemaName,
    entitySetName: plural(logicalName),
    primaryIdAttribute,
    primaryNameAttribute: textOf(primary.SchemaName).toLowerCase(),
    columns,
    keys: [],
    isCustom: true,
    isActivity: false,
    changeTrackingEnabled: body.ChangeTrackingEnabled === true,
    defaultStatusByState: { '0': 1, '1': 2 },
    metadataId: randomUUID(),
  };
  context.tables.set(logicalName, table);
  return `${root}EntityDefinitions(${table.metadataId})`;
}

function createRelationship(context: OrgContext, body: Record<string, JsonValue>, root: string): string {
  const referenced = context.tables.get(textOf(body.ReferencedEntity));
  const referencing = context.tables.get(textOf(body.ReferencingEntity));
  if (!referenced || !referencing)
    throw badRequest('ReferencedEntity and ReferencingEntity must name existing tables.', '0x80040203');
  const schemaName = checkSchemaName(body.SchemaName);
  const lookup = isJsonObject(body.Lookup) ? body.Lookup : {};
  const lookupSchema = checkSchemaName(lookup.SchemaName);
  const navigation =
    typeof body.ReferencingEntityNavigationPropertyName === 'string'
      ? body.ReferencingEntityNavigationPropertyName
      : lookupSchema;
  const column: ColumnDef = {
    logicalName: lookupSchema.toLowerCase(),
    schemaName: lookupSchema,
    type: 'Lookup',
    requiredLevel: requiredOf(lookup.RequiredLevel),
    targets: [referenced.logicalName],
    navigationName: navigation,
    isValidForCreate: true,
    isValidForUpdate: true,
    isCustom: true,
    source: 'metadata API',
  };
  addColumn(referencing, column);
  context.collections.push({
    from: referenced.logicalName,
    name:
      typeof body.ReferencedEntityNavigationPropertyName === 'string'
        ? body.ReferencedEntityNavigationPropertyName
        : schemaName,
    to: referencing.logicalName,
    column: column.logicalName,
  });
  return `${root}RelationshipDefinitions(${randomUUID()})`;
}
