import { describe, expect, it } from 'vitest';
import { backfillBounds, bindingNote } from './backfill-bounds';

const spend = {
  orders: 600,
  seconds: 180,
  dataverse: { requests: 5_400, executionTimeMs: 240_000 },
  shopify: { requests: 1_200, costPoints: 39_000 },
  limits: { requests: 6_000, executionTimeMs: 1_200_000, windowMs: 300_000 },
  shopifyRestoreRate: 1_000,
  syncsAtOnce: 4,
  meanLatencyMs: 55,
};

describe('backfillBounds', () => {
  it('computes each ceiling from what was spent per order and names the lowest', () => {
    // Action
    const bounds = backfillBounds(spend);

    // Assertions
    expect(bounds.rate).toBeCloseTo(600 / 180);
    expect(bounds.executionTime.ordersPerSecond).toBeCloseTo(4_000 / 400);
    expect(bounds.requests.ordersPerSecond).toBeCloseTo(20 / 9);
    expect(bounds.shopifyCost.ordersPerSecond).toBeCloseTo(1_000 / 65);
    expect(bounds.networkWait.ordersPerSecond).toBeCloseTo(4_000 / (11 * 55 + 400));
    expect(bounds.lowest.name).toBe('request limit');
  });

  it('holds the rate to the request limit only once the window allowance is spent', () => {
    // Setup
    const bounds = backfillBounds(spend);
    const window = { requestsAllowed: 6_000, windowSeconds: 300, throttled: 0 };

    // Assertions
    expect(bindingNote(bounds, { ...window, requestsSpent: 5_400 })).toMatch(/^over the window, the network wait/);
    expect(bindingNote(bounds, { ...window, requestsSpent: 5_400 })).toMatch(/over a longer run it binds first$/);
    expect(bindingNote(bounds, { ...window, requestsSpent: 6_000 })).toMatch(
      /^over the window, the request limit held it once the 6000 requests a 300 s window allows were spent .*, below the rate/,
    );
  });
});
