import { DataverseApiError } from '@shopverse/dataverse';
import { ShopifyApiError } from '@shopverse/shopify';
import { AccountMappingError, OrderTotalsError, RestBodyError, SettingsError } from '@shopverse/sync-core';

/** How a failure is handled (DESIGN.md, "Jobs"): retried, synced after what it needs, or shown to a person. */
export type FailureClass = 'transient' | 'dependency' | 'permanent';

/** What the failing call was and what came back, for the sync log (no secrets: see `redact`). */
export interface FailureDetail {
  /** The service that answered. */
  service?: 'dataverse' | 'shopify';
  /** The failing request, e.g. `{method: 'PATCH', path: "contacts(sv_shopifyid='us_1')"}`. */
  request?: { method: string; path: string };
  /** HTTP status of the last answer, if one came. */
  status?: number;
  /** The service's own error code, e.g. Dataverse's `0x80040237`. */
  serviceCode?: string;
  /** The client's tries of that one request before it gave up. */
  clientAttempts?: number;
}

/** A failure the sync understands: a stable code, its class, and a message a person can act on. */
export class SyncError extends Error {
  override readonly name = 'SyncError';

  constructor(
    readonly code: string,
    readonly errorClass: FailureClass,
    message: string,
    readonly detail: FailureDetail = {},
    /** How long the service asked us to wait (Retry-After), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Error messages can quote URLs and headers; these never reach the log. */
const SECRETS: RegExp[] = [
  /(bearer\s+)[\w.~+/=-]+/gi,
  /\b(shp(?:at|ca|pa|ss)_)[\w-]+/gi,
  /((?:access_token|client_secret|password|token)=)[^&\s"']+/gi,
];

/** The text with anything shaped like a credential replaced. */
export function redact(text: string): string {
  return SECRETS.reduce((result, pattern) => result.replace(pattern, (_, prefix: string) => `${prefix}***`), text);
}

/** A Retry-After the clients may carry in their details (milliseconds or seconds), when they do. */
function retryAfterOf(details: object): number | undefined {
  const record = details as Record<string, unknown>;
  if (typeof record.retryAfterMs === 'number') return record.retryAfterMs;
  if (typeof record.retryAfterSeconds === 'number') return record.retryAfterSeconds * 1000;
  return undefined;
}

/**
 * The status a message names (`... HTTP 503: ...`): the Dataverse client names it there but leaves it out of its
 * details when it gives up after retrying a 5xx.
 */
function statusIn(message: string): number | undefined {
  const match = /\bHTTP (\d{3})\b/.exec(message);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Dataverse's messages start `Dataverse <METHOD> <path>: `; the request is read back from there. */
function dataverseRequest(message: string): FailureDetail['request'] {
  // Paths hold spaces (`$filter=emailaddress1 eq '…'`) but no ": ", which ends them.
  const match = /^Dataverse (GET|POST|PATCH|PUT|DELETE) (.+?): /.exec(message);
  return match?.[1] && match[2] ? { method: match[1], path: match[2].slice(0, 500) } : undefined;
}

/** Any error as a SyncError: the clients' own classification where they have one, else transient (retry). */
export function classify(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  if (error instanceof DataverseApiError) {
    const request = dataverseRequest(error.message);
    const { dataverseCode, attempts } = error.details;
    const status = error.details.status ?? statusIn(error.message);
    return new SyncError(
      `dataverse.${error.code.replace(/^DATAVERSE_/, '').toLowerCase()}`,
      error.errorClass,
      redact(error.message),
      {
        service: 'dataverse',
        ...(request ? { request } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(dataverseCode ? { serviceCode: dataverseCode } : {}),
        ...(attempts !== undefined ? { clientAttempts: attempts } : {}),
      },
      retryAfterOf(error.details),
    );
  }
  if (error instanceof ShopifyApiError) {
    const { attempts } = error.details;
    const status = error.details.status ?? statusIn(error.message);
    return new SyncError(
      `shopify.${error.code.replace(/^SHOPIFY_/, '').toLowerCase()}`,
      error.errorClass,
      redact(error.message),
      {
        service: 'shopify',
        ...(status !== undefined ? { status } : {}),
        serviceCode: error.code,
        ...(attempts !== undefined ? { clientAttempts: attempts } : {}),
      },
      retryAfterOf(error.details),
    );
  }
  if (error instanceof SettingsError) return new SyncError(error.code, 'permanent', error.message);
  if (error instanceof OrderTotalsError) return new SyncError(error.code, 'permanent', error.message);
  if (error instanceof AccountMappingError) return new SyncError(error.code, 'permanent', error.message);
  if (error instanceof RestBodyError) return new SyncError('shopify.body_unreadable', 'permanent', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError('internal', 'transient', redact(message));
}
