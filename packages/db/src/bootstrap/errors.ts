/** Stable codes for the ways starting the database can fail; each message says what to do. */
export type BootstrapErrorCode =
  'DATA_DIR_IN_USE' | 'DATABASE_UNREACHABLE' | 'EMBEDDED_START_FAILED' | 'SECRET_KEY_MISSING' | 'SECRET_KEY_INVALID';

export class BootstrapError extends Error {
  override readonly name = 'BootstrapError';

  constructor(
    readonly code: BootstrapErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
