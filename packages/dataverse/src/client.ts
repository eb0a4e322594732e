import { randomUUID } from 'node:crypto';
import { type BatchItem, type BatchPartResponse, decodeBatchResponse, encodeBatch } from './batch';
import { BatchCoalescer, type CoalesceOptions } from './coalescer';
import { DataverseApiError, type DataverseErrorCode } from './errors';
import { alternateKeyPath, idFromEntityUrl } from './keys';
import { Semaphore } from './semaphore';
import type { TokenProvider } from './token-provider';

/** The Web API path every call goes to. */
export const DATAVERSE_API_PATH = '/api/data/v9.2/';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** What the client reports as it works, for logs and benchmarks. */
export type DataverseClientEvent =
  | { kind: 'response'; method: string; path: string; status: number; durationMs: number; correlationId?: string }
  | { kind: 'throttled'; retryAfterMs: number; attempt: number; code: string | undefined; correlationId?: string }
  | { kind: 'retry'; reason: string; waitMs: number; attempt: number; correlationId?: string }
  /** A send that got no answer (connection failed, timed out); a retry, if any, follows as `retry`. */
  | { kind: 'failure'; reason: string; attempt: number; correlationId?: string }
  /** Time a request actually spent held back by a 429's Retry-After (its own or another request's) before it went. */
  | { kind: 'waited'; waitMs: number; correlationId?: string };

export interface DataverseClientOptions {
  /** e.g. https://contoso.crm.dynamics.com (no trailing path). */
  orgUrl: string;
  tokens: TokenProvider;
  /** Requests in flight at once for this org and user; Dataverse allows 52 (DATAVERSE.md). */
  concurrency?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  onEvent?: (event: DataverseClientEvent) => void;
  /**
   * Share `$batch` requests between concurrent callers (reads, single writes and one-changeset batches); off unless
   * given. A worker running many syncs at once sets it, so that Dataverse's request limit does not bind first.
   */
  coalesce?: CoalesceOptions;
}

export interface DataverseRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the API root: `contacts(…)`, `$batch`, `EntityDefinitions(…)`. */
  path: string;
  body?: unknown;
  /** A raw body (multipart for `$batch`) with its content type. */
  rawBody?: { contentType: string; text: string };
  headers?: Record<string, string>;
  /**
   * Whether sending it twice has the effect of sending it once (reads, upserts by key, deletes). Only such a request
   * is retried when the connection drops or the server fails with its outcome unknown.
   */
  idempotent: boolean;
  correlationId?: string;
}

export interface DataverseResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text for other content, or undefined for none. */
  body: unknown;
  /** How many 429s were waited out before this answer. */
  throttled: number;
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/**
 * A thin Web API client of our own over fetch, chosen over `dynamics-web-api` because that library neither retries
 * 429 nor tells a conditional 404/412 from success (DATAVERSE.md, "Auth and client"), and those two are the heart of
 * safe upserts. It honours Retry-After, caps concurrency per org and user, and retries only what is safe to retry.
 */
export class DataverseClient {
  readonly #options: DataverseClientOptions & Required<Pick<DataverseClientOptions, 'maxAttempts' | 'timeoutMs'>>;
  readonly #clock: Clock;
  readonly #slots: Semaphore;
  /**
   * Until when every request waits: limits count per user, so a 429 to one request is an answer for all of them; they
   * hold back together instead of each walking into its own 429 (which would also lengthen the wait).
   */
  #pausedUntil = 0;
  readonly #coalescer: BatchCoalescer | null;
  readonly apiUrl: string;

  constructor(options: DataverseClientOptions) {
    this.#options = { maxAttempts: 8, timeoutMs: 120_000, ...options };
    this.#clock = options.clock ?? systemClock;
    this.#slots = new Semaphore(options.concurrency ?? 16);
    this.apiUrl = `${options.orgUrl.replace(/\/$/, '')}${DATAVERSE_API_PATH}`;
    this.#coalescer = options.coalesce
      ? new BatchCoalescer(async (items, idempotent) => {
          const sent = await this.#sendBatch(items, { continueOnError: true, idempotent });
          return { parts: sent.parts, throttled: sent.throttled };
        }, options.coalesce)
      : null;
  }

