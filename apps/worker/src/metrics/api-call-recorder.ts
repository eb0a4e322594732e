import type { ApiCallDelta } from '@shopverse/db';
import type { DataverseClientEvent } from '@shopverse/dataverse';
import type { ShopifyClientEvent } from '@shopverse/shopify';
import type { AppLogger } from '../logger';

/** Where the counts go; `addApiCallStats` on the worker's database in production. */
export type ApiCallWriter = (deltas: ApiCallDelta[]) => Promise<void>;

export interface ApiCallRecorderOptions {
  write: ApiCallWriter;
  now: () => Date;
  /** How often the counts are written; a crash loses at most this much. */
  flushMs?: number;
  logger: Pick<AppLogger, 'warn'>;
}

const DEFAULT_FLUSH_MS = 5_000;
const MINUTE_MS = 60_000;

type Counts = Pick<ApiCallDelta, 'requests' | 'throttled' | 'throttleWaitMs' | 'errors'>;

/**
 * Adds up the clients' events in memory per API, store or org, and minute, and writes them every few seconds with
 * one upsert that adds to the rows: one write per flush instead of one per request, and several worker processes
 * still give one set of figures.
 */
export class ApiCallRecorder {
  #pending = new Map<string, ApiCallDelta>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(private readonly options: ApiCallRecorderOptions) {}

  /** The listener for one store's Shopify client. */
  shopify(storeId: string): (event: ShopifyClientEvent) => void {
    return (event) => {
      switch (event.kind) {
        case 'response':
          // A 429 is Shopify's REST-style limit; THROTTLED (a 200) comes as its own event.
          this.#add('shopify', storeId, {
            requests: 1,
            throttled: event.status === 429 ? 1 : 0,
            errors: event.status >= 500 ? 1 : 0,
          });
          break;
        case 'throttled':
          this.#add('shopify', storeId, { throttled: 1 });
          break;
        case 'failure':
          this.#add('shopify', storeId, { requests: 1, errors: 1 });
          break;
        case 'waited':
          this.#add('shopify', storeId, { throttleWaitMs: event.waitMs });
          break;
        default:
          // `wait` is the estimate before the wait (`waited` has the real time); `retry` follows a counted answer.
          break;
      }
    };
  }

  /** The listener for one org's Dataverse client. */
  dataverse(orgId: string): (event: DataverseClientEvent) => void {
    return (event) => {
      switch (event.kind) {
        case 'response':
          this.#add('dataverse', orgId, {
            requests: 1,
            throttled: event.status === 429 ? 1 : 0,
            errors: event.status >= 500 ? 1 : 0,
          });
          break;
        case 'failure':
          this.#add('dataverse', orgId, { requests: 1, errors: 1 });
          break;
        case 'waited':
          this.#add('dataverse', orgId, { throttleWaitMs: event.waitMs });
          break;
        default:
          // `throttled` repeats a 429 already counted from its `response`; `retry` follows a counted answer.
          break;
      }
    };
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), this.options.flushMs ?? DEFAULT_FLUSH_MS);
    // Counting must never keep a process alive that is otherwise done.
    this.#timer.unref();
  }

  /** Stops the timer and writes what is left; call it after the jobs in hand have finished. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  /** Writes the counts so far. A failed write keeps them for the next flush, so a database blip loses nothing. */
  async flush(): Promise<void> {
    // One write at a time: two overlapping writes of the same counts would add them twice on a retry.
    while (this.#flushing) await this.#flushing;
    if (this.#pending.size === 0) return;
    const deltas = [...this.#pending.values()];
    this.#pending = new Map();
    this.#flushing = this.options.write(deltas).then(
      () => undefined,
      (error: unknown) => {
        for (const delta of deltas) this.#add(delta.api, delta.subjectId, delta, delta.minute);
        this.options.logger.warn({ err: error, rows: deltas.length }, 'could not write API call stats; kept for later');
      },
    );
    try {
      await this.#flushing;
    } finally {
      this.#flushing = undefined;
    }
  }

  #add(api: ApiCallDelta['api'], subjectId: string, counts: Partial<Counts>, at?: Date): void {
    const minute = at ?? new Date(Math.floor(this.options.now().getTime() / MINUTE_MS) * MINUTE_MS);
    const key = `${api}|${subjectId}|${minute.getTime()}`;
    let delta = this.#pending.get(key);
    if (!delta) {
      delta = { api, subjectId, minute, requests: 0, throttled: 0, throttleWaitMs: 0, errors: 0 };
      this.#pending.set(key, delta);
    }
    delta.requests += counts.requests ?? 0;
    delta.throttled += counts.throttled ?? 0;
    delta.throttleWaitMs += counts.throttleWaitMs ?? 0;
    delta.errors += counts.errors ?? 0;
  }
}
