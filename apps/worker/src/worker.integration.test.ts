import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { generateSecretKey } from '@shopverse/db';
import { until, useTestDatabase } from '@shopverse/db/testing';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { startWorker, type WorkerOptions } from './worker';

/** Collects pino's JSON lines. */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('the worker', () => {
  const database = useTestDatabase();
  const base = (url: string, logger: WorkerOptions['logger']): WorkerOptions => ({
    databaseUrl: url,
    concurrency: 2,
    heartbeatSeconds: 1,
    syncAttemptsRetentionDays: 30,
    secretKey: generateSecretKey(),
    logger,
    crontab: '',
  });

  it('finishes the job in hand when it is shut down, and takes its heartbeat with it', async () => {
    // Setup
    const { sql, url } = database();
    await sql`create table slow_done (id int)`;
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const { logger } = captureLogs();
    const worker = await startWorker({
      ...base(url, logger),
      taskList: (deps) => ({
        test__slow: async () => {
          markStarted();
          await new Promise((resolve) => setTimeout(resolve, 800));
          await deps.sql`insert into slow_done values (1)`;
        },
      }),
    });
    expect(await sql`select 1 from worker_heartbeats where worker_id = ${worker.workerId}`).toHaveLength(1);
    await sql`select graphile_worker.add_job('test__slow', '{}'::json)`;
    await started;
    // Action
    await worker.shutdown();
    // Assertions
    expect(await sql`select id from slow_done`).toEqual([{ id: 1 }]);
    expect(await sql`select 1 from graphile_worker.jobs where task_identifier = 'test__slow'`).toHaveLength(0);
    expect(await sql`select 1 from worker_heartbeats where worker_id = ${worker.workerId}`).toHaveLength(0);
  });

  it('prunes the sync log and processed deliveries by each store’s retention, and logs with the job’s correlation id', async () => {
    // Setup: a store on the default 30 days and one keeping 60, each with a 45-day-old and a 3-day-old attempt.
    const { sql, url } = database();
    const [store] = await sql<{ id: string }[]>`
      insert into stores (key, shop_domain, name, api_version) values ('prune', 'prune.myshopify.com', 'P', '2025-01')
      returning id`;
    const [keeper] = await sql<{ id: string }[]>`
      insert into stores (key, shop_domain, name, api_version, settings)
      values ('keep', 'keep.myshopify.com', 'K', '2025-01', ${JSON.stringify({ pipeline: { logRetentionDays: 60 } })}::jsonb)
      returning id`;
    const now = new Date('2026-11-26T12:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    for (const [owner, prefix] of [
      [store!.id, 'p'],
      [keeper!.id, 'k'],
    ] as const) {
      for (const [label, days] of [
        ['old', 45],
        ['recent', 3],
      ] as const) {
        await sql`
          insert into sync_attempts (correlation_id, store_id, entity, direction, outcome, error_message, started_at)
          values (${randomUUID()}, ${owner}, 'customer', 'shopify_to_crm', 'created', ${`${prefix}-${label}`},
                  ${daysAgo(days)})`;
        await sql`
          insert into webhook_deliveries (store_id, event_id, topic, headers, body, correlation_id, received_at, processed_at)
          values (${owner}, ${`${prefix}-${label}`}, 'customers/update', '{}'::jsonb, '{}', ${randomUUID()},
                  ${daysAgo(days)}, ${daysAgo(days)})`;
      }
    }
    // An old delivery never processed stays: it is still to be synced.
    await sql`
      insert into webhook_deliveries (store_id, event_id, topic, headers, body, correlation_id, received_at)
      values (${store!.id}, 'p-unprocessed', 'customers/update', '{}'::jsonb, '{}', ${randomUUID()}, ${daysAgo(45)})`;
    const { lines, logger } = captureLogs();
    const worker = await startWorker({ ...base(url, logger), now: () => now });
    const correlationId = randomUUID();
    // Action
    await sql`select graphile_worker.add_job('sync_attempts__prune', ${JSON.stringify({ correlationId })}::json)`;
    await until(
      async () => ((await sql`select 1 from graphile_worker.jobs`).length === 0 ? true : undefined),
      'the prune job',
    );
    await worker.shutdown();
    // Assertions
    const kept = await sql<{ error_message: string }[]>`select error_message from sync_attempts order by 1`;
    expect(kept.map((row) => row.error_message)).toEqual(['k-old', 'k-recent', 'p-recent']);
    const deliveries = await sql<{ event_id: string }[]>`select event_id from webhook_deliveries order by 1`;
    expect(deliveries.map((row) => row.event_id)).toEqual(['k-old', 'k-recent', 'p-recent', 'p-unprocessed']);
    const pruned = lines.find((line) => line.msg === 'pruned the sync log');
    expect(pruned).toMatchObject({ correlationId, task: 'sync_attempts__prune', deleted: 1, deliveries: 1 });
  });

  it('does not retry a job whose payload it cannot read, and says why', async () => {
    // Setup
    const { sql, url } = database();
    const { lines, logger } = captureLogs();
    const worker = await startWorker(base(url, logger));
    // Action
    await sql`select graphile_worker.add_job('sync_attempts__prune', '{"retentionDays": "forever"}'::json)`;
    await until(
      async () => ((await sql`select 1 from graphile_worker.jobs`).length === 0 ? true : undefined),
      'the job to finish',
    );
    await worker.shutdown();
    // Assertions
    const complaint = lines.find((line) => line.code === 'JOB_PAYLOAD_INVALID');
    expect(complaint?.msg).toMatch(/sync_attempts__prune has a payload this task cannot read/);
  });
});
