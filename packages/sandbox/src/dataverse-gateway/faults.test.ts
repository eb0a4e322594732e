import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults';

describe('FaultInjector', () => {
  it('draws the same faults from the same seed, at about the configured rates', () => {
    // Setup
    const settings = { errorRate: 0.2, dropRate: 0.1, latency: { kind: 'uniform', minMs: 5, maxMs: 15 } } as const;
    const first = new FaultInjector({ ...settings, seed: 42 });
    const second = new FaultInjector({ ...settings, seed: 42 });

    // Action
    const a = Array.from({ length: 2000 }, () => first.decide());
    const b = Array.from({ length: 2000 }, () => second.decide());

    // Assertions
    expect(a).toEqual(b);
    const share = (outcome: string) => a.filter((decision) => decision.outcome === outcome).length / a.length;
    expect(share('error')).toBeGreaterThan(0.17);
    expect(share('error')).toBeLessThan(0.23);
    expect(share('drop')).toBeGreaterThan(0.08);
    expect(share('drop')).toBeLessThan(0.12);
    expect(share('timeout')).toBe(0);
    expect(Math.min(...a.map((decision) => decision.latencyMs))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...a.map((decision) => decision.latencyMs))).toBeLessThanOrEqual(15);
  });
});
