import { randomUUID } from 'node:crypto';
import { addApiCallStats, addJob, upsertStore } from '@shopverse/db';
import { crmOrgs, syncAttempts, webhookDeliveries } from '@shopverse/db/schema';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const quiet = new Logger(() => () => undefined);
/** Mid-afternoon: today is a partial day, 15 hours old. */
const NOW = new Date('2026-11-27T15:00:00.000Z');

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

const STATS = `query ($storeId: ID, $from: DateTime!, $to: DateTime!) {
  stats(storeId: $storeId, from: $from, to: $to) {
    storeId store day synced failed retried latencyP50Seconds latencyP95Seconds latencyP99Seconds throughputPerHour
    deliveriesReceived
  }
}`;
const QUEUE = `{ queue { depth ready running failed oldestJobAgeSeconds
  byTask { task depth ready running failed oldestJobAgeSeconds } } }`;
const API_CALLS = `query ($from: DateTime!, $to: DateTime!) {
  apiCalls(from: $from, to: $to) { api subjectId subject requests throttled throttleWaitSeconds errors }
}`;

/** The p-th percentile as PostgreSQL's percentile_cont computes it: linear between the closest ranks. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = sorted[Math.floor(rank)] ?? NaN;
  const high = sorted[Math.ceil(rank)] ?? NaN;
  return low + (high - low) * (rank - Math.floor(rank));
}

describe('stats over GraphQL', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  let storeId = '';
  let otherStoreId = '';
  let orgId = '';
  /** Latencies of yesterday's synced attempts, seconds. */
  const latencies = Array.from({ length: 20 }, (_, index) => (index + 1) * 1.5);

  const execute = async (query: string, variables: Record<string, unknown> = {}): Promise<Result> => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = { sql, db, actor: 'test', now: NOW, workerStaleSeconds: 60, role: 'operator' };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  afterAll(async () => {
    await server.stop();
  });

  beforeAll(async () => {
    // Setup: two days of attempts for one store, one attempt for another, deliveries, API calls and jobs.
    const { db, sql } = database();
    const box = SecretBox.fromBase64(generateSecretKey());
    const store = await upsertStore(db, box, {
      key: 'us',
      shopDomain: 'stats-us.myshopify.com',
      name: 'US',
      apiVersion: '2025-01',
    });
    const other = await upsertStore(db, box, {
      key: 'eu',
      shopDomain: 'stats-eu.myshopify.com',
      name: 'EU',
      apiVersion: '2025-01',
    });
    storeId = store.id;
    otherStoreId = other.id;
    const [org] = await db
      .insert(crmOrgs)
      .values({ name: 'Contoso', url: 'https://stats.crm.dynamics.com', apiUrl: 'x', tenantId: 't', clientId: 'c' })
      .returning();
    orgId = org?.id ?? '';
    const attempt = (at: string, outcome: 'created' | 'updated' | 'failed' | 'retrying', target = storeId) => ({
      correlationId: randomUUID(),
      storeId: target,
      entity: 'order',
      direction: 'shopify_to_crm' as const,
      outcome,
      startedAt: new Date(at),
    });
    await db.insert(syncAttempts).values([
      ...latencies.map((seconds, index) => {
        const finished = new Date(Date.parse('2026-11-26T10:00:00Z') + index * 60_000);
        return {
          ...attempt(finished.toISOString(), index % 2 === 0 ? ('created' as const) : ('updated' as const)),
          receivedAt: new Date(finished.getTime() - seconds * 1000),
          finishedAt: finished,
        };
      }),
      attempt('2026-11-26T11:00:00Z', 'failed'),
      attempt('2026-11-26T11:00:00Z', 'retrying'),
      attempt('2026-11-26T11:00:01Z', 'retrying'),
      // A dry run is no sync.
      { ...attempt('2026-11-26T12:00:00Z', 'created'), dryRun: true },
      attempt('2026-11-27T09:00:00Z', 'created'),
      attempt('2026-11-27T09:30:00Z', 'created'),
      attempt('2026-11-27T09:00:00Z', 'created', otherStoreId),
      // Outside the range asked for.
      attempt('2026-11-24T09:00:00Z', 'created'),
    ]);
    await db.insert(webhookDeliveries).values(
      ['2026-11-26T09:00:00Z', '2026-11-26T09:01:00Z', '2026-11-27T08:00:00Z'].map((at) => ({
        storeId,
        eventId: randomUUID(),
        topic: 'orders/updated',
        headers: {},
        body: '{}',
        correlationId: randomUUID(),
        receivedAt: new Date(at),
      })),
    );
    await addApiCallStats(db, [
      {
        api: 'shopify',
        subjectId: storeId,
        minute: new Date('2026-11-27T14:00:00Z'),
        requests: 40,
        throttled: 2,
        throttleWaitMs: 2500,
        errors: 1,
      },
      {
        api: 'shopify',
        subjectId: storeId,
        minute: new Date('2026-11-27T14:01:00Z'),
        requests: 2,
        throttled: 0,
        throttleWaitMs: 0,
        errors: 0,
      },
      {
        api: 'dataverse',
        subjectId: orgId,
        minute: new Date('2026-11-27T14:01:00Z'),
        requests: 9,
        throttled: 1,
        throttleWaitMs: 1000,
        errors: 0,
      },
      // Before the range asked for.
      {
        api: 'dataverse',
        subjectId: orgId,
        minute: new Date('2026-11-27T12:00:00Z'),
        requests: 100,
        throttled: 0,
        throttleWaitMs: 0,
        errors: 0,
      },
    ]);
    await runMigrations({ connectionString: database().url, logger: quiet });
    await addJob(sql, 'shopify_order__sync', { n: 1 });
    await addJob(sql, 'shopify_customer__sync', { n: 2 });
    await sql`update graphile_worker._private_jobs set created_at = ${new Date(NOW.getTime() - 120_000).toISOString()},
      run_at = ${new Date(NOW.getTime() - 120_000).toISOString()} where payload->>'n' = '1'`;
    await sql`update graphile_worker._private_jobs set created_at = ${new Date(NOW.getTime() - 30_000).toISOString()},
      run_at = ${new Date(NOW.getTime() + 600_000).toISOString()} where payload->>'n' = '2'`;
  });

  it('gives one store’s days: synced, failed, retried, latency percentiles, throughput and deliveries', async () => {
    // Action
    const result = await execute(STATS, { storeId, from: '2026-11-26T00:00:00Z', to: '2026-11-28T00:00:00Z' });
    // Assertions
    expect(result.errors).toBeUndefined();
    const days = (result.data as { stats: Record<string, unknown>[] }).stats;
    expect(days).toHaveLength(2);
    const [yesterday, today] = days;
    expect(yesterday).toMatchObject({ storeId, store: 'us', day: '2026-11-26', synced: 20, failed: 1, retried: 2 });
    expect(yesterday?.deliveriesReceived).toBe(2);
    expect(yesterday?.latencyP50Seconds).toBeCloseTo(percentile(latencies, 0.5), 6);
    expect(yesterday?.latencyP95Seconds).toBeCloseTo(percentile(latencies, 0.95), 6);
    expect(yesterday?.latencyP99Seconds).toBeCloseTo(percentile(latencies, 0.99), 6);
    expect(yesterday?.throughputPerHour).toBeCloseTo(20 / 24, 6);
    // Today: 2 synced in the 15 hours gone so far; no receipt times, so no latency.
    expect(today).toMatchObject({ day: '2026-11-27', synced: 2, failed: 0, retried: 0, deliveriesReceived: 1 });
    expect(today?.latencyP50Seconds).toBeNull();
    expect(today?.throughputPerHour).toBeCloseTo(2 / 15, 6);
  });

  it('gives every store when no store is named, and refuses a range that is backwards or too long', async () => {
    // Action
    const every = await execute(STATS, { from: '2026-11-27T00:00:00Z', to: '2026-11-28T00:00:00Z' });
    const backwards = await execute(STATS, { from: '2026-11-28T00:00:00Z', to: '2026-11-27T00:00:00Z' });
    const tooLong = await execute(STATS, { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    const notAnId = await execute(STATS, { storeId: 'us', from: '2026-11-27T00:00:00Z', to: '2026-11-28T00:00:00Z' });
    // Assertions
    const stores = (every.data as { stats: { store: string; synced: number }[] }).stats;
    expect(stores.map((row) => [row.store, row.synced])).toEqual([
      ['eu', 1],
      ['us', 2],
    ]);
    for (const refused of [backwards, tooLong, notAnId]) {
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('gives the queue in total and per task', async () => {
    // Action
    const result = await execute(QUEUE);
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      queue: {
        depth: 2,
        ready: 1,
        running: 0,
        failed: 0,
        oldestJobAgeSeconds: 120,
        byTask: [
          { task: 'shopify_customer__sync', depth: 1, ready: 0, running: 0, failed: 0, oldestJobAgeSeconds: 30 },
          { task: 'shopify_order__sync', depth: 1, ready: 1, running: 0, failed: 0, oldestJobAgeSeconds: 120 },
        ],
      },
    });
  });

  it('gives the API calls per store and org over the range', async () => {
    // Action
    const result = await execute(API_CALLS, { from: '2026-11-27T14:00:00Z', to: '2026-11-27T15:00:00Z' });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect((result.data as { apiCalls: unknown[] }).apiCalls).toEqual([
      {
        api: 'DATAVERSE',
        subjectId: orgId,
        subject: 'Contoso',
        requests: 9,
        throttled: 1,
        throttleWaitSeconds: 1,
        errors: 0,
      },
      {
        api: 'SHOPIFY',
        subjectId: storeId,
        subject: 'us',
        requests: 42,
        throttled: 2,
        throttleWaitSeconds: 2.5,
        errors: 1,
      },
    ]);
  });
});