  /** Sends one request, waiting out 429s and retrying safe requests; throws `DataverseApiError` on failure. */
  async request(request: DataverseRequest): Promise<DataverseResponse> {
    if (this.#coalescer && coalescable(request)) return this.#coalesced(this.#coalescer, request);
    return this.#direct(request);
  }

  /**
   * One request as a part of a shared batch, answered as if it had gone alone: its part's status and body, or the same
   * error. A part refused for load (429) or failed by the server goes again on its own, under the usual rules.
   */
  async #coalesced(coalescer: BatchCoalescer, request: DataverseRequest): Promise<DataverseResponse> {
    const outcome = await coalescer.submitOrRun(
      {
        method: request.method,
        url: request.path,
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      request.idempotent,
      () => this.#direct(request),
    );
    if ('alone' in outcome) return outcome.alone;
    const { parts, throttled } = outcome.answer;
    const [part] = parts;
    if (!part || part.status === 429 || (part.status >= 500 && request.idempotent)) return this.#direct(request);
    if (part.status < 400)
      return { status: part.status, headers: new Headers(part.headers), body: part.body, throttled };
    const dataverse = (part.body as ErrorBody | undefined)?.error;
    if (part.status >= 500) {
      const reason = `HTTP ${part.status}${dataverse?.message ? `: ${dataverse.message}` : ''}`;
      throw this.#error('DATAVERSE_OUTCOME_UNKNOWN', 'transient', reason, request, 1, part.status, dataverse?.code);
    }
    throw this.#refusal(request, part.status, dataverse, 1);
  }

  async #direct(request: DataverseRequest): Promise<DataverseResponse> {
    const { maxAttempts, onEvent } = this.#options;
    let throttled = 0;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      let started = this.#clock.now();
      try {
        response = await this.#slots.run(async () => {
          const pauseStarted = this.#clock.now();
          while (this.#pausedUntil > this.#clock.now()) await this.#clock.sleep(this.#pausedUntil - this.#clock.now());
          started = this.#clock.now();
          if (started > pauseStarted)
            onEvent?.({ kind: 'waited', waitMs: started - pauseStarted, ...correlation(request) });
          return this.#send(request);
        });
      } catch (error) {
        if (error instanceof BatchFailure) {
          // An answer all the same: counted like any other.
          onEvent?.({
            kind: 'response',
            method: request.method,
            path: request.path,
            status: error.response.status,
            durationMs: this.#clock.now() - started,
            ...correlation(request),
          });
          throw error;
        }
        const reason = `the connection failed: ${(error as Error).message}`;
        onEvent?.({ kind: 'failure', reason, attempt, ...correlation(request) });
        if (!request.idempotent) {
          throw this.#error(
            'DATAVERSE_OUTCOME_UNKNOWN',
            'transient',
            `${reason}; it may or may not have been applied`,
            request,
            attempt,
          );
        }
        await this.#backoff(reason, attempt, request);
        continue;
      }
      const body = await readBody(response);
      onEvent?.({
        kind: 'response',
        method: request.method,
        path: request.path,
        status: response.status,
        durationMs: this.#clock.now() - started,
        ...correlation(request),
      });
      if (response.ok) return { status: response.status, headers: response.headers, body, throttled };

      const dataverse = (body as ErrorBody | undefined)?.error;
      if (response.status === 429) {
        // The request was refused before it ran, so any request may be sent again, after the wait it names.
        const retryAfterMs = Math.max(1, Number(response.headers.get('retry-after') ?? '1')) * 1000;
        onEvent?.({ kind: 'throttled', retryAfterMs, attempt, code: dataverse?.code, ...correlation(request) });
        if (attempt >= maxAttempts) {
          const error = this.#error(
            'DATAVERSE_THROTTLED',
            'transient',
            dataverse?.message ?? 'throttled',
            request,
            attempt,
            response.status,
            dataverse?.code,
          );
          error.details.retryAfterMs = retryAfterMs;
          throw error;
        }
        throttled += 1;
        this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + retryAfterMs);
        continue;
      }
      if (response.status >= 500) {
        const reason = `HTTP ${response.status}${dataverse?.message ? `: ${dataverse.message}` : ''}`;
        if (!request.idempotent) {
          throw this.#error(
            'DATAVERSE_OUTCOME_UNKNOWN',
            'transient',
            reason,
            request,
            attempt,
            response.status,
            dataverse?.code,
          );
        }
        await this.#backoff(reason, attempt, request);
        continue;
      }
      throw this.#refusal(request, response.status, dataverse, attempt);
    }
  }

  /** The error for an answer that refuses the request for good (4xx other than 429). */
  #refusal(
    request: DataverseRequest,
    status: number,
    dataverse: ErrorBody['error'],
    attempt: number,
  ): DataverseApiError {
    const code: DataverseErrorCode =
      status === 401 || status === 403
        ? 'DATAVERSE_UNAUTHORIZED'
        : status === 404
          ? 'DATAVERSE_NOT_FOUND'
          : status === 412
            ? 'DATAVERSE_PRECONDITION_FAILED'
            : 'DATAVERSE_REJECTED';
    return this.#error(
      code,
      'permanent',
      dataverse?.message ?? `HTTP ${status}`,
      request,
      attempt,
      status,
      dataverse?.code,
    );
  }

  /**
   * Creates or updates the row with this alternate key (`PATCH entityset(key='v')`): a retry is the same upsert, so
   * it never makes a second row. `mode` adds `If-None-Match: *` (create only) or `If-Match: *` (update only).
   */
  async upsert(
    entitySet: string,
    key: Record<string, string | number>,
    row: Record<string, unknown>,
    options: {
      mode?: 'upsert' | 'create-only' | 'update-only';
      correlationId?: string;
      /** The table's id column; by default the entity set's singular plus `id` (`contacts` -> `contactid`). */
      idColumn?: string;
    } = {},
  ): Promise<{ id: string; created: boolean }> {
    // With an alternate key, OData-EntityId names the key, not the row id: ask for the id in the answer instead.
    const idColumn = options.idColumn ?? `${entitySet.replace(/s$/, '')}id`;
    const headers: Record<string, string> = { Prefer: 'return=representation' };
    if (options.mode === 'create-only') headers['If-None-Match'] = '*';
    if (options.mode === 'update-only') headers['If-Match'] = '*';
    const response = await this.request({
      method: 'PATCH',
      path: `${alternateKeyPath(entitySet, key)}?$select=${idColumn}`,
      body: row,
      headers,
      idempotent: true,
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
    const id = (response.body as Record<string, unknown> | undefined)?.[idColumn];
    if (typeof id !== 'string' || id === '') {
      throw new DataverseApiError(
        'DATAVERSE_REJECTED',
        'permanent',
        `The upsert of ${alternateKeyPath(entitySet, key)} answered without its ${idColumn}; pass the table's id column.`,
        { status: response.status },
      );
    }
    return { id, created: response.status === 201 };
  }

  /**
   * Closes a sales order the way Dynamics requires (DATAVERSE.md, "salesorder states"): `FulfillSalesOrder` (status
   * 100001 Complete, 100002 Partial) or `CancelSalesOrder` (status 4), each creating the orderclose activity. Not
   * idempotent (closing a closed order is refused), so a lost answer is reported, never resent: the caller reads the
   * order's state and decides.
   */
  async closeSalesOrder(
    action: 'fulfill' | 'cancel',
    orderId: string,
    options: { status?: number; subject?: string; correlationId?: string } = {},
  ): Promise<void> {
    await this.request({
      method: 'POST',
      path: action === 'fulfill' ? 'FulfillSalesOrder' : 'CancelSalesOrder',
      idempotent: false,
      body: {
        OrderClose: {
          '@odata.type': 'Microsoft.Dynamics.CRM.orderclose',
          'salesorderid@odata.bind': `/salesorders(${orderId})`,
          ...(options.subject ? { subject: options.subject } : {}),
        },
        Status: options.status ?? (action === 'fulfill' ? 100001 : 4),
      },
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
  }

  /** Reads every page of a query (`contacts?$select=…&$filter=…`), following `@odata.nextLink`. */
  async *query<T>(path: string, options: { maxPageSize?: number; correlationId?: string } = {}): AsyncGenerator<T[]> {
    let next: string | undefined = path;
    while (next) {
      const response = await this.request({
        method: 'GET',
        path: next,
        idempotent: true,
        headers: { Prefer: `odata.maxpagesize=${options.maxPageSize ?? 500}, odata.include-annotations="*"` },
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      });
      const body = response.body as { value: T[]; '@odata.nextLink'?: string };
      yield body.value;
      const link = body['@odata.nextLink'];
      next = link ? link.slice(link.indexOf(DATAVERSE_API_PATH) + DATAVERSE_API_PATH.length) : undefined;
    }
  }

  /**
   * Sends a `$batch`. `idempotent` must only be set when every operation in it is (upserts, deletes, reads): a batch
   * of creates whose outcome is unknown is never resent. With coalescing on, a batch of one changeset shares a request
   * with others' and answers as it would have alone (400 when its changeset failed, without continue-on-error).
   */
  async batch(
    items: BatchItem[],
    options: { continueOnError?: boolean; idempotent: boolean; correlationId?: string },
  ): Promise<{ status: number; parts: BatchPartResponse[]; throttled: number; headers: Headers }> {
    const [only] = items;
    if (this.#coalescer && items.length === 1 && only && 'changeset' in only) {
      const outcome = await this.#coalescer.submitOrRun(only, options.idempotent, () =>
        this.#sendBatch(items, options),
      );
      if ('alone' in outcome) return outcome.alone;
      const { parts, throttled } = outcome.answer;
      const failed = parts.length === 0 || parts.some((part) => part.status >= 400);
      return { status: failed && !options.continueOnError ? 400 : 200, parts, throttled, headers: new Headers() };
    }
    return this.#sendBatch(items, options);
  }

  async #sendBatch(
    items: BatchItem[],
    options: { continueOnError?: boolean; idempotent: boolean; correlationId?: string },
  ): Promise<{ status: number; parts: BatchPartResponse[]; throttled: number; headers: Headers }> {
    const encoded = encodeBatch(items, DATAVERSE_API_PATH, randomUUID);
    const response = await this.#direct({
      method: 'POST',
      path: '$batch',
      rawBody: { contentType: encoded.contentType, text: encoded.body },
      idempotent: options.idempotent,
      headers: options.continueOnError ? { Prefer: 'odata.continue-on-error' } : {},
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    }).catch((error: unknown) => {
      // Without continue-on-error Dataverse answers a failed part with 400 and the multipart body: read it.
      if (error instanceof BatchFailure) return error.response;
      throw error;
    });
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      parts: decodeBatchResponse(contentType, String(response.body)),
      throttled: response.throttled,
      headers: response.headers,
    };
  }

  async #send(request: DataverseRequest): Promise<Response> {
    const token = await this.#options.tokens.getToken();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'OData-MaxVersion': '4.0',
      'OData-Version': '4.0',
      ...(request.correlationId ? { 'x-ms-client-request-id': request.correlationId } : {}),
      ...request.headers,
    };
    let body: string | undefined;
    if (request.rawBody) {
      headers['Content-Type'] = request.rawBody.contentType;
      body = request.rawBody.text;
    } else if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const response = await (this.#options.fetch ?? fetch)(`${this.apiUrl}${request.path}`, {
      method: request.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
    if (
      request.path === '$batch' &&
      response.status === 400 &&
      response.headers.get('content-type')?.startsWith('multipart/')
    ) {
      throw new BatchFailure({ status: 400, headers: response.headers, body: await response.text(), throttled: 0 });
    }
    return response;
  }

  async #backoff(reason: string, attempt: number, request: DataverseRequest): Promise<void> {
    if (attempt >= this.#options.maxAttempts) {
      throw this.#error('DATAVERSE_UNAVAILABLE', 'transient', reason, request, attempt);
    }
    const random = this.#options.random ?? Math.random;
    const waitMs = Math.floor(random() * Math.min(30_000, 500 * 2 ** attempt));
    this.#options.onEvent?.({ kind: 'retry', reason, waitMs, attempt, ...correlation(request) });
    await this.#clock.sleep(waitMs);
  }

  #error(
    code: DataverseErrorCode,
    errorClass: 'transient' | 'permanent',
    reason: string,
    request: DataverseRequest,
    attempts: number,
    status?: number,
    dataverseCode?: string,
  ): DataverseApiError {
    return new DataverseApiError(code, errorClass, `Dataverse ${request.method} ${request.path}: ${reason}`, {
      attempts,
      ...(status !== undefined ? { status } : {}),
      ...(dataverseCode ? { dataverseCode } : {}),
      ...(request.correlationId ? { correlationId: request.correlationId } : {}),
    });
  }
}

/** A `$batch` answered 400 with its multipart body: a result to read, not an error to throw. */
class BatchFailure extends Error {
  constructor(readonly response: DataverseResponse) {
    super('batch failed');
  }
}

/** Whether a request may share a `$batch`: a JSON request to a row or collection, not a batch or metadata call. */
function coalescable(request: DataverseRequest): boolean {
  return (
    request.rawBody === undefined && !request.path.startsWith('$') && !request.path.startsWith('EntityDefinitions')
  );
}

function correlation(request: DataverseRequest): { correlationId?: string } {
  return request.correlationId ? { correlationId: request.correlationId } : {};
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  return response.headers.get('content-type')?.includes('application/json') ? (JSON.parse(text) as unknown) : text;
}

export { idFromEntityUrl };
