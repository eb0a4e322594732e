import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { referencePath } from '../../reference';
import { csdlColumn, loadCsdl, type CsdlProperty } from './load-csdl';
import { loadCdmFile } from './load-cdm';
import { loadAnnotationTargets, loadDefaultStateStatus, loadReferenceKeys, type ReferenceKey } from './load-xrmmockup';
import { COLUMN_RULES, DERIVED_TABLES, SUPPLEMENTS } from './supplements';
import type { ColumnDef, TableDef } from './types';

/** The Dataverse reference files, in the repository's copy of the reference (reference/README.md). */
export const DEFAULT_REFERENCE_DIR = `${referencePath('dataverse')}/`;

/** The tables the sync uses, each with its CDM documents (base first, then the sales additions). */
const CDM_TABLES: {
  logicalName: string;
  entitySetName: string;
  files: string[];
  primaryName: string;
  csdlBase: string;
  changeTracking?: boolean;
  isActivity?: boolean;
  /** CDM's base entity says it: CdsStandard and ActivitySystem tables are UserOwned, CdmEntity ones with an
   * organizationid OrganizationOwned (Note, a CdmEntity, lists its owner columns itself). */
  ownership: 'UserOwned' | 'OrganizationOwned';
}[] = [
  {
    logicalName: 'contact',
    ownership: 'UserOwned',
    entitySetName: 'contacts',
    files: ['Contact.cdm.json', 'crmCommon_Contact.cdm.json'],
    primaryName: 'fullname',
    csdlBase: 'contact',
    changeTracking: true,
  },
  {
    logicalName: 'account',
    ownership: 'UserOwned',
    entitySetName: 'accounts',
    files: ['Account.cdm.json', 'crmCommon_Account.cdm.json'],
    primaryName: 'name',
    csdlBase: 'contact',
    changeTracking: true,
  },
  {
    logicalName: 'salesorder',
    ownership: 'UserOwned',
    entitySetName: 'salesorders',
    files: ['sales_Order.cdm.json'],
    primaryName: 'name',
    csdlBase: 'contact',
  },
  {
    logicalName: 'salesorderdetail',
    ownership: 'UserOwned',
    entitySetName: 'salesorderdetails',
    files: ['sales_OrderProduct.cdm.json'],
    primaryName: 'productname',
    csdlBase: 'contact',
  },
  {
    logicalName: 'orderclose',
    ownership: 'UserOwned',
    entitySetName: 'ordercloses',
    files: ['sales_OrderClose.cdm.json'],
    primaryName: 'subject',
    csdlBase: 'activitypointer',
    isActivity: true,
  },
  {
    logicalName: 'transactioncurrency',
    ownership: 'OrganizationOwned',
    entitySetName: 'transactioncurrencies',
    files: ['Currency.cdm.json'],
    primaryName: 'currencyname',
    csdlBase: 'contact',
  },
  {
    logicalName: 'annotation',
    ownership: 'UserOwned',
    entitySetName: 'annotations',
    files: ['Note.cdm.json'],
    primaryName: 'subject',
    csdlBase: 'contact',
  },
  {
    logicalName: 'pricelevel',
    ownership: 'OrganizationOwned',
    entitySetName: 'pricelevels',
    files: ['foundationCommon_PriceList.cdm.json'],
    primaryName: 'name',
    csdlBase: 'contact',
  },
  {
    logicalName: 'product',
    ownership: 'OrganizationOwned',
    entitySetName: 'products',
    files: ['foundationCommon_Product.cdm.json'],
    primaryName: 'name',
    csdlBase: 'contact',
  },
  {
    logicalName: 'uom',
    ownership: 'OrganizationOwned',
    entitySetName: 'uoms',
    files: ['foundationCommon_Unit.cdm.json'],
    primaryName: 'name',
    csdlBase: 'contact',
  },
];

/** The system columns every standard table carries (CdsStandard in CDM), read from the contact CSDL. */
const SYSTEM_COLUMNS = ['createdon', 'modifiedon', 'versionnumber', 'createdby', 'modifiedby', 'overriddencreatedon'];
/** The owner columns of a UserOwned table (contact CSDL: ownerid, owningbusinessunit, owninguser, owningteam). */
const OWNER_COLUMNS = ['ownerid', 'owningbusinessunit', 'owninguser', 'owningteam'];
/** Columns the platform alone writes. owningbusinessunit stays writable: record ownership across business units
 * lets a caller set it apart from the owner's unit. */
