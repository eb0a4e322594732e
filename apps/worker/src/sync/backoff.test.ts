import { describe, expect, it } from 'vitest';
import {
  DEPENDENCY_BASE_MS,
  DEPENDENCY_CAP_MS,
  MAX_RETRIES,
  MAX_RETRY_AFTER_MS,
  mayRetry,
  MIN_DELAY_MS,
  retryDelayMs,
  TRANSIENT_BASE_MS,
  TRANSIENT_CAP_MS,
} from './backoff';

/** A pinned draw just below 1: the top of the jitter range. */
const TOP = () => 0.999_999_999;
const BOTTOM = () => 0;

describe('retryDelayMs', () => {
  it('draws a transient delay within [floor, base * 2^retry], the ceiling doubling per retry', () => {
    for (let retry = 0; retry < 6; retry++) {
      // Setup
      const ceiling = TRANSIENT_BASE_MS * 2 ** retry;

      // Action
      const high = retryDelayMs({ errorClass: 'transient', retry, random: TOP });
      const low = retryDelayMs({ errorClass: 'transient', retry, random: BOTTOM });
      const middle = retryDelayMs({ errorClass: 'transient', retry, random: () => 0.5 });

      // Assertions
      expect(high).toBeLessThanOrEqual(ceiling);
      expect(high).toBeGreaterThan(ceiling - 2);
      expect(low).toBe(MIN_DELAY_MS);
      expect(middle).toBe(Math.floor(ceiling / 2));
    }
  });

  it('spreads delays over the whole range (full jitter), so jobs failed together come back apart', () => {
    // Setup
    const draws = Array.from({ length: 200 }, (_, index) => index / 200);

    // Action
    const delays = draws.map((draw) => retryDelayMs({ errorClass: 'transient', retry: 3, random: () => draw }));

    // Assertions
    expect(new Set(delays).size).toBeGreaterThan(190);
    expect(Math.min(...delays)).toBe(MIN_DELAY_MS);
    expect(Math.max(...delays)).toBeGreaterThan(TRANSIENT_BASE_MS * 8 * 0.99);
  });

  it('never exceeds the cap, however many retries (no overflow to Infinity or NaN)', () => {
    for (const retry of [12, 40, 2000]) {
      // Action
      const transient = retryDelayMs({ errorClass: 'transient', retry, random: TOP });
      const dependency = retryDelayMs({ errorClass: 'dependency', retry, random: TOP });

      // Assertions
      expect(transient).toBeLessThanOrEqual(TRANSIENT_CAP_MS);
      expect(transient).toBeGreaterThan(TRANSIENT_CAP_MS * 0.99);
      expect(dependency).toBeLessThanOrEqual(DEPENDENCY_CAP_MS);
      expect(dependency).toBeGreaterThan(DEPENDENCY_CAP_MS * 0.99);
    }
  });

  it('waits shorter for a dependency than for a transient failure', () => {
    // Action
    const dependency = retryDelayMs({ errorClass: 'dependency', retry: 0, random: TOP });
    const transient = retryDelayMs({ errorClass: 'transient', retry: 0, random: TOP });

    // Assertions
    expect(dependency).toBeLessThanOrEqual(DEPENDENCY_BASE_MS);
    expect(dependency).toBeLessThan(transient);
  });

  it('honours a Retry-After longer than the drawn delay, even past the cap', () => {
    // Setup
    const retryAfterMs = TRANSIENT_CAP_MS + 90_000;

    // Action
    const short = retryDelayMs({ errorClass: 'transient', retry: 0, retryAfterMs: 45_000, random: BOTTOM });
    const long = retryDelayMs({ errorClass: 'transient', retry: 9, retryAfterMs, random: TOP });
    const dependency = retryDelayMs({ errorClass: 'dependency', retry: 0, retryAfterMs: 20_000, random: TOP });

    // Assertions
    expect(short).toBe(45_000);
    expect(long).toBe(retryAfterMs);
    expect(dependency).toBe(20_000);
  });

  it('keeps the drawn delay when Retry-After is shorter, and ignores a nonsensical one', () => {
    // Action
    const shorter = retryDelayMs({ errorClass: 'transient', retry: 2, retryAfterMs: 1_000, random: () => 0.5 });
    const negative = retryDelayMs({ errorClass: 'transient', retry: 2, retryAfterMs: -5, random: () => 0.5 });
    const huge = retryDelayMs({ errorClass: 'transient', retry: 0, retryAfterMs: 1e15, random: BOTTOM });
    const nan = retryDelayMs({ errorClass: 'transient', retry: 0, retryAfterMs: Number.NaN, random: BOTTOM });

    // Assertions
    expect(shorter).toBe(TRANSIENT_BASE_MS * 2);
    expect(negative).toBe(TRANSIENT_BASE_MS * 2);
    expect(huge).toBe(MAX_RETRY_AFTER_MS);
    expect(nan).toBe(MIN_DELAY_MS);
  });

  it('keeps the whole transient schedule to a few hours at most', () => {
    // Action
    let total = 0;
    for (let retry = 0; retry < MAX_RETRIES; retry++) {
      total += retryDelayMs({ errorClass: 'transient', retry, random: TOP });
    }

    // Assertions
    expect(total).toBeGreaterThan(3 * 60 * 60_000);
    expect(total).toBeLessThanOrEqual(5 * 60 * 60_000);
  });
});

describe('mayRetry', () => {
  it('allows MAX_RETRIES retries and no more', () => {
    // Assertions
    expect(mayRetry(0)).toBe(true);
    expect(mayRetry(MAX_RETRIES - 1)).toBe(true);
    expect(mayRetry(MAX_RETRIES)).toBe(false);
  });
});
