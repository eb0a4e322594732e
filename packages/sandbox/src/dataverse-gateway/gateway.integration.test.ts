import { afterEach, describe, expect, it } from 'vitest';
import type { StatsSnapshot } from './stats';
import { EXAMPLE_ACCOUNT_ID, FAKE_ORG_URL, startWithFake, type FakeSimulator } from './testing/start-with-fake';

/** Authentication, the control endpoint and fault injection of the gateway, over real HTTP with a fake org. */

let running: FakeSimulator | undefined;
afterEach(async () => {
  await running?.sim.close();
  running = undefined;
});

const ACCOUNT_PATH = `/api/data/v9.2/accounts(${EXAMPLE_ACCOUNT_ID})`;

async function control(simulator: FakeSimulator, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) };
  const response = await fetch(`${simulator.sim.url}/_sim/${path}`, init);
  expect(response.status).toBe(200);
  return response.json();
}

describe('authentication', () => {
  it('answers 401 with the Dataverse challenge without a token or with a token for another audience', async () => {
    // Setup
    running = await startWithFake();
    const { sim } = running;

    // Action
    const anonymous = await fetch(`${sim.url}${ACCOUNT_PATH}`);
    const otherAudience = await fetch(`${sim.url}${ACCOUNT_PATH}`, {
      headers: { Authorization: 'Bearer app-1@https://other.crm.dynamics.com' },
    });
    const accepted = await running.call(ACCOUNT_PATH);

    // Assertions
    for (const refused of [anonymous, otherAudience]) {
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(
        `Bearer authorization_uri=http://127.0.0.1:4003/tenant-1/oauth2/authorize, resource_id=${FAKE_ORG_URL}/`,
      );
      expect(await refused.text()).toBe('');
    }
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accountid: EXAMPLE_ACCOUNT_ID });
    const stats = (await control(running, 'stats')) as StatsSnapshot;
    expect(stats.totals.unauthorized).toBe(2);
    expect(stats.recentAuthFailures).toEqual(['no bearer token', 'the audience is not this org']);
  });

  it('answers 404 outside the Web API, and serves the control endpoint without a token', async () => {
    // Setup
    running = await startWithFake();

    // Action
    const outside = await running.call('/api/data/v9.1/accounts');
    const unknownControl = await fetch(`${running.sim.url}/_sim/nothing`);
    const limits = await control(running, 'limits');

    // Assertions
    expect(outside.status).toBe(404);
    expect(unknownControl.status).toBe(404);
    expect(limits).toMatchObject({ requests: 6000, executionTimeMs: 1_200_000, concurrent: 52, windowMs: 300_000 });
  });
});

describe('fault injection', () => {
  it('answers 503 with a Dataverse error body at an error rate of 1, set at runtime', async () => {
    // Setup
    running = await startWithFake();
    await control(running, 'faults', { errorRate: 1 });

    // Action
    const response = await running.call(ACCOUNT_PATH);

    // Assertions
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: '0x80040216', message: 'An unexpected error occurred.' } });
    const stats = (await control(running, 'stats')) as StatsSnapshot;
    expect(stats.totals.faults.error).toBe(1);
  });

  it('drops the connection without an answer, and holds a request until it is dropped', async () => {
    // Setup
    running = await startWithFake({ faults: { dropRate: 1 } });

    // Action
    const dropped = await running.call(ACCOUNT_PATH).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await control(running, 'faults', { dropRate: 0, timeoutRate: 1, timeoutHoldMs: 50 });
    const held = await running.call(ACCOUNT_PATH).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );

    // Assertions
    expect(dropped).toBe('fetch failed');
    expect(held).toBe('fetch failed');
    const stats = (await control(running, 'stats')) as StatsSnapshot;
    expect(stats.totals.faults).toEqual({ error: 0, timeout: 1, drop: 1, 'lost-answer': 0 });
  });

  it('adds the configured latency', async () => {
    // Setup
    running = await startWithFake({ faults: { latency: { kind: 'fixed', ms: 120 } } });

    // Action
    const started = performance.now();
    const response = await running.call(ACCOUNT_PATH);
    const elapsed = performance.now() - started;

    // Assertions: a lower bound only; how much more it took is not this test's business
    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(110);
  });

  it('makes answers wait for their modelled execution time when asked to', async () => {
    // Setup: a read by id is modelled at 40 ms and waited for 3 times over
    running = await startWithFake({ executionTime: { readByIdMs: 40 }, faults: { executionDelayFactor: 3 } });

    // Action
    const started = performance.now();
    const response = await running.call(ACCOUNT_PATH);
    const elapsed = performance.now() - started;

    // Assertions: a lower bound only
    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(110);
  });
});
