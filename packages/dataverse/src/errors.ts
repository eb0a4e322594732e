/** How the sync should treat a failure (DESIGN.md, "Jobs"). */
export type ErrorClass = 'transient' | 'permanent';

export type DataverseErrorCode =
  | 'DATAVERSE_UNAUTHORIZED'
  | 'DATAVERSE_THROTTLED'
  | 'DATAVERSE_UNAVAILABLE'
  | 'DATAVERSE_OUTCOME_UNKNOWN'
  | 'DATAVERSE_NOT_FOUND'
  | 'DATAVERSE_PRECONDITION_FAILED'
  | 'DATAVERSE_REJECTED';

/**
 * A Dataverse call that failed. `dataverseCode` is the platform's own code (`0x80044331`, …), `message` says what to do
 * where we can tell. `DATAVERSE_OUTCOME_UNKNOWN` means the request may or may not have been applied (the connection
 * dropped after it left): only an idempotent request may be retried after it.
 */
export class DataverseApiError extends Error {
  override readonly name = 'DataverseApiError';

  constructor(
    readonly code: DataverseErrorCode,
    readonly errorClass: ErrorClass,
    message: string,
    readonly details: {
      status?: number;
      dataverseCode?: string;
      correlationId?: string;
      attempts?: number;
      /** The wait the service asked for (Retry-After) on the last answer, for the job's own retry. */
      retryAfterMs?: number;
    },
  ) {
    super(message);
  }
}
