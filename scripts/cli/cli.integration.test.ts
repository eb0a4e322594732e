import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OpenDeadLetter, storeDelivery, upsertOpenDeadLetter, upsertStore } from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliAgainst } from './testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiet = new Logger(() => () => undefined);
const NOW = new Date('2026-11-27T09:00:00.000Z');

describe('the shopverse CLI against a database', () => {
  const database = useTestDatabase();
  let storeId: string;
  const storeKey = `cli${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: quiet });
    const store = await upsertStore(database().db, SecretBox.fromBase64(generateSecretKey()), {
      key: storeKey,
      shopDomain: `${storeKey}.myshopify.com`,
      name: 'CLI shop',
      apiVersion: '2025-01',
    });
    storeId = store.id;
  });

  const cli = cliAgainst(database, NOW);

  const letter = (errorCode: string): OpenDeadLetter => {
    const gid = `gid://shopify/Order/${Math.floor(Math.random() * 1e12)}`;
    const correlationId = randomUUID();
    return {
      storeId,
      taskIdentifier: 'shopify_order__sync',
      jobKey: `order:${storeId}:${gid}`,
      entity: 'order',
      shopifyGid: gid,
      payload: { storeId, orderGid: gid, correlationId, source: 'poll' },
      correlationId,
      errorClass: 'permanent',
      errorCode,
      errorMessage: `${errorCode}: fix it, then retry`,
      attempts: 1,
      failedAt: NOW,
    };
  };

  const jobPayload = async (key: string) =>
    (
      await database().sql<{ payload: Record<string, unknown> }[]>`
      select payload from graphile_worker._private_jobs where key = ${key}`
    )[0]?.payload;

  it('shows the stores, the queue and the failed list by error code', async () => {
    // Setup
    await upsertOpenDeadLetter(database().db, letter('order.currency_missing'));
    await upsertOpenDeadLetter(database().db, letter('order.currency_missing'));

    // Action
    const { code, out } = await cli('status');

    // Assertions
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`${storeKey}\\s+active\\s+${storeKey}\\.myshopify\\.com`));
    expect(out).toMatch(/Queue: \d+ jobs/);
    expect(out).toContain('Failed list: 2 open dead letters');
    expect(out).toMatch(/2\s+order\.currency_missing\s+permanent/);
    expect(out).toContain('Backfills under way: 0');
  });

  it('retries a store’s dead letters of one code under their correlation ids, then finds nothing left', async () => {
    // Setup
    const target = await upsertOpenDeadLetter(database().db, letter('settings.invalid'));
    const other = await upsertOpenDeadLetter(database().db, letter('dataverse.rejected'));

    // Action
    const first = await cli('retry', '--store', storeKey, '--entity', 'order', '--code', 'settings.invalid');
    const again = await cli('retry', '--store', storeKey, '--code', 'settings.invalid');

    // Assertions
    expect(first.code).toBe(0);
    expect(first.out).toContain('Queued 1 job:');
    expect(first.out).toContain(target.correlationId);
    expect(await jobPayload(target.jobKey ?? '')).toMatchObject({
      correlationId: target.correlationId,
      source: 'retry',
      retry: 0,
    });
    expect(await jobPayload(other.jobKey ?? '')).toBeUndefined();
    expect(again).toMatchObject({ code: 0, out: 'Nothing to retry: no open dead letter matches.' });
  });

  it('retries dead letters by id, all or nothing, and says why it refuses', async () => {
    // Setup
    const a = await upsertOpenDeadLetter(database().db, letter('order.table_missing'));
    const b = await upsertOpenDeadLetter(database().db, letter('order.table_missing'));

    // Action
    const byIds = await cli('retry', '--id', a.id, b.id);
    const twice = await cli('retry', '--id', a.id);
    const unknown = await cli('retry', '--id', randomUUID());
    const unknownStore = await cli('retry', '--store', 'nosuchstore');
    const usage = await cli('retry', '--id', 'abc');
    const both = await cli('retry', '--id', a.id, '--store', storeKey);
    const nothing = await cli('retry');

    // Assertions
    expect(byIds.code).toBe(0);
    expect(byIds.out).toContain('Queued 2 jobs:');
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(new RegExp(`Not on the failed list any more.*\\n  ${a.id}: retried by cli:tester`, 's'));
    expect(unknown).toMatchObject({ code: 1, err: expect.stringMatching(/^No dead letter/) as unknown });
    expect(unknownStore.code).toBe(1);
    expect(unknownStore.err).toContain(`No store with key nosuchstore (stores: ${storeKey})`);
    expect(usage.code).toBe(2);
    expect(both.code).toBe(2);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain('shopverse retry --id');
  });

  it('replays a stored delivery under its own correlation id', async () => {
    // Setup
    const correlationId = randomUUID();
    const stored = await storeDelivery(database().sql, {
      storeId,
      eventId: randomUUID(),
      topic: 'customers/update',
      webhookId: null,
      shopifyTriggeredAt: null,
      headers: {},
      body: '{}',
      correlationId,
    });
    if (stored.kind !== 'stored') throw new Error('not stored');

    // Action
    const replayed = await cli('replay', stored.id);
    const unknown = await cli('replay', randomUUID());
    const malformed = await cli('replay', 'delivery-1');

    // Assertions
    expect(replayed.code).toBe(0);
    expect(replayed.out).toContain(`follow it by correlation id ${correlationId}`);
    expect(await jobPayload(`delivery-replay:${stored.id}`)).toMatchObject({
      deliveryId: stored.id,
      correlationId,
      source: 'replay',
      replayedBy: 'cli:tester',
    });
    expect(unknown.code).toBe(1);
    expect(malformed.code).toBe(2);
  });

  it('runs from the entry point with DATABASE_URL, and exits 1 with the reason when the database is unreachable', () => {
    // Action
    const run = (databaseUrl: string, ...argv: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...argv], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: databaseUrl },
        timeout: 30_000,
      });
    const ok = run(database().url, 'status');
    const unreachable = run('postgres://nobody:secret@127.0.0.1:9/none', 'status');
    const unknown = run(database().url, 'frobnicate');

    // Assertions
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(storeKey);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/Cannot connect to postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:9\/none/);
    expect(unreachable.stderr).not.toContain('secret');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command frobnicate');
  });

  it('brings a database no worker ever touched up to date before a command, as the start command would', async () => {
    // Setup: an empty database of one's own.
    const name = `cli_fresh_${randomUUID().slice(0, 8)}`;
    await database().sql.unsafe(`create database ${name}`);
    const url = new URL(database().url);
    url.pathname = `/${name}`;
    try {
      // Action
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'status'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: url.toString() },
        timeout: 60_000,
      });

      // Assertions
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      await database().sql.unsafe(`drop database if exists ${name} with (force)`);
    }
  });
});
