import { useTestDatabase } from '@shopverse/db/testing';
import { readCustomers } from '@shopverse/shopify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until } from './sync-harness';

/** The part of the Dataverse simulator's `_sim/stats` read here. */
interface OrgStats {
  totals: { requests: number; throttled: Record<string, number>; unauthorized: number };
}

interface CallRow {
  api: 'shopify' | 'dataverse';
  subjectId: string;
  requests: number;
  throttled: number;
  waitMs: number;
  errors: number;
}

describe('API call stats of a real sync, through the Shopify and Dataverse simulators', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness(database, {
      settings: { customers: { target: 'b2b', matchingKeys: ['linkedId', 'alternateKey', 'email', 'phone'] } },
      demo: { customers: 12, orders: 0 },
      worker: false,
    });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('leaves rows for the store and the org, with as many Dataverse requests and 429s as the org answered', async () => {
    // Setup: the customers to sync; the org's counts start from zero (provisioning made calls of its own).
    const gids: string[] = [];
    for await (const page of readCustomers(harness.shopify)) gids.push(...page.map((customer) => customer.gid));
    await harness.sim('reset', 'POST');
    // A tight request limit, so that the sync meets 429s and waits them out, as a busy org makes it.
    const limits = await fetch(`${harness.sandbox.details.dataverse.url}/_sim/limits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: 6, windowMs: 1000 }),
    });
    expect(limits.ok).toBe(true);
    await harness.startWorker();
    const { sql } = database();
    const totals = async () => {
      const rows = await sql<CallRow[]>`
        select api, subject_id::text as "subjectId", sum(requests)::int as requests, sum(throttled)::int as throttled,
               sum(throttle_wait_ms)::float8 as "waitMs",
               sum(errors)::int as errors
        from api_call_stats group by api, subject_id order by api`;
      return rows;
    };
    // Action
    await harness.syncEach(
      'shopify_customer__sync',
      gids.map((customerGid) => ({ customerGid })),
    );
    const org = await harness.sim<OrgStats>('stats');
    // Every answer the org gave the worker: admitted requests, 429s and 401s (the simulator counts those apart).
    const answered =
      org.totals.requests +
      Object.values(org.totals.throttled).reduce((sum, count) => sum + count, 0) +
      org.totals.unauthorized;
    // The worker writes its counts every few seconds: wait for them to catch up.
    const rows = await until(
      async () => {
        const current = await totals();
        const dataverse = current.find((row) => row.api === 'dataverse');
        return dataverse && dataverse.requests >= answered ? current : undefined;
      },
      'the worker to write its API call counts',
      20_000,
    );
    // Assertions
    const [{ id: orgId } = { id: '' }] = await sql<{ id: string }[]>`select id::text from crm_orgs`;
    expect(answered).toBeGreaterThan(0);
    const throttled = Object.values(org.totals.throttled).reduce((sum, count) => sum + count, 0);
    expect(throttled).toBeGreaterThan(0);
    expect(rows).toEqual([
      {
        api: 'dataverse',
        subjectId: orgId,
        requests: answered,
        throttled,
        // Each 429 names a wait (Retry-After), which the requests sat out.
        waitMs: expect.any(Number) as number,
        errors: 0,
      },
      {
        api: 'shopify',
        subjectId: harness.storeId,
        // Each customer is read from the Admin API at least once.
        requests: expect.any(Number) as number,
        throttled: 0,
        // Jobs that start together may wait for the cost bucket a fresh client assumes, or not.
        waitMs: expect.any(Number) as number,
        errors: 0,
      },
    ]);
    expect(rows[0]?.waitMs).toBeGreaterThan(0);
    expect(rows[1]?.requests).toBeGreaterThanOrEqual(gids.length);
  });
});
