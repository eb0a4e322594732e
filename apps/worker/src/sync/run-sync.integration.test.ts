import { randomUUID } from 'node:crypto';
import { addJob, generateSecretKey, SecretBox, upsertStore } from '@shopverse/db';
import { until, useTestDatabase } from '@shopverse/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '../tasks/define-task';
import { type RunningWorker, startWorker } from '../worker';
import { MAX_RETRIES } from './backoff';
import { runSync } from './run-sync';
import { SyncError } from './sync-error';

/**
 * A record task whose sync fails as the payload says: runSync's handling of each failure, through a real worker and
 * graphile-worker's real queue, without the simulators.
 */
const recordTask = defineTask(
  'test__record_sync',
  z.object({
    storeId: z.uuid(),
    gid: z.string(),
    fail: z.enum(['none', 'transient', 'dependency', 'permanent']),
    retryAfterMs: z.number().optional(),
  }),
  async (payload, context) => {
    await runSync(context, { storeId: payload.storeId, entity: 'order', shopifyGid: payload.gid }, () => {
      if (payload.fail === 'none') return Promise.resolve({ ok: true });
      return Promise.reject(
        new SyncError(
          payload.fail === 'transient' ? 'dataverse.unavailable' : `test.${payload.fail}`,
          payload.fail,
          `the ${payload.fail} failure of ${payload.gid}`,
          { service: 'dataverse', status: 503 },
          payload.retryAfterMs,
        ),
      );
    });
  },
);

describe('runSync: our own retries and the failed list', () => {
  const database = useTestDatabase();
  let worker: RunningWorker;
  let storeId: string;

  beforeAll(async () => {
    const { db, url } = database();
    const store = await upsertStore(db, SecretBox.fromBase64(generateSecretKey()), {
      key: 'retry',
      shopDomain: 'retry.myshopify.com',
      name: 'Retry',
      apiVersion: '2025-01',
    });
    storeId = store.id;
    worker = await startWorker({
      databaseUrl: url,
      concurrency: 2,
      heartbeatSeconds: 5,
      syncAttemptsRetentionDays: 30,
      secretKey: generateSecretKey(),
      logger: pino({ level: 'silent' }),
      crontab: '',
      taskList: (deps) => Object.fromEntries([recordTask(deps)]),
    });
  });

  afterAll(async () => {
    await worker?.shutdown();
  });

  /** Queues the record's job as the sync tasks are queued: its key, an envelope, and how it should fail. */
  const queue = async (fail: string, extra: Record<string, unknown> = {}) => {
    const gid = `gid://shopify/Order/${Math.floor(Math.random() * 1e12)}`;
    const correlationId = randomUUID();
    const jobKey = `order:${storeId}:${gid}`;
    await addJob(
      database().sql,
      'test__record_sync',
      { storeId, gid, fail, correlationId, source: 'poll', ...extra },
      { jobKey },
    );
    return { gid, correlationId, jobKey };
  };
  const attempts = (correlationId: string) =>
    database().sql<
      { outcome: string; attempt: number; errorCode: string; source: string; response: Record<string, unknown> }[]
    >`select outcome, attempt, error_code as "errorCode", source, response from sync_attempts
      where correlation_id = ${correlationId} order by started_at`;
  const jobs = (jobKey: string) =>
    database().sql<{ payload: Record<string, unknown>; inMs: number }[]>`
      select payload, (extract(epoch from run_at - now()) * 1000)::float8 as "inMs"
      from graphile_worker._private_jobs where key = ${jobKey} and locked_at is null`;
  const letters = (gid: string) =>
    database().sql<
      {
        errorCode: string;
        errorClass: string;
        errorMessage: string;
        attempts: number;
        resolvedAt: string | null;
        correlationId: string;
      }[]
    >`select error_code as "errorCode", error_class::text as "errorClass", error_message as "errorMessage", attempts,
        resolved_at as "resolvedAt", correlation_id as "correlationId"
      from dead_letters where shopify_gid = ${gid}`;

  it('re-queues a transient failure under the same key and chain, no sooner than the Retry-After', async () => {
    // Action
    const { correlationId, jobKey } = await queue('transient', { retryAfterMs: 120_000 });
    const [logged] = await until(async () => {
      const rows = await attempts(correlationId);
      return rows.length > 0 ? rows : undefined;
    }, 'the retrying attempt');
    const [requeued] = await jobs(jobKey);

    // Assertions
    expect(logged).toMatchObject({
      outcome: 'retrying',
      attempt: 1,
      errorCode: 'dataverse.unavailable',
      source: 'poll',
      response: { status: 503, retryAfterMs: 120_000, nextRetry: { retry: 1 } },
    });
    expect(requeued?.payload).toMatchObject({ correlationId, source: 'poll', retry: 1, fail: 'transient' });
    expect(requeued?.inMs).toBeGreaterThan(115_000);
    expect(requeued?.inMs).toBeLessThanOrEqual(120_000);
  });

  it('waits only seconds for a dependency', async () => {
    // Action
    const { correlationId, jobKey } = await queue('dependency');
    await until(async () => ((await attempts(correlationId)).length > 0 ? true : undefined), 'the attempt');
    const [requeued] = await jobs(jobKey);

    // Assertions
    expect(requeued?.payload).toMatchObject({ retry: 1 });
    expect(requeued?.inMs).toBeLessThanOrEqual(5_000);
  });

  it('puts a job out of retries on the failed list, and a later success of the record resolves it', async () => {
    // Setup: the job has made every retry already.
    const { gid, correlationId, jobKey } = await queue('transient', { retry: MAX_RETRIES });

    // Action
    const [logged] = await until(async () => {
      const rows = await attempts(correlationId);
      return rows.length > 0 ? rows : undefined;
    }, 'the failed attempt');
    const [letter] = await until(async () => {
      const rows = await letters(gid);
      return rows.length > 0 ? rows : undefined;
    }, 'the dead letter');
    const waiting = await jobs(jobKey);

    // Assertions: failed for good, once, after 11 runs; nothing re-queued.
    expect(logged).toMatchObject({ outcome: 'failed', attempt: MAX_RETRIES + 1 });
    expect(letter).toMatchObject({
      errorCode: 'dataverse.unavailable',
      errorClass: 'transient',
      attempts: MAX_RETRIES + 1,
      correlationId,
      resolvedAt: null,
    });
    expect(letter?.errorMessage).toContain(`gave up after ${MAX_RETRIES + 1} runs`);
    expect(waiting).toEqual([]);

    // Action: the record syncs fine later (say, from the poll).
    await addJob(database().sql, 'test__record_sync', { storeId, gid, fail: 'none' }, { jobKey });
    await until(async () => ((await letters(gid))[0]?.resolvedAt ? true : undefined), 'the resolution');

    // Assertions
    expect(await letters(gid)).toHaveLength(1);
  });

  it('stops at once on a permanent failure, refreshing the record’s one open letter when it fails again', async () => {
    // Action
    const first = await queue('permanent');
    await until(async () => ((await letters(first.gid)).length > 0 ? true : undefined), 'the dead letter');
    const correlationId = randomUUID();
    await addJob(
      database().sql,
      'test__record_sync',
      { storeId, gid: first.gid, fail: 'permanent', correlationId, source: 'webhook' },
      { jobKey: first.jobKey },
    );
    await until(async () => ((await attempts(correlationId)).length > 0 ? true : undefined), 'the second failure');

    // Assertions
    const rows = await letters(first.gid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ errorClass: 'permanent', attempts: 1, correlationId });
    expect(await jobs(first.jobKey)).toEqual([]);
  });
});
