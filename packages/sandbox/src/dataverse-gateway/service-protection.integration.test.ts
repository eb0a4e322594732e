import { afterEach, describe, expect, it } from 'vitest';
import { writeBatchRequest } from './multipart';
import type { StatsSnapshot } from './stats';
import { EXAMPLE_ACCOUNT_ID, startWithFake, type FakeSimulator } from './testing/start-with-fake';

/**
 * Load against small configured limits with a hand-moved clock: the simulator answers 429 with Retry-After once the
 * request or execution-time budget is spent, and admits again as the window slides. No real waiting.
 */

let running: FakeSimulator | undefined;
afterEach(async () => {
  await running?.sim.close();
  running = undefined;
});

function manualClock(): { now: () => number; advance: (ms: number) => void; at: () => number } {
  let time = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => time, advance: (ms) => (time += ms), at: () => time };
}

const ACCOUNT_PATH = `/api/data/v9.2/accounts(${EXAMPLE_ACCOUNT_ID})`;

async function stats(simulator: FakeSimulator): Promise<StatsSnapshot> {
  return (await (await fetch(`${simulator.sim.url}/_sim/stats`)).json()) as StatsSnapshot;
}

describe('service protection under load', () => {
  it('throttles by request count, tells when to come back, and recovers as the window slides', async () => {
    // Setup: 20 requests per 60 s; a client sending one request per simulated second that honours Retry-After
    const clock = manualClock();
    running = await startWithFake({ limits: { requests: 20, windowMs: 60_000 }, now: clock.now });
    const admittedAt: number[] = [];
    const throttles: { at: number; retryAfter: number; code: string }[] = [];

    // Action: 150 simulated seconds of load
    const end = clock.at() + 150_000;
    while (clock.at() < end) {
      const response = await running.call(ACCOUNT_PATH);
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        const body = (await response.json()) as { error: { code: string } };
        throttles.push({ at: clock.at(), retryAfter, code: body.error.code });
        clock.advance(retryAfter * 1000);
        continue;
      }
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      admittedAt.push(clock.at());
      clock.advance(1000);
    }

    // Assertions
    expect(throttles.length).toBeGreaterThanOrEqual(2);
    for (const throttle of throttles) {
      expect(throttle.code).toBe('0x80072322');
      expect(throttle.retryAfter).toBeGreaterThan(0);
    }
    // Every wait that was honoured ended in an admission (the request right after each 429 succeeded)...
    const honoured = throttles.filter((throttle) => throttle.at + throttle.retryAfter * 1000 < end);
    expect(honoured.length).toBeGreaterThanOrEqual(2);
    for (const throttle of honoured) expect(admittedAt).toContain(throttle.at + throttle.retryAfter * 1000);
    // ...and no 60 s window ever held more than 20 admitted requests.
    for (const start of admittedAt) {
      expect(admittedAt.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(20);
    }
    const counted = await stats(running);
    expect(counted.totals.requests).toBe(admittedAt.length);
    expect(counted.totals.throttled.requests).toBe(throttles.length);
    expect(counted.subjects['app-1']?.throttled.requests).toBe(throttles.length);
  });

  it('throttles by combined execution time, a $batch costing all its operations but counting once', async () => {
    // Setup: 300 ms of execution per 60 s, creates modelled at 30 ms: a batch of 4 creates costs 120 ms
    const clock = manualClock();
    running = await startWithFake({
      limits: { executionTimeMs: 300, windowMs: 60_000 },
      executionTime: { createMs: 30 },
      now: clock.now,
    });
    const batch = () =>
      running?.call('/api/data/v9.2/$batch', {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed; boundary=batch_L' },
        body: writeBatchRequest(
          Array.from({ length: 4 }, (_, index) => ({
            kind: 'single' as const,
            request: { method: 'POST', url: 'tasks', headers: {}, body: JSON.stringify({ subject: `t${index}` }) },
          })),
          'batch_L',
        ),
      });

    // Action: three batches 10 s apart spend 360 ms; the fourth finds the budget spent
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await batch())?.status ?? 0);
      clock.advance(10_000);
    }
    const refused = await batch();
    const retryAfter = Number(refused?.headers.get('retry-after'));
    clock.advance(retryAfter * 1000);
    const recovered = await batch();

    // Assertions: dropping the first batch (t=0, leaves at 60 s) frees enough; the fourth came at 30 s
    expect(statuses).toEqual([200, 200, 200]);
    expect(refused?.status).toBe(429);
    expect(retryAfter).toBe(30);
    expect(await refused?.json()).toMatchObject({ error: { code: '0x80072321' } });
    expect(recovered?.status).toBe(200);
    const counted = await stats(running);
    expect(counted.totals).toMatchObject({ requests: 4, operations: 16, executionTimeMs: 480 });
    expect(counted.totals.throttled).toEqual({ requests: 0, executionTime: 1, concurrency: 0 });
  });

  it('refuses concurrent requests beyond the limit at once, and admits again once one finishes', async () => {
    // Setup: two requests may run at once; the org keeps the first two in flight until the test lets them go
    const simulator = await startWithFake({ limits: { concurrent: 2 } });
    running = simulator;
    let release: () => void = () => undefined;
    simulator.org.hold = new Promise((resolve) => (release = resolve));
    const inFlight = [simulator.call(ACCOUNT_PATH), simulator.call(ACCOUNT_PATH)];
    while (simulator.org.received < 2) await new Promise((resolve) => setTimeout(resolve, 5));

    // Action
    const refused = await Promise.all([simulator.call(ACCOUNT_PATH), simulator.call(ACCOUNT_PATH)]);
    release();
    const finished = await Promise.all(inFlight);
    const after = await simulator.call(ACCOUNT_PATH);

    // Assertions
    expect(refused.map((response) => response.status)).toEqual([429, 429]);
    expect(refused[0]?.headers.get('retry-after')).toBe('1');
    expect(await refused[0]?.json()).toEqual({
      error: { code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 2.' },
    });
    expect(finished.map((response) => response.status)).toEqual([200, 200]);
    expect(after.status).toBe(200);
    expect((await stats(simulator)).totals.throttled.concurrency).toBe(2);
  });

  it('counts each caller on its own and applies limits changed at runtime', async () => {
    // Setup
    const clock = manualClock();
    running = await startWithFake({ now: clock.now });
    await fetch(`${running.sim.url}/_sim/limits`, { method: 'POST', body: JSON.stringify({ requests: 1 }) });

    // Action
    const first = await running.call(ACCOUNT_PATH, { subject: 'app-1' });
    const second = await running.call(ACCOUNT_PATH, { subject: 'app-1' });
    const otherCaller = await running.call(ACCOUNT_PATH, { subject: 'app-2' });

    // Assertions
    expect([first.status, second.status, otherCaller.status]).toEqual([200, 429, 200]);
    expect(first.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBe('0');
    const reset = (await (await fetch(`${running.sim.url}/_sim/reset`, { method: 'POST' })).json()) as StatsSnapshot;
    expect(reset.totals.requests).toBe(0);
    expect((await running.call(ACCOUNT_PATH, { subject: 'app-1' })).status).toBe(200);
  });
});
