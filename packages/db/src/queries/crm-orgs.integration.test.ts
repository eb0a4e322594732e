import { describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox } from '../secrets';
import { useTestDatabase } from '../testing';
import { connectStoreToOrg, forgetOrgRows, upsertCrmOrg } from './crm-orgs';
import { upsertStore } from './stores';
import { advanceSyncCursor, readSyncCursor } from './sync-cursors';

describe('forgetting an org whose rows are gone', () => {
  const database = useTestDatabase();
  const box = SecretBox.fromBase64(generateSecretKey());

  it("drops its links, merge questions (open and decided), change cursors and its stores' cursors, and leaves another org's alone", async () => {
    // Setup: two stores, each writing to its own org, each with a link, an open and a decided question, a CRM change
    // cursor and a poll cursor.
    const { db, sql } = database();
    const seeded = [];
    for (const key of ['gone', 'kept']) {
      const store = await upsertStore(db, box, {
        key,
        shopDomain: `${key}.myshopify.com`,
        name: key,
        apiVersion: '2025-01',
      });
      const org = await upsertCrmOrg(db, box, {
        name: key,
        url: `https://${key}.crm.dynamics.com`,
        apiUrl: `https://${key}.crm.dynamics.com/api/data/v9.2/`,
        tenantId: '00000000-0000-0000-0000-000000000001',
        clientId: '00000000-0000-0000-0000-000000000002',
      });
      await connectStoreToOrg(db, store.id, org.id);
      await sql`
        insert into entity_links (store_id, shopify_type, shopify_gid, org_id, crm_table, crm_id, last_correlation_id)
        values (${store.id}, 'customer', 'gid://shopify/Customer/1', ${org.id}, 'contact',
                '00000000-0000-0000-0000-0000000000c1', gen_random_uuid())`;
      await sql`
        insert into merge_queue (store_id, org_id, shopify_type, shopify_gid, reason, candidates, payload,
                                 correlation_id)
        values (${store.id}, ${org.id}, 'customer', 'gid://shopify/Customer/2', 'several contacts share this email',
                '[]'::jsonb, '{}'::jsonb, gen_random_uuid())`;
      await sql`
        insert into merge_queue (store_id, org_id, shopify_type, shopify_gid, reason, candidates, payload,
                                 correlation_id, status, resolution, resolved_by, resolved_at)
        values (${store.id}, ${org.id}, 'customer', 'gid://shopify/Customer/3', 'several contacts share this email',
                '[]'::jsonb, '{}'::jsonb, gen_random_uuid(), 'dismissed', '{"kind":"ignore"}'::jsonb, 'ops', now())`;
      await sql`
        insert into crm_change_cursors (org_id, crm_table, delta_link)
        values (${org.id}, 'contact', 'contacts?$deltatoken=1')`;
      await sql.begin((tx) =>
        advanceSyncCursor(tx, store.id, 'order', { updatedAt: new Date('2026-11-01T00:00:00Z'), gid: 'gid://x/1' }),
      );
      seeded.push({ store, org });
    }
    const [gone, kept] = seeded;
    if (!gone || !kept) throw new Error('two orgs were seeded');

    // Action
    const forgotten = await forgetOrgRows(sql, gone.org.id);

    // Assertions
    expect(forgotten).toEqual({ links: 1, mergeQuestions: 1, decisions: 1, cursors: 1 });
    const links = await sql<{ org_id: string }[]>`select org_id from entity_links`;
    expect(links.map((row) => row.org_id)).toEqual([kept.org.id]);
    const questions = await sql<{ org_id: string }[]>`select org_id from merge_queue`;
    expect(questions.map((row) => row.org_id)).toEqual([kept.org.id, kept.org.id]);
    const changeCursors = await sql<{ org_id: string }[]>`select org_id from crm_change_cursors`;
    expect(changeCursors.map((row) => row.org_id)).toEqual([kept.org.id]);
    expect(await readSyncCursor(db, gone.store.id, 'order')).toBeUndefined();
    expect(await readSyncCursor(db, kept.store.id, 'order')).toBeDefined();
  });
});
