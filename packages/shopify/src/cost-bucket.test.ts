import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, CostBucket, maxPageSize } from './cost-bucket';

const standard = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };

describe('CostBucket', () => {
  it('admits at once while the bucket holds the cost, then waits exactly for the restore', () => {
    // Setup
    const bucket = new CostBucket(0, standard);
    // Action
    bucket.take(1800, 0);
    // Assertions
    expect(bucket.waitMs(200, 0)).toBe(0);
    expect(bucket.waitMs(700, 0)).toBe(5000); // 500 missing at 100/s
    expect(bucket.waitMs(700, 5000)).toBe(0);
  });

  it('never restores above the maximum', () => {
    const bucket = new CostBucket(0, { ...standard, currentlyAvailable: 1990 });
    expect(bucket.available(60_000)).toBe(2000);
  });

  it('adopts the shop’s figures from a response, including a refund to the actual cost', () => {
    const bucket = new CostBucket(0, standard);
    bucket.take(1000, 0);
    bucket.observe({ ...standard, currentlyAvailable: 1900 }, 10);
    expect(bucket.available(10)).toBe(1900);
  });

  it('starts conservatively before it knows the plan', () => {
    const bucket = new CostBucket(0);
    expect(bucket.maximumAvailable).toBe(1000);
    expect(bucket.restoreRate).toBe(50);
  });

  it('a client that waits as told is never refused by a bucket that follows the same rules', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 200 }), (costs) => {
        const bucket = new CostBucket(0, standard);
        let shop = standard.maximumAvailable;
        let now = 0;
        let last = 0;
        for (const cost of costs) {
          now += bucket.waitMs(cost, now);
          shop = Math.min(standard.maximumAvailable, shop + ((now - last) / 1000) * standard.restoreRate);
          last = now;
          if (shop + 1e-9 < cost) return false;
          shop -= cost;
          bucket.take(cost, now);
        }
        return true;
      }),
    );
  });
});

describe('maxPageSize', () => {
  it('keeps a page of orders with 50 line items each under 1000 points', () => {
    // An order (1) with lineItems(first: 50) (2 + 50 × 1) costs 53 per node.
    const size = maxPageSize({ nodeCost: 53, overhead: 1 });
    expect(size).toBe(18);
    expect(2 + size * 53 + 1).toBeLessThanOrEqual(1000);
    expect(2 + (size + 1) * 53 + 1).toBeGreaterThan(1000);
  });

  it('caps at 250 and refuses a node too dear for any page', () => {
    expect(maxPageSize({ nodeCost: 1 })).toBe(250);
    expect(() => maxPageSize({ nodeCost: 1200 })).toThrow(/exceeds the 1000-point maximum/);
  });
});

describe('backoffMs', () => {
  it('stays within the doubling cap', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const wait = backoffMs(attempt, () => r);
        return wait >= 0 && wait <= Math.min(30_000, 500 * 2 ** attempt);
      }),
    );
  });
});
