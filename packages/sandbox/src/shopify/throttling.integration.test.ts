/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   GraphQL results are read loosely here; the assertions check their values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_LIMITS, startShopifySimulator, type RunningShopifySimulator, type ShopPlan } from './index';
import { testClock, US_SHOP, usOrderInput } from './testing/shop-fixtures';
import type { Loose } from './testing/run';

/**
 * Throttling over real HTTP with a hand-moved clock: a minute of traffic runs in milliseconds. The query asks for
 * 80 orders with 8 line items each and the shops hold exactly that, so its actual cost equals its requested cost
 * (2 + 80 x (1 + 2 + 8) = 882) and nothing is refunded.
 */
const QUERY = '{ orders(first: 80) { edges { node { id lineItems(first: 8) { nodes { id } } } } } }';
const COST = 882;
const PLANS: ShopPlan[] = ['standard', 'advanced', 'plus', 'enterprise'];

const clock = testClock();
let sim: RunningShopifySimulator;

function domainOf(plan: ShopPlan): string {
  return `throttle-${plan}.myshopify.com`;
}

async function ask(plan: ShopPlan): Promise<Loose> {
  const response = await fetch(sim.adminUrl(domainOf(plan)), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': `shpat_${plan}` },
    body: JSON.stringify({ query: QUERY }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  sim = await startShopifySimulator({
    shops: PLANS.map((plan) => ({ ...US_SHOP, domain: domainOf(plan), accessToken: `shpat_${plan}`, plan })),
    now: clock.now,
  });
  for (const shop of sim.shops.values()) for (let i = 0; i < 80; i += 1) shop.createOrder(usOrderInput(i, 8));
});
afterAll(async () => {
  await sim.close();
});

describe('cost-based throttling', () => {
  it.each(PLANS)('throttles a client that ignores throttleStatus at the %s plan’s rate', async (plan) => {
    // Setup: enough requests to drain the bucket and then run a minute at the restore rate.
    const { bucket, restoreRate } = PLAN_LIMITS[plan];
    const perSecond = Math.ceil((bucket / COST + (restoreRate * 60) / COST) / 60) * 2;
    const steps = perSecond * 60;
    let admitted = 0;
    let throttled = 0;
    let firstThrottle: Loose = null;
    // Action
    for (let i = 0; i < steps; i += 1) {
      const body = await ask(plan);
      if (body.errors?.[0]?.extensions?.code === 'THROTTLED') {
        throttled += 1;
        firstThrottle ??= body;
      } else admitted += 1;
      clock.advance(1000 / perSecond);
    }
    // Assertions: admitted = what the full bucket plus a minute of restore pays for, within one request.
    const elapsed = (steps - 1) / perSecond;
    const expected = Math.floor((bucket + restoreRate * elapsed) / COST);
    expect(Math.abs(admitted - expected)).toBeLessThanOrEqual(1);
    expect(throttled).toBe(steps - admitted);
    expect(firstThrottle).toMatchObject({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      extensions: {
        cost: {
          requestedQueryCost: COST,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: bucket, restoreRate },
        },
      },
    });
    expect(firstThrottle.data).toBeUndefined();
    clock.advance((bucket / restoreRate + 1) * 1000);
  });

  it('never throttles a client that waits for the bucket as throttleStatus tells it', async () => {
    // Setup
    const { bucket, restoreRate } = PLAN_LIMITS.standard;
    const requests = 40;
    const started = clock.now().getTime();
    let available = bucket;
    let throttled = 0;
    // Action
    for (let i = 0; i < requests; i += 1) {
      if (available < COST) clock.advance(Math.ceil(((COST - available) / restoreRate) * 1000));
      const body = await ask('standard');
      if (body.errors?.[0]?.extensions?.code === 'THROTTLED') throttled += 1;
      available = body.extensions.cost.throttleStatus.currentlyAvailable;
    }
    // Assertions: no throttling, and the pace is the restore rate (it waited no longer than it had to).
    const waited = (clock.now().getTime() - started) / 1000;
    expect(throttled).toBe(0);
    expect(waited).toBeLessThanOrEqual((requests * COST - bucket) / restoreRate + 2);
  });
});
