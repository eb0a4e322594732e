import { describe, expect, it } from 'vitest';
import { percentile } from './percentiles';

describe('percentile', () => {
  it('takes the nearest rank, never a value between two measured ones', () => {
    // Setup
    const timings = [7, 1, 3, 5, 9, 2, 4, 6, 8, 10];

    // Action
    const [p50, p90, p99, p100] = [50, 90, 99, 100].map((p) => percentile(timings, p));

    // Assertions
    expect(p50).toBe(5);
    expect(p90).toBe(9);
    expect(p99).toBe(10);
    expect(p100).toBe(10);
  });

  it('gives the p99 of 1,000 timings as the 990th smallest, whatever their order, and leaves them as they were', () => {
    // Setup
    const timings = Array.from({ length: 1000 }, (_, index) => ((index * 7919) % 1000) + 1);

    // Action
    const p99 = percentile(timings, 99);

    // Assertions
    expect(p99).toBe(990);
    expect(timings[1]).toBe(920);
  });

  it('refuses no values and a percentile out of range', () => {
    // Assertions
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 0)).toThrow(/above 0/);
    expect(() => percentile([1], 101)).toThrow(/at most 100/);
  });
});
