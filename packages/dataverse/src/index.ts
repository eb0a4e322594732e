/**
 * The Dataverse Web API client (DESIGN.md): token provider, OData requests, `$batch`, upsert by alternate key,
 * Retry-After, and provisioning of our columns and keys.
 */
export { DataverseClient, DATAVERSE_API_PATH, type DataverseClientEvent, type DataverseRequest } from './client';
export { encodeBatch, decodeBatchResponse, type BatchItem, type BatchOperation, type BatchPartResponse } from './batch';
export { DataverseApiError, type DataverseErrorCode, type ErrorClass } from './errors';
export { alternateKeyPath, bulkUnsupported, idFromEntityUrl, upsertMultiple } from './keys';
export { BatchCoalescer, type CoalesceOptions, withPatience } from './coalescer';
export { AdaptiveBatchSize } from './adaptive-batch';
export { writeUnits, type UnitFailure, type WriteOptions, type WriteSummary, type WriteUnit } from './batch-writer';
export { clientCredentialsToken, msalAuthority, type TokenProvider } from './token-provider';
export { provision, SYNC_COLUMNS, SYNC_TABLES, type ProvisioningReport, type ProvisioningStep } from './provisioning';
export {
  DEFAULT_ORDER_TABLE_NAMES,
  provisionOrderTables,
  type OrderTableNames,
  type OrderTablesOptions,
  type OrderTablesReport,
} from './provision-order-tables';
export { clientForOrg, orgAuthority, type OrgConnection } from './org-connection';
export {
  EXPIRED_CHANGE_TOKEN,
  readChanges,
  type ChangePage,
  type ChangeReadResult,
  type ChangeRequest,
} from './change-tracking';
