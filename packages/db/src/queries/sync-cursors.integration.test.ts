import { describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox } from '../secrets';
import { testOrg, testStore, useTestDatabase } from '../testing';
import { advanceSyncCursor, linkedVersions, readSyncCursor } from './sync-cursors';

describe('sync cursors', () => {
  const database = useTestDatabase();
  const box = SecretBox.fromBase64(generateSecretKey());

  it('start empty, advance inside a transaction and never move backwards', async () => {
    // Setup
    const { db, sql } = database();
    const store = await testStore(db, box, 'cursor');
    const before = await readSyncCursor(db, store.id, 'customer');
    const later = { updatedAt: new Date('2026-01-02T10:00:05Z'), gid: 'gid://shopify/Customer/20' };
    const earlier = { updatedAt: new Date('2026-01-02T10:00:04Z'), gid: 'gid://shopify/Customer/99' };
    // Action
    await sql.begin((tx) => advanceSyncCursor(tx, store.id, 'customer', later));
    await sql.begin((tx) => advanceSyncCursor(tx, store.id, 'customer', earlier));
    const rolledBack = sql.begin(async (tx) => {
      await advanceSyncCursor(tx, store.id, 'order', later);
      throw new Error('the jobs did not commit');
    });
    await expect(rolledBack).rejects.toThrow('the jobs did not commit');
    // Assertions
    expect(before).toBeUndefined();
    expect(await readSyncCursor(db, store.id, 'customer')).toEqual(later);
    expect(await readSyncCursor(db, store.id, 'order')).toBeUndefined();
  });

  it('reads the synced versions of a page of records in one query', async () => {
    // Setup
    const { db, sql } = database();
    const store = await testStore(db, box, 'links');
    const org = await testOrg(db, box, 'org');
    const synced = new Date('2026-01-02T10:00:05Z');
    await sql`
      insert into entity_links (store_id, shopify_type, shopify_gid, org_id, crm_table, crm_id, shopify_updated_at,
                                last_correlation_id)
      values (${store.id}, 'customer', 'gid://shopify/Customer/1', ${org.id}, 'contact',
              '00000000-0000-0000-0000-0000000000c1', ${synced.toISOString()}, gen_random_uuid()),
             (${store.id}, 'customer', 'gid://shopify/Customer/2', ${org.id}, 'contact',
              '00000000-0000-0000-0000-0000000000c2', null, gen_random_uuid())`;
    // Action
    const versions = await linkedVersions(sql, store.id, 'customer', [
      'gid://shopify/Customer/1',
      'gid://shopify/Customer/2',
      'gid://shopify/Customer/3',
    ]);
    // Assertions
    expect(versions).toEqual(
      new Map<string, Date | null>([
        ['gid://shopify/Customer/1', synced],
        ['gid://shopify/Customer/2', null],
      ]),
    );
  });
});
