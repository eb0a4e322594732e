import { Writable } from 'node:stream';
import { connectStoreToOrg, generateSecretKey, SecretBox } from '@shopverse/db';
import { testOrg, testStore, useTestDatabase } from '@shopverse/db/testing';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { pollStore, storesToPoll } from './delta-poll';
import { StoreContexts } from './store-context';

function silentLogger() {
  return createLogger(
    'silent',
    new Writable({
      write: (_chunk, _encoding, done) => done(),
    }),
  );
}

describe('which stores the delta poll reads', () => {
  const database = useTestDatabase();
  const box = SecretBox.fromBase64(generateSecretKey());

  it('polls active stores connected to an org with the poll on, and leaves paused, removed or org-less ones alone', async () => {
    // Setup: one store of each kind.
    const { db, sql } = database();
    const org = await testOrg(db, box, 'org');
    const store = (key: string, settings: Record<string, unknown> = {}) => testStore(db, box, key, settings);
    const polled = await store('polled');
    const paused = await store('paused');
    const switchedOff = await store('off', { pipeline: { pollEnabled: false } });
    const unconnected = await store('unconnected');
    const disabled = await store('disabled');
    const broken = await store('broken', { pipeline: { pollOverlapSeconds: -5 } });
    for (const connected of [polled, paused, switchedOff, disabled, broken]) {
      await connectStoreToOrg(db, connected.id, org.id);
    }
    await sql`update stores set status = 'paused' where id = ${paused.id}`;
    await sql`update store_connections set enabled = false where store_id = ${disabled.id}`;
    const logger = silentLogger();
    const deps = { db, sql, logger, now: () => new Date(), contexts: new StoreContexts(db, box) };

    // Action
    const ids = await storesToPoll(db, logger);
    const pausedPoll = await pollStore(deps, paused.id);
    const gonePoll = await pollStore(deps, '00000000-0000-0000-0000-00000000dead');
    const orglessPoll = await pollStore(deps, unconnected.id);

    // Assertions
    expect(ids).toEqual([polled.id]);
    expect(pausedPoll).toBeNull();
    expect(gonePoll).toBeNull();
    expect(orglessPoll).toBeNull();
    expect(await sql`select * from sync_cursors`).toEqual([]);
  });
});
