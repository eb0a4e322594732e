import { randomUUID } from 'node:crypto';
import { upsertStore } from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBackfillArgs } from './backfill';
import { cliAgainst } from './testing';

const NOW = new Date('2026-11-27T09:00:00.000Z');

describe('shopverse backfill', () => {
  const database = useTestDatabase();
  const key = `bf${randomUUID().slice(0, 6)}`;
  const b2bKey = `bb${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    const box = SecretBox.fromBase64(generateSecretKey());
    await upsertStore(database().db, box, {
      key,
      shopDomain: `${key}.myshopify.com`,
      name: 'Backfill shop',
      apiVersion: '2025-01',
    });
    await upsertStore(database().db, box, {
      key: b2bKey,
      shopDomain: `${b2bKey}.myshopify.com`,
      name: 'Wholesale shop',
      apiVersion: '2025-01',
      settings: { customers: { target: 'b2b' } },
    });
  });

  const cli = cliAgainst(database, NOW);

  it('starts one backfill per entity the store syncs, each with its job, and refuses a second while one runs', async () => {
    // Action
    const plain = await cli('backfill', '--store', key);
    const wholesale = await cli('backfill', '--store', b2bKey);
    const again = await cli('backfill', '--store', key, '--entity', 'order');

    // Assertions
    expect(plain).toMatchObject({ code: 0, err: '' });
    expect(plain.out).toMatch(/Started the customer backfill/);
    expect(plain.out).toMatch(/Started the order backfill/);
    expect(wholesale.out).toMatch(/Started the company backfill/);
    const rows = await database().sql<{ key: string; entity: string; requested_by: string }[]>`
      select stores.key, backfills.entity, backfills.requested_by
      from backfills join stores on stores.id = backfills.store_id order by stores.key, backfills.entity`;
    expect(rows.filter((row) => row.key === key).map((row) => row.entity)).toEqual(['customer', 'order']);
    expect(rows.filter((row) => row.key === b2bKey).map((row) => row.entity)).toEqual(['company', 'customer', 'order']);
    expect(rows.every((row) => row.requested_by === 'cli:tester')).toBe(true);
    const [jobs] = await database().sql<{ count: number }[]>`
      select count(*)::int as count from graphile_worker.jobs where task_identifier = 'store__backfill'`;
    expect(jobs?.count).toBe(5);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has a order backfill in progress/);
  });

  it('lists backfills with their progress, and names what is wrong with a bad request', async () => {
    // Action
    const list = await cli('backfill', '--list', '--store', key);
    const unknown = await cli('backfill', '--store', 'nosuchstore');
    const badEntity = await cli('backfill', '--store', key, '--entity', 'product');

    // Assertions
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[0]).toMatch(/^id\s+entity\s+status\s+done\/total\s+rate\s+eta/);
    expect(list.out).toMatch(/customer\s+pending\s+0\/\?/);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.err).toMatch(/No store with the key nosuchstore/);
    expect(badEntity).toMatchObject({ code: 2 });
    expect(badEntity.err).toMatch(/Unknown entity product/);
  });
});

describe('parseBackfillArgs', () => {
  it('reads entities and flags, and refuses what it cannot', () => {
    expect(parseBackfillArgs(['--store', 'us', '--entity', 'order', '--wait'])).toEqual({
      store: 'us',
      entities: ['order'],
      wait: true,
      list: false,
    });
    expect(() => parseBackfillArgs(['--entity', 'order'])).toThrow(/Say which store/);
    expect(() => parseBackfillArgs(['--list', '--wait'])).toThrow(/--list takes only --store/);
  });
});
