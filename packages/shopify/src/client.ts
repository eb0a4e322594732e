import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import { backoffMs, CostBucket, MAX_SINGLE_QUERY_COST, type ThrottleStatus } from './cost-bucket';
import { ShopifyApiError } from './errors';
import type { TokenProvider } from './token-provider';

export { SHOPIFY_API_VERSION };

import { SHOPIFY_API_VERSION } from './api-version';

/** Time, passed in so tests and benchmarks can run a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the client reports as it works, for logs and benchmarks. */
export type ShopifyClientEvent =
  | ({
      kind: 'response';
      /** HTTP status; the official client tells it only with errors, so an answer without errors was a 200. */
      status: number;
      requestedCost: number | null;
      actualCost: number | null;
      throttle: ThrottleStatus | null;
    } & Tagged)
  | ({ kind: 'throttled'; waitMs: number; attempt: number } & Tagged)
  | ({ kind: 'retry'; reason: string; waitMs: number; attempt: number } & Tagged)
  | ({ kind: 'wait'; waitMs: number; requestedCost: number } & Tagged)
  /** A send that got no answer (connection failed, timed out); a retry, if any, follows as `retry`. */
  | ({ kind: 'failure'; reason: string; attempt: number } & Tagged)
  /**
   * Time actually spent held back by a limit before a send: the cost bucket (`wait` is the estimate beforehand), a
   * THROTTLED answer, or an HTTP 429.
   */
  | ({ kind: 'waited'; waitMs: number; cause: 'cost-bucket' | 'throttled' | 'http-429' } & Tagged);

/** Every event names the sync that caused the request, when it has one (DESIGN.md: one correlation id throughout). */
interface Tagged {
  correlationId?: string;
}

/** How long a query waiting for the cost bucket sleeps before it looks again. */
const WAIT_STEP_MS = 250;

export interface ShopifyClientOptions {
  /** `shop.myshopify.com`, or a full base URL (the sandbox). */
  storeDomain: string;
  tokens: TokenProvider;
  apiVersion?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  /** Attempts per request before a transient failure is given up (the job then retries later). */
  maxAttempts?: number;
  /** Per-attempt time limit. */
  timeoutMs?: number;
  onEvent?: (event: ShopifyClientEvent) => void;
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  /** Sent as a header and kept in errors, so the sync log and Shopify's side can be matched. */
  correlationId?: string;
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; cost?: number; maxCost?: number };
}

/**
 * The Admin GraphQL client of the sync: the official `@shopify/admin-api-client` for the wire, with what it lacks
 * around it (SHOPIFY.md: it retries only aborts, 429 and 503, and never THROTTLED): a model of the shop's cost bucket
 * that waits before sending a document the bucket cannot hold, retries of THROTTLED, 429, 5xx and timeouts with
 * jittered backoff, and errors classified for the job runner.
 */
export class ShopifyClient {
  readonly shop: string;
  /** Built for the current token: the official client fixes its token header at construction. */
  #api: { token: string; client: AdminApiClient } | undefined;
  readonly #options: Required<Pick<ShopifyClientOptions, 'clock' | 'random' | 'maxAttempts' | 'timeoutMs'>> &
    ShopifyClientOptions;
  readonly #bucket: CostBucket;
  /** Last requested cost per document, the best estimate of what the next send of it will ask for. */
  readonly #costs = new Map<string, number>();

  constructor(options: ShopifyClientOptions) {
    this.#options = { clock: systemClock, random: Math.random, maxAttempts: 8, timeoutMs: 30_000, ...options };
    this.shop = options.storeDomain;
    this.#bucket = new CostBucket(this.#options.clock.now());
  }

  /** The bucket as we last saw it. */
  bucketAvailable(): number {
    return this.#bucket.available(this.#options.clock.now());
  }

  /** Runs a query or mutation and returns its `data`; throws `ShopifyApiError` when it cannot. */
  async request<T>(document: string, options: RequestOptions = {}): Promise<T> {
    return (await this.requestWithCost<T>(document, options)).data;
  }

