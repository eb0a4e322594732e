import type { FailureClass } from './sync-error';

/**
 * Our own retries of a record's sync (issue 8). graphile-worker's backoff (exp(attempts) seconds) has no jitter, so
 * the jobs that one outage failed together would all come back together, and it cannot honour a Retry-After: so a
 * failed sync re-queues itself with the delay chosen here, and graphile-worker's retries are left for crashes.
 */

/** Retries after the first run before a job becomes a dead letter (11 runs in all). */
export const MAX_RETRIES = 10;

/**
 * Transient failures (429, 5xx, timeouts): full jitter over 30 s doubling per retry, capped at an hour. Ten retries
 * wait at most 30 s + 1 min + 2 + 4 + 8 + 16 + 32 min + 3 x 1 h, about 4 h (2 h on average): long enough to ride out an
 * outage of either API, short enough that a person sees the dead letter the same day.
 */
export const TRANSIENT_BASE_MS = 30_000;
export const TRANSIENT_CAP_MS = 60 * 60_000;

/**
 * Dependency failures (a record this one needs is not synced yet): its own job is queued or running, so a short
 * wait is enough; 5 s doubling to 5 min, about 25 min over ten retries at most.
 */
export const DEPENDENCY_BASE_MS = 5_000;
export const DEPENDENCY_CAP_MS = 5 * 60_000;

/** Full jitter can draw 0; a floor keeps a failing job from coming straight back. */
export const MIN_DELAY_MS = 1_000;

/** A Retry-After past a day is taken for a broken header rather than obeyed. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

export interface BackoffInput {
  errorClass: Exclude<FailureClass, 'permanent'>;
  /** Retries already made (0 before the first retry). */
  retry: number;
  /** What the server asked for (Retry-After), if it did. */
  retryAfterMs?: number;
  /** Uniform in [0, 1); passed in so tests can pin it. */
  random: () => number;
}

/**
 * Milliseconds until the next try: "full jitter" (a uniform draw up to the capped exponential, which spreads a herd
 * best of the usual schemes), never less than the server's Retry-After, which wins even past the cap.
 */
export function retryDelayMs(input: BackoffInput): number {
  const [base, cap] =
    input.errorClass === 'dependency' ? [DEPENDENCY_BASE_MS, DEPENDENCY_CAP_MS] : [TRANSIENT_BASE_MS, TRANSIENT_CAP_MS];
  // 2 ** retry overflows to Infinity past ~1000 retries; min() keeps the ceiling at the cap either way.
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, input.retry));
  const jittered = Math.max(MIN_DELAY_MS, Math.floor(input.random() * ceiling));
  const asked =
    input.retryAfterMs !== undefined && Number.isFinite(input.retryAfterMs)
      ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, input.retryAfterMs))
      : 0;
  return Math.max(jittered, Math.ceil(asked));
}

/** Whether a job that has made `retry` retries may make another. */
export function mayRetry(retry: number): boolean {
  return retry < MAX_RETRIES;
}
