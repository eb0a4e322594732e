/**
 * The table model the simulated org works from: what Dataverse calls EntityMetadata and AttributeMetadata, reduced to
 * what the Web API needs to validate, store and serialise rows.
 */

/** Dataverse's AttributeTypeCode names (AttributeMetadata.AttributeType). */
export type AttributeType =
  | 'Uniqueidentifier'
  | 'String'
  | 'Memo'
  | 'Integer'
  | 'BigInt'
  | 'Decimal'
  | 'Double'
  | 'Money'
  | 'Boolean'
  | 'DateTime'
  | 'Picklist'
  | 'State'
  | 'Status'
  | 'Lookup'
  | 'Customer'
  | 'Owner';

/** AttributeRequiredLevel. Only SystemRequired is enforced by the platform; ApplicationRequired is a form rule. */
export type RequiredLevel = 'None' | 'Recommended' | 'ApplicationRequired' | 'SystemRequired';

/** One option of a choice column; `state` is set on Status options (the statecode they belong to). */
export interface OptionDef {
  value: number;
  label: string;
  state?: number;
}

/** One column of a table. */
export interface ColumnDef {
  logicalName: string;
  schemaName: string;
  type: AttributeType;
  requiredLevel: RequiredLevel;
  maxLength?: number;
  /** DateTime columns with the DateOnly behaviour (Edm.Date in the CSDL): values are dates without a time. */
  dateOnly?: boolean;
  /** Decimal places kept for Decimal/Money columns. */
  precision?: number;
  minValue?: string;
  maxValue?: string;
  options?: OptionDef[];
  /** Logical names of the tables a Lookup/Customer/Owner column may point at. */
  targets?: string[];
  /** Single-valued navigation property of a one-target lookup when it differs from the logical name (custom
   * lookups use their schema name, e.g. `sv_Contact`). */
  navigationName?: string;
  isValidForCreate: boolean;
  isValidForUpdate: boolean;
  isCustom: boolean;
  /** Where the definition came from, for conformance tests and for people reading the metadata API. */
  source: string;
}

/** An alternate key (EntityKeyMetadata). */
export interface KeyDef {
  logicalName: string;
  schemaName: string;
  keyAttributes: string[];
  /** EntityKeyIndexStatus: a new key starts Pending and becomes Active once its index is built. */
  status: 'Pending' | 'InProgress' | 'Active' | 'Failed';
  metadataId: string;
  /** Epoch ms when a Pending key turns Active (read against the org clock). */
  activeAt?: number;
}

/** One table (EntityMetadata). */
export interface TableDef {
  logicalName: string;
  schemaName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute?: string;
  columns: Map<string, ColumnDef>;
  keys: KeyDef[];
  isCustom: boolean;
  isActivity: boolean;
  changeTrackingEnabled: boolean;
  /** statecode -> default statuscode, from the reference org's map. */
  defaultStatusByState: Record<string, number>;
  metadataId: string;
}
