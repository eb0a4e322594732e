import { randomUUID } from 'node:crypto';
import { badRequest, DataverseError, resourceNotFound } from './errors';
import { isJsonObject, JsonNumber, type JsonValue } from './json';
import type { AttributeType, ColumnDef, KeyDef, TableDef } from './metadata/types';
import type { OrgContext } from './context';
import { serviceRoot } from './odata/serialise';
import type { PathSegment } from './odata/path';
import { columnId, findTable } from './metadata-api';

/**
 * Creating metadata through the Web API, as provisioning does it: columns (POST .../Attributes; lookups only through
 * RelationshipDefinitions, as Dataverse requires), alternate keys (POST .../Keys: EntityKeyIndexStatus Pending until
 * `keyActivationMs` later on the org clock, then Active) and custom tables (POST EntityDefinitions; HasNotes makes
 * them targets of notes). A relationship's cascade on delete is recorded here (cascadeDeletesOf) for the delete of a
 * row to follow.
 */

/** A JSON value as text, for names in bodies (strings as they are, anything else empty). */
function textOf(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

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
  // A UserOwned table (the default of the maker portal, what provisioning asks for) has an owner: the owner columns of
  // a standard table (ownership.ts fills them).
  if (body.OwnershipType === 'UserOwned')
    for (const column of ownerColumns(common)) columns.set(column.logicalName, column);
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
  if (body.HasNotes === true) enableNotes(context, table);
  return `${root}EntityDefinitions(${table.metadataId})`;
}

/** ownerid (a user or a team), owningbusinessunit (writable: ownership across business units), owninguser and
 * owningteam (the platform's). */
function ownerColumns(common: Pick<ColumnDef, 'source'>): ColumnDef[] {
  const lookup = (logicalName: string, targets: string[], writable: boolean): ColumnDef => ({
    logicalName,
    schemaName: logicalName === 'ownerid' ? 'OwnerId' : logicalName,
    type: logicalName === 'ownerid' ? 'Owner' : 'Lookup',
    requiredLevel: logicalName === 'ownerid' ? 'SystemRequired' : 'None',
    targets,
    isValidForCreate: writable,
    isValidForUpdate: writable,
    isCustom: false,
    source: common.source,
  });
  return [
    lookup('ownerid', ['systemuser', 'team'], true),
    lookup('owningbusinessunit', ['businessunit'], true),
    lookup('owninguser', ['systemuser'], false),
    lookup('owningteam', ['team'], false),
  ];
}

/**
 * HasNotes: Dataverse adds the table to the targets of the note's `objectid` lookup (so a note binds with
 * `objectid_<table>@odata.bind`) and gives the table the `<SchemaName>_Annotations` collection of its notes.
 */
function enableNotes(context: OrgContext, table: TableDef): void {
  const objectId = context.tables.get('annotation')?.columns.get('objectid');
  if (!objectId) return;
  objectId.targets = [...(objectId.targets ?? []).filter((name) => name !== table.logicalName), table.logicalName];
  context.collections.push({
    from: table.logicalName,
    name: `${table.schemaName}_Annotations`,
    to: 'annotation',
    column: 'objectid',
  });
}

/** The rows of one table that a delete of a row of another table takes with it (CascadeConfiguration.Delete). */
export interface CascadeDelete {
  /** The referencing (child) table. */
  table: string;
  /** Its lookup column pointing at the deleted row. */
  column: string;
}

const cascadeDeletes = new WeakMap<OrgContext, Map<string, CascadeDelete[]>>();

/**
 * The relationships created through RelationshipDefinitions whose CascadeConfiguration.Delete is `Cascade`, from the
 * referenced table's side: deleting one of its rows deletes the rows of these tables that point at it.
 */
export function cascadeDeletesOf(context: OrgContext, table: string): CascadeDelete[] {
  return cascadeDeletes.get(context)?.get(table) ?? [];
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
  const cascade = isJsonObject(body.CascadeConfiguration) ? body.CascadeConfiguration : {};
  if (cascade.Delete === 'Cascade') {
    const byTable = cascadeDeletes.get(context) ?? new Map<string, CascadeDelete[]>();
    cascadeDeletes.set(context, byTable);
    byTable.set(referenced.logicalName, [
      ...(byTable.get(referenced.logicalName) ?? []),
      { table: referencing.logicalName, column: column.logicalName },
    ]);
  }
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
