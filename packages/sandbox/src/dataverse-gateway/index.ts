/**
 * The gateway of the simulated Dataverse org: what stands between clients and the org core (authentication,
 * service protection, fault injection, `$batch`, a control endpoint) and the HTTP server that serves it.
 */
export { createDataverseGateway, type DataverseGateway, type DataverseGatewayOptions } from './gateway';
export {
  serveDataverseGateway,
  startDataverseSimulator,
  type DataverseSimulatorOptions,
  type RunningDataverseSimulator,
} from './server';
export { executeBatch, type BatchResult, type BatchOptions } from './batch';
export { MAX_BATCH_OPERATIONS } from './batch-plan';
export {
  boundaryOf,
  parseEmbeddedResponse,
  parseMultipart,
  writeBatchRequest,
  type BatchResponseItem,
  type EmbeddedRequest,
  type EmbeddedResponse,
  type MimePart,
} from './multipart';
export {
  DEFAULT_LIMITS,
  ServiceProtection,
  throttleError,
  type ServiceProtectionLimits,
  type ThrottleKind,
} from './service-protection';
export {
  DEFAULT_EXECUTION_TIME,
  classifyOperation,
  type ExecutionTimeModel,
  type OperationKind,
} from './execution-time';
export { FaultInjector, NO_FAULTS, DroppedConnection, type FaultSettings, type LatencySpec } from './faults';
export type { StatsSnapshot, SubjectStats } from './stats';