  /** As `request`, with what the query cost: paginators size their pages by it. */
  async requestWithCost<T>(
    document: string,
    options: RequestOptions = {},
  ): Promise<{ data: T; requestedCost: number | null; actualCost: number | null }> {
    const { clock, random, maxAttempts, onEvent } = this.#options;
    const key = `${document}\n${JSON.stringify(options.variables ?? {})}`;
    for (let attempt = 1; ; attempt++) {
      const costOf = () => this.#costs.get(key) ?? this.#costs.get(document) ?? MAX_SINGLE_QUERY_COST;
      let requested = costOf();
      const waitStarted = clock.now();
      // Wait in short steps: a response that lands meanwhile may tell us the shop's real bucket (a fresh client
      // assumes the smallest plan), and a query waiting out the assumption for 20 s would wait for nothing.
      for (let wait = this.#bucket.waitMs(requested, clock.now()), told = false; wait > 0;) {
        if (!told) onEvent?.({ kind: 'wait', waitMs: wait, requestedCost: requested, ...tag(options) });
        told = true;
        await clock.sleep(Math.min(wait, WAIT_STEP_MS));
        requested = costOf();
        wait = this.#bucket.waitMs(requested, clock.now());
      }
      if (clock.now() > waitStarted) {
        onEvent?.({ kind: 'waited', waitMs: clock.now() - waitStarted, cause: 'cost-bucket', ...tag(options) });
      }
      this.#bucket.take(requested, clock.now());
      let response: Awaited<ReturnType<AdminApiClient['request']>>;
      try {
        const api = this.#clientFor(await this.#options.tokens.getToken());
        response = await api.request(document, {
          ...(options.variables ? { variables: options.variables } : {}),
          ...(options.correlationId ? { headers: { 'X-Request-Id': options.correlationId } } : {}),
        });
      } catch (error) {
        onEvent?.({ kind: 'failure', reason: (error as Error).message, attempt, ...tag(options) });
        await this.#retryOrThrow(
          'SHOPIFY_TIMEOUT',
          `the request failed: ${(error as Error).message}`,
          attempt,
          options,
        );
        continue;
      }
      const cost = (response.extensions as { cost?: CostExtension } | undefined)?.cost;
      if (cost?.throttleStatus) this.#bucket.observe(cost.throttleStatus, clock.now());
      if (typeof cost?.requestedQueryCost === 'number') {
        this.#costs.set(key, cost.requestedQueryCost);
        this.#costs.set(document, cost.requestedQueryCost);
      }
      // The official client turns a send without answer (connection refused, timeout) into errors with no status.
      const answered = response.errors ? response.errors.networkStatusCode : 200;
      if (answered === undefined) {
        onEvent?.({ kind: 'failure', reason: response.errors?.message ?? 'no answer', attempt, ...tag(options) });
      } else {
        onEvent?.({
          kind: 'response',
          ...tag(options),
          status: answered,
          requestedCost: cost?.requestedQueryCost ?? null,
          actualCost: cost?.actualQueryCost ?? null,
          throttle: cost?.throttleStatus ?? null,
        });
      }

      const errors = response.errors;
      if (!errors) {
        return {
          data: response.data as T,
          requestedCost: cost?.requestedQueryCost ?? null,
          actualCost: cost?.actualQueryCost ?? null,
        };
      }
      const graphQLErrors = (errors.graphQLErrors ?? []) as GraphQLErrorLike[];
      const status = errors.networkStatusCode;
      if (graphQLErrors.some((error) => error.extensions?.code === 'THROTTLED')) {
        // Admitted cost we did not have: wait until the bucket holds it again, plus a little jitter.
        const waitMs =
          this.#bucket.waitMs(cost?.requestedQueryCost ?? requested, clock.now()) + Math.floor(random() * 250);
        onEvent?.({ kind: 'throttled', waitMs, attempt, ...tag(options) });
        if (attempt >= maxAttempts) {
          const error = this.#error(
            'SHOPIFY_THROTTLED',
            'transient',
            'still throttled after every attempt',
            attempt,
            options,
            status,
          );
          // When the bucket will hold the query again: the job's own retry waits at least that long.
          error.details.retryAfterMs = waitMs;
          throw error;
        }
        const slept = clock.now();
        await clock.sleep(waitMs);
        onEvent?.({ kind: 'waited', waitMs: clock.now() - slept, cause: 'throttled', ...tag(options) });
        continue;
      }
      if (status === 401 || status === 403) {
        throw this.#error(
          'SHOPIFY_UNAUTHORIZED',
          'permanent',
          `the shop refused our access token (HTTP ${status}); reconnect the store or check the app's scopes`,
          attempt,
          options,
          status,
        );
      }
      if (status === undefined && graphQLErrors.length === 0) {
        // No answer at all (connection refused or reset, DNS, timeout): the official client reports it as errors
        // without a status rather than throwing, and it is as transient as a thrown failure.
        await this.#retryOrThrow(
          'SHOPIFY_TIMEOUT',
          `no answer: ${errors.message ?? 'the request failed'}`,
          attempt,
          options,
        );
        continue;
      }
      if (status === 429 || (status !== undefined && status >= 500)) {
        await this.#retryOrThrow('SHOPIFY_UNAVAILABLE', `HTTP ${status}`, attempt, options, status);
        continue;
      }
      const tooCostly = graphQLErrors.find((error) => error.extensions?.code === 'MAX_COST_EXCEEDED');
      if (tooCostly) {
        throw this.#error('SHOPIFY_QUERY_TOO_COSTLY', 'permanent', tooCostly.message, attempt, options, status);
      }
      const messages = graphQLErrors.map((error) => error.message).join('; ') || errors.message || 'unknown error';
      throw this.#error('SHOPIFY_GRAPHQL_ERROR', 'permanent', messages, attempt, options, status);
    }
  }

  #clientFor(token: string): AdminApiClient {
    if (this.#api?.token === token) return this.#api.client;
    const baseFetch = this.#options.fetch ?? fetch;
    const timeoutMs = this.#options.timeoutMs;
    const client = createAdminApiClient({
      storeDomain: this.#options.storeDomain,
      apiVersion: this.#options.apiVersion ?? SHOPIFY_API_VERSION,
      accessToken: token,
      customFetchApi: (url, init) => baseFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      // Its only log is a warning that the pinned version is past Shopify's support window; the pin is deliberate
      // (our types come from that version's schema), and an upgrade is a code change, not a runtime surprise.
      logger: () => undefined,
    });
    this.#api = { token, client };
    return client;
  }

  async #retryOrThrow(
    code: 'SHOPIFY_TIMEOUT' | 'SHOPIFY_UNAVAILABLE',
    reason: string,
    attempt: number,
    options: RequestOptions,
    status?: number,
  ): Promise<void> {
    if (attempt >= this.#options.maxAttempts) throw this.#error(code, 'transient', reason, attempt, options, status);
    const waitMs = backoffMs(attempt, this.#options.random);
    this.#options.onEvent?.({ kind: 'retry', reason, waitMs, attempt, ...tag(options) });
    const slept = this.#options.clock.now();
    await this.#options.clock.sleep(waitMs);
    if (status === 429) {
      const waited = this.#options.clock.now() - slept;
      this.#options.onEvent?.({ kind: 'waited', waitMs: waited, cause: 'http-429', ...tag(options) });
    }
  }

  #error(
    code: ShopifyApiError['code'],
    errorClass: ShopifyApiError['errorClass'],
    reason: string,
    attempts: number,
    options: RequestOptions,
    status?: number,
  ): ShopifyApiError {
    return new ShopifyApiError(code, errorClass, `Shopify ${this.shop}: ${reason} (after ${attempts} attempt(s)).`, {
      shop: this.shop,
      attempts,
      ...(status !== undefined ? { status } : {}),
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
  }
}

function tag(options: RequestOptions): Tagged {
  return options.correlationId ? { correlationId: options.correlationId } : {};
}
