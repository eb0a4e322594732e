import { DataverseApiError } from '@shopverse/dataverse';
import { ShopifyApiError } from '@shopverse/shopify';
import { AccountMappingError, OrderTotalsError, RestBodyError, SettingsError } from '@shopverse/sync-core';

/** How a failure is handled (DESIGN.md, "Jobs"): retried, synced after what it needs, or shown to a person. */
export type FailureClass = 'transient' | 'dependency' | 'permanent';

/** A failure the sync understands: a stable code, its class, and a message a person can act on. */
export class SyncError extends Error {
  override readonly name = 'SyncError';

  constructor(
    readonly code: string,
    readonly errorClass: FailureClass,
    message: string,
  ) {
    super(message);
  }
}

/** Any error as a SyncError: the clients' own classification where they have one, else transient (retry). */
export function classify(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  if (error instanceof DataverseApiError) {
    return new SyncError(
      `dataverse.${error.code.replace(/^DATAVERSE_/, '').toLowerCase()}`,
      error.errorClass,
      error.message,
    );
  }
  if (error instanceof ShopifyApiError) {
    return new SyncError(
      `shopify.${error.code.replace(/^SHOPIFY_/, '').toLowerCase()}`,
      error.errorClass,
      error.message,
    );
  }
  if (error instanceof SettingsError) return new SyncError(error.code, 'permanent', error.message);
  if (error instanceof OrderTotalsError) return new SyncError(error.code, 'permanent', error.message);
  if (error instanceof AccountMappingError) return new SyncError(error.code, 'permanent', error.message);
  if (error instanceof RestBodyError) return new SyncError('shopify.body_unreadable', 'permanent', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError('internal', 'transient', message);
}