const READ_ONLY = new Set([
  'createdon',
  'modifiedon',
  'versionnumber',
  'createdby',
  'modifiedby',
  'organizationid',
  'owninguser',
  'owningteam',
]);

/** Everything loaded from the reference files, shared by every org (tables are copied per org). */
export interface ReferenceMetadata {
  tables: TableDef[];
  stateMap: Record<string, Record<string, number>>;
  referenceKeys: ReferenceKey[];
  /** CDM members that name an import absent from the reference (e.g. customerIdAttribute), per table. */
  unresolved: Record<string, string[]>;
}

let cached: { dir: string; metadata: ReferenceMetadata } | undefined;

function stateColumns(logicalName: string, map: Record<string, number>, source: string): ColumnDef[] {
  const states = Object.keys(map).map(Number);
  const common = {
    requiredLevel: 'None' as const,
    isValidForCreate: true,
    isValidForUpdate: true,
    isCustom: false,
    source,
  };
  return [
    {
      ...common,
      logicalName: 'statecode',
      schemaName: 'statecode',
      type: 'State',
      requiredLevel: 'SystemRequired',
      options: states.map((state) => ({ value: state, label: state === 0 ? 'Active' : 'Inactive' })),
    },
    {
      ...common,
      logicalName: 'statuscode',
      schemaName: 'statuscode',
      type: 'Status',
      options: Object.entries(map).map(([state, status]) => ({
        value: status,
        label: `${logicalName} ${status}`,
        state: Number(state),
      })),
    },
  ];
}

function csdlSystemColumns(
  csdl: Map<string, CsdlProperty[]>,
  base: string,
  have: Set<string>,
  ownership: 'UserOwned' | 'OrganizationOwned' | 'BusinessOwned',
): ColumnDef[] {
  const properties = csdl.get(base) ?? [];
  const wanted =
    base === 'activitypointer'
      ? null
      : new Set([...SYSTEM_COLUMNS, ...(ownership === 'UserOwned' ? OWNER_COLUMNS : [])]);
  const columns: ColumnDef[] = [];
  for (const property of properties) {
    if (have.has(property.name) || (wanted !== null && !wanted.has(property.name))) continue;
    const column = csdlColumn(property, `frodata/metadata_dynamics.xml (${base})`);
    if (column) columns.push(column);
  }
  return columns;
}

/** Loads the reference metadata once per folder. */
export function loadReferenceMetadata(referenceDir: string = DEFAULT_REFERENCE_DIR): ReferenceMetadata {
  if (cached?.dir === referenceDir) return cached.metadata;
  const cdmDir = join(referenceDir, 'cdm');
  const csdl = loadCsdl(join(referenceDir, 'frodata', 'metadata_dynamics.xml'));
  const stateMap = loadDefaultStateStatus(join(referenceDir, 'xrmmockup', 'default_state_status.derived.json'));
  const referenceKeys = loadReferenceKeys(join(referenceDir, 'xrmmockup', 'UniqueKeyMetadata.xml'));
  const unresolved: Record<string, string[]> = {};
  const tables: TableDef[] = [];
  for (const spec of CDM_TABLES) {
    const columns = new Map<string, ColumnDef>();
    for (const file of spec.files) {
      const loaded = loadCdmFile(cdmDir, file);
      unresolved[spec.logicalName] = [...(unresolved[spec.logicalName] ?? []), ...loaded.unresolved];
      for (const column of loaded.columns)
        if (!columns.has(column.logicalName)) columns.set(column.logicalName, column);
    }
    for (const column of csdlSystemColumns(csdl, spec.csdlBase, new Set(columns.keys()), spec.ownership))
      columns.set(column.logicalName, column);
    // Date-only columns (birthdate, anniversary) are Edm.Date in the real CSDL; CDM calls them dateTime.
    for (const property of csdl.get(spec.logicalName) ?? []) {
      const column = columns.get(property.name);
      if (column?.type === 'DateTime' && property.edmType === 'Edm.Date') column.dateOnly = true;
    }
    tables.push(finishTable(spec.logicalName, spec.entitySetName, spec.primaryName, columns, stateMap, spec));
  }
  for (const derived of DERIVED_TABLES) {
    const columns = new Map(derived.columns.map((column) => [column.logicalName, column]));
    for (const column of csdlSystemColumns(csdl, 'contact', new Set(columns.keys()), derived.ownership))
      columns.set(column.logicalName, column);
    tables.push(finishTable(derived.logicalName, derived.entitySetName, derived.primaryName, columns, stateMap, {}));
  }
  for (const table of tables) {
    for (const column of SUPPLEMENTS[table.logicalName] ?? []) {
      if (!table.columns.has(column.logicalName)) table.columns.set(column.logicalName, column);
    }
    if (table.logicalName === 'annotation')
      applyTargets(table, loadAnnotationTargets(join(referenceDir, 'xrmmockup', 'AnnotationMetadata.xml')));
    // The CSDL names the owner's type `principal`; owners are users or teams (AnnotationMetadata.xml ownerid).
    const owner = table.columns.get('ownerid');
    if (owner && (owner.targets ?? []).includes('principal')) owner.targets = ['systemuser', 'team'];
    for (const [name, rule] of Object.entries(COLUMN_RULES[table.logicalName] ?? {})) {
      const column = table.columns.get(name);
      if (column) Object.assign(column, rule);
    }
    applyReferenceKeys(table, referenceKeys);
  }
  const metadata = { tables, stateMap, referenceKeys, unresolved };
  cached = { dir: referenceDir, metadata };
  return metadata;
}

