import { randomUUID } from 'node:crypto';
import { addJob, generateSecretKey, SecretBox, SYNC_BATCH_TASK, syncJob, upsertStore } from '@shopverse/db';
import { until, useTestDatabase } from '@shopverse/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../worker';

/**
 * A batch job (a backfill's) through a real worker and graphile-worker's queue: each record fails, logs and lands on
 * the failed list as its own job would, under its own task, key, payload and correlation id. The store has no CRM org,
 * so every record's sync fails for good before any call to the simulators.
 */
describe('shopify_records__sync: a batch of records, each its own job', () => {
  const database = useTestDatabase();
  let worker: RunningWorker;
  let storeId: string;

  beforeAll(async () => {
    const secretKey = generateSecretKey();
    const store = await upsertStore(database().db, SecretBox.fromBase64(secretKey), {
      key: 'batch',
      shopDomain: 'batch.myshopify.com',
      name: 'Batch',
      apiVersion: '2025-01',
    });
    storeId = store.id;
    worker = await startWorker({
      databaseUrl: database().url,
      concurrency: 2,
      heartbeatSeconds: 5,
      syncAttemptsRetentionDays: 30,
      secretKey,
      logger: pino({ level: 'silent' }),
      crontab: '',
    });
  });

  afterAll(async () => {
    await worker?.shutdown();
  });

  it('logs and fails each record on its own, with the record’s task, key, payload and chain', async () => {
    // Setup: three orders and a customer in one batch, as a backfill queues them.
    const jobs = [
      ...['101', '102', '103'].map((id) => syncJob('order', storeId, `gid://shopify/Order/${id}`, envelope())),
      syncJob('customer', storeId, 'gid://shopify/Customer/7', envelope()),
    ];

    // Action
    await addJob(database().sql, SYNC_BATCH_TASK, { storeId, jobs });
    const letters = await until(async () => {
      const rows = await database().sql<
        { taskIdentifier: string; jobKey: string; payload: Record<string, unknown>; correlationId: string }[]
      >`select task_identifier as "taskIdentifier", job_key as "jobKey", payload, correlation_id as "correlationId"
        from dead_letters where store_id = ${storeId} order by job_key`;
      return rows.length === jobs.length ? rows : undefined;
    }, 'a failed-list entry per record');
    const attempts = await database().sql<{ correlationId: string; entity: string; errorCode: string }[]>`
      select correlation_id as "correlationId", entity, error_code as "errorCode" from sync_attempts
      where store_id = ${storeId}`;

    // Assertions
    const expected = [...jobs].sort((a, b) => a.jobKey.localeCompare(b.jobKey));
    expect(letters.map((letter) => [letter.taskIdentifier, letter.jobKey, letter.correlationId])).toEqual(
      expected.map((job) => [job.task, job.jobKey, job.payload.correlationId]),
    );
    expect(letters[0]?.payload).toMatchObject({ storeId, customerGid: 'gid://shopify/Customer/7', source: 'backfill' });
    expect(attempts).toHaveLength(jobs.length);
    expect(new Set(attempts.map((attempt) => attempt.correlationId))).toEqual(
      new Set(jobs.map((job) => job.payload.correlationId)),
    );
    expect(attempts.every((attempt) => attempt.errorCode === 'store.no_org')).toBe(true);
  });
});

function envelope() {
  return { correlationId: randomUUID(), source: 'backfill' as const };
}
