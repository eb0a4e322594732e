import type { SimResponse } from '../http/types';

/**
 * Dataverse's service protection limits (api-limits; DATAVERSE.md): per user, over a 300 s sliding window, a count
 * of requests and a combined execution time, plus a cap on concurrent requests. Both window limits are checked
 * against what came before ("you can expect to exceed the number of requests and execution time limits ... before
 * the service protection API limits will take effect"), so the request that finds the budget spent is refused, not
 * the one that spends it; concurrency is refused at once.
 */
export interface ServiceProtectionLimits {
  /** Requests per window (a `$batch` counts once). Default 6000. */
  requests: number;
  /** Combined modelled execution time per window, in ms. Default 1,200,000. */
  executionTimeMs: number;
  /** Requests in flight at once. Default 52. */
  concurrent: number;
  /** The sliding window, in ms. Default 300,000. */
  windowMs: number;
}

/** The documented defaults per web server (api-limits). */
export const DEFAULT_LIMITS: ServiceProtectionLimits = {
  requests: 6000,
  executionTimeMs: 1_200_000,
  concurrent: 52,
  windowMs: 300_000,
};

/** Which limit refused a request. */
export type ThrottleKind = 'requests' | 'executionTime' | 'concurrency';

/** The outcome of asking to run a request: go ahead (and report its execution time when done), or a 429. */
export type Admission =
  | { ok: true; finish(executionMs: number): void }
  | { ok: false; kind: ThrottleKind; retryAfterSeconds: number; response: SimResponse };

interface WindowEntry {
  at: number;
  executionMs: number;
}

interface SubjectState {
  entries: WindowEntry[];
  inFlight: number;
  /** Until when the subject was told to wait; a request before then makes the wait longer. */
  blockedUntil: number;
  blockedKind: ThrottleKind;
}

/** The documented error codes and messages, with the configured numbers in them. */
export function throttleError(kind: ThrottleKind, limits: ServiceProtectionLimits): { code: string; message: string } {
  const seconds = Math.round(limits.windowMs / 1000);
  switch (kind) {
    case 'requests':
      return {
        code: '0x80072322',
        message: `Number of requests exceeded the limit of ${limits.requests} over time window of ${seconds} seconds.`,
      };
    case 'executionTime':
      return {
        code: '0x80072321',
        message: `Combined execution time of incoming requests exceeded limit of ${limits.executionTimeMs.toLocaleString('en-US')} milliseconds over time window of ${seconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
      };
    case 'concurrency':
      return {
        code: '0x80072326',
        message: `Number of concurrent requests exceeded the limit of ${limits.concurrent}.`,
      };
  }
}

/** Per-subject sliding windows. `now` is injectable so that tests slide the window without waiting. */
export class ServiceProtection {
  private limits: ServiceProtectionLimits;
  private readonly subjects = new Map<string, SubjectState>();

  constructor(
    limits: Partial<ServiceProtectionLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** The limits in force. */
  currentLimits(): ServiceProtectionLimits {
    return { ...this.limits };
  }

  /** Changes limits at runtime; waits already imposed are lifted so that the new limits apply at once. */
  setLimits(limits: Partial<ServiceProtectionLimits>): void {
    this.limits = { ...this.limits, ...limits };
    for (const state of this.subjects.values()) state.blockedUntil = 0;
  }

  /** Forgets every window (a fresh org for the next benchmark run). */
  reset(): void {
    this.subjects.clear();
  }

  private state(subject: string): SubjectState {
    let state = this.subjects.get(subject);
    if (!state) {
      state = { entries: [], inFlight: 0, blockedUntil: 0, blockedKind: 'requests' };
      this.subjects.set(subject, state);
    }
    const horizon = this.now() - this.limits.windowMs;
    while (state.entries.length > 0 && (state.entries[0]?.at ?? 0) <= horizon) state.entries.shift();
    return state;
  }

  /** When the window will have room again for `kind`: the expiry of the entry whose leaving brings it under limit. */
  private freeAt(state: SubjectState, kind: 'requests' | 'executionTime'): number {
    const { entries } = state;
    if (kind === 'requests') {
      const entry = entries[entries.length - this.limits.requests];
      return (entry?.at ?? this.now()) + this.limits.windowMs;
    }
    let total = entries.reduce((sum, entry) => sum + entry.executionMs, 0);
    for (const entry of entries) {
      total -= entry.executionMs;
      if (total < this.limits.executionTimeMs) return entry.at + this.limits.windowMs;
    }
    return this.now() + this.limits.windowMs;
  }

  private refuse(kind: ThrottleKind, waitMs: number): Admission {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const body = JSON.stringify({ error: throttleError(kind, this.limits) });
    return {
      ok: false,
      kind,
      retryAfterSeconds,
      response: {
        status: 429,
        headers: {
          'Content-Type': 'application/json; odata.metadata=minimal',
          'OData-Version': '4.0',
          'Retry-After': String(retryAfterSeconds),
        },
        body,
      },
    };
  }

  /** Decides whether `subject` may run a request now. */
  admit(subject: string): Admission {
    const now = this.now();
    const state = this.state(subject);
    if (now < state.blockedUntil) {
      // "If the application continues to send such demanding requests, the duration will be extended" (api-limits):
      // a request before Retry-After elapsed doubles what is left of the wait, up to the window.
      const waitMs = Math.min(this.limits.windowMs, Math.max(1000, (state.blockedUntil - now) * 2));
      state.blockedUntil = now + waitMs;
      return this.refuse(state.blockedKind, waitMs);
    }
    const spent = state.entries.reduce((sum, entry) => sum + entry.executionMs, 0);
    const over: ThrottleKind | undefined =
      state.entries.length >= this.limits.requests
        ? 'requests'
        : spent >= this.limits.executionTimeMs
          ? 'executionTime'
          : undefined;
    if (over !== undefined) {
      const waitMs = Math.max(1000, this.freeAt(state, over) - now);
      state.blockedUntil = now + waitMs;
      state.blockedKind = over;
      return this.refuse(over, waitMs);
    }
    if (state.inFlight >= this.limits.concurrent) return this.refuse('concurrency', 1000);
    const entry: WindowEntry = { at: now, executionMs: 0 };
    state.entries.push(entry);
    state.inFlight += 1;
    let finished = false;
    return {
      ok: true,
      finish: (executionMs: number) => {
        if (finished) return;
        finished = true;
        entry.executionMs = executionMs;
        state.inFlight -= 1;
      },
    };
  }

  /** The `x-ms-ratelimit-*-remaining-xrm-requests` headers Dataverse adds to responses (api-limits). */
  remainingHeaders(subject: string): Record<string, string> {
    const state = this.state(subject);
    const spent = state.entries.reduce((sum, entry) => sum + entry.executionMs, 0);
    return {
      'x-ms-ratelimit-burst-remaining-xrm-requests': String(Math.max(0, this.limits.requests - state.entries.length)),
      'x-ms-ratelimit-time-remaining-xrm-requests': String(Math.max(0, this.limits.executionTimeMs - spent)),
    };
  }
}