function finishTable(
  logicalName: string,
  entitySetName: string,
  primaryName: string | undefined,
  columns: Map<string, ColumnDef>,
  stateMap: Record<string, Record<string, number>>,
  spec: { changeTracking?: boolean; isActivity?: boolean },
): TableDef {
  const primaryIdAttribute = spec.isActivity ? 'activityid' : `${logicalName}id`;
  const map = stateMap[logicalName] ?? {};
  if (!columns.has('statecode') && Object.keys(map).length > 0) {
    for (const column of stateColumns(logicalName, map, 'xrmmockup/default_state_status.derived.json')) {
      columns.set(column.logicalName, column);
    }
  }
  for (const column of columns.values()) {
    if (READ_ONLY.has(column.logicalName) || column.logicalName.endsWith('_base')) {
      column.isValidForCreate = false;
      column.isValidForUpdate = false;
    }
    if (column.logicalName === primaryIdAttribute) column.isValidForUpdate = false;
  }
  const table: TableDef = {
    logicalName,
    schemaName: logicalName,
    entitySetName,
    primaryIdAttribute,
    columns,
    keys: [],
    isCustom: false,
    isActivity: spec.isActivity ?? false,
    changeTrackingEnabled: spec.changeTracking ?? false,
    defaultStatusByState: map,
    metadataId: randomUUID(),
  };
  if (primaryName !== undefined) table.primaryNameAttribute = primaryName;
  return table;
}

/** Lookup targets from a real org's metadata replace those the CDM or CSDL gave; a lookup to account and
 * contact only is a Customer column, any other multi-table lookup stays a Lookup (AttributeType of a real org). */
function applyTargets(table: TableDef, targets: Record<string, string[]>): void {
  for (const [name, list] of Object.entries(targets)) {
    const column = table.columns.get(name);
    if (!column) continue;
    column.targets = list;
    column.source = `${column.source}; targets from xrmmockup/AnnotationMetadata.xml`;
  }
}

/** Alternate keys of the reference org exist from the start on the tables they belong to. */
function applyReferenceKeys(table: TableDef, keys: ReferenceKey[]): void {
  for (const key of keys) {
    if (key.entityLogicalName !== table.logicalName) continue;
    if (!key.keyAttributes.every((name) => table.columns.has(name))) continue;
    table.keys.push({ ...key });
  }
}

/** A deep copy, so that one org's metadata API changes never leak into another org. */
export function cloneTable(table: TableDef): TableDef {
  return {
    ...table,
    columns: new Map([...table.columns].map(([name, column]) => [name, { ...column }])),
    keys: table.keys.map((key) => ({ ...key, keyAttributes: [...key.keyAttributes] })),
  };
}
