import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crmOrgs } from '../schema';
import { generateSecretKey, SecretBox } from '../secrets';
import { useTestDatabase } from '../testing';
import {
  decideMergeItem,
  getMergeItem,
  inTransaction,
  listMergeItems,
  type MergePosition,
  openMergeItems,
  parkAmbiguousMatch,
  resolveMergeItem,
} from './merge-queue';
import { upsertStore } from './stores';

describe('the merge queue', () => {
  const database = useTestDatabase();

  async function setup() {
    const { db } = database();
    const store = await upsertStore(db, SecretBox.fromBase64(generateSecretKey()), {
      key: `s${randomUUID().slice(0, 6).replace(/-/g, '')}`,
      shopDomain: `${randomUUID()}.myshopify.com`,
      name: 'Merge',
      apiVersion: '2025-01',
    });
    const [org] = await db
      .insert(crmOrgs)
      .values({
        name: 'Org',
        url: `https://${randomUUID()}.crm.dynamics.com`,
        apiUrl: 'x',
        tenantId: 't',
        clientId: 'c',
      })
      .returning();
    const park = {
      storeId: store.id,
      orgId: org?.id ?? '',
      shopifyType: 'customer' as const,
      shopifyGid: 'gid://shopify/Customer/1001',
      reason: 'two contacts share ada@example.com',
      candidates: [
        { crmTable: 'contact', crmId: 'c-1', matchedOn: 'email' },
        { crmTable: 'contact', crmId: 'c-2', matchedOn: 'email' },
      ],
      payload: { email: 'ada@example.com' },
      correlationId: randomUUID(),
    };
    return { db, store, park };
  }

  it('keeps one open item per Shopify record, refreshed by a later sync', async () => {
    // Setup
    const { db, store, park } = await setup();
    // Action
    const first = await parkAmbiguousMatch(db, park);
    const second = await parkAmbiguousMatch(db, { ...park, reason: 'still two contacts', correlationId: randomUUID() });
    // Assertions
    expect(second.id).toBe(first.id);
    const open = await openMergeItems(db, store.id);
    expect(open.map((item) => item.reason)).toEqual(['still two contacts']);
  });

  it('records a link to a candidate once, and refuses a link to anything else', async () => {
    const { db, store, park } = await setup();
    const item = await parkAmbiguousMatch(db, park);
    const now = new Date('2026-11-26T12:00:00Z');
    await expect(
      resolveMergeItem(db, { id: item.id, decision: { kind: 'link', crmId: 'c-9' }, by: 'ops@x', now }),
    ).rejects.toThrow(/not one of the candidates/);
    const resolved = await resolveMergeItem(db, {
      id: item.id,
      decision: { kind: 'link', crmId: 'c-2' },
      by: 'ops@x',
      now,
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: { kind: 'link', crmId: 'c-2' },
      resolvedBy: 'ops@x',
    });
    await expect(
      resolveMergeItem(db, { id: item.id, decision: { kind: 'create' }, by: 'other@x', now }),
    ).rejects.toThrow(/already resolved by ops@x/);
    expect(await openMergeItems(db, store.id)).toEqual([]);
    // A later ambiguity for the same record opens a new item beside the decided one.
    const again = await parkAmbiguousMatch(db, park);
    expect(again.id).not.toBe(item.id);
  });

  it('dismisses an ignored record', async () => {
    const { db, park } = await setup();
    const item = await parkAmbiguousMatch(db, park);
    const dismissed = await resolveMergeItem(db, {
      id: item.id,
      decision: { kind: 'ignore' },
      by: 'ops@x',
      now: new Date(),
    });
    expect(dismissed.status).toBe('dismissed');
  });

  it('says why a decision is refused, and leaves the item as it was', async () => {
    // Setup
    const { db, park } = await setup();
    const item = await parkAmbiguousMatch(db, park);
    const now = new Date('2026-11-26T12:00:00Z');
    // Action
    const unknown = await decideMergeItem(db, { id: randomUUID(), decision: { kind: 'create' }, by: 'a', now });
    const stranger = await decideMergeItem(db, {
      id: item.id,
      decision: { kind: 'link', crmId: 'c-9' },
      by: 'a',
      now,
    });
    const first = await decideMergeItem(db, { id: item.id, decision: { kind: 'ignore' }, by: 'a', now });
    const second = await decideMergeItem(db, { id: item.id, decision: { kind: 'create' }, by: 'b', now });
    // Assertions
    expect(unknown.kind).toBe('not_found');
    expect(stranger).toMatchObject({ kind: 'not_a_candidate', crmId: 'c-9', item: { status: 'open' } });
    expect(first).toMatchObject({ kind: 'decided', item: { status: 'dismissed', resolvedBy: 'a' } });
    expect(second).toMatchObject({ kind: 'already_decided', item: { status: 'dismissed', resolvedBy: 'a' } });
    expect(await getMergeItem(db, item.id)).toMatchObject({ resolution: { kind: 'ignore' }, resolvedBy: 'a' });
  });

  it('serves two people deciding at once in turn: the second is told who was first', async () => {
    // Setup
    const { db, park } = await setup();
    const item = await parkAmbiguousMatch(db, park);
    const now = new Date();
    // Action
    const outcomes = await Promise.all(
      ['a', 'b'].map((by) =>
        db.transaction((tx) => decideMergeItem(tx, { id: item.id, decision: { kind: 'create' }, by, now })),
      ),
    );
    // Assertions
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['already_decided', 'decided']);
  });

  it('pages through the queue oldest first, by a position that keeps the microseconds', async () => {
    // Setup: four items, two of them parked in the same microsecond, and one of another status.
    const { db, store, park } = await setup();
    const gids = ['1', '2', '3', '4'].map((n) => `gid://shopify/Customer/20${n}`);
    const items = [];
    for (const shopifyGid of gids) items.push(await parkAmbiguousMatch(db, { ...park, shopifyGid }));
    const stamps = ['2026-01-01T00:00:00.000003Z', '2026-01-01T00:00:00.000001Z', '2026-01-01T00:00:00.000002Z'];
    const [a, b, c, d] = items.map((item) => item.id);
    await database().sql`update merge_queue set created_at = ${stamps[0] ?? ''} where id = ${a ?? ''}`;
    await database()
      .sql`update merge_queue set created_at = ${stamps[1] ?? ''} where id in ${database().sql([b ?? '', c ?? ''])}`;
    await database().sql`update merge_queue set created_at = ${stamps[2] ?? ''} where id = ${d ?? ''}`;
    await resolveMergeItem(db, { id: d ?? '', decision: { kind: 'create' }, by: 'ops', now: new Date() });
    // Action
    const seen: string[] = [];
    let after: MergePosition | undefined;
    const pages = [];
    for (;;) {
      const page = await listMergeItems(db, { storeId: store.id, status: 'open', first: 2, after });
      pages.push(page);
      seen.push(...page.items.map((entry) => entry.item.id));
      after = page.items.at(-1)?.position;
      if (!page.hasNextPage) break;
    }
    const everything = await listMergeItems(db, { storeId: store.id, first: 10 });
    // Assertions
    const tied = [b ?? '', c ?? ''].sort();
    expect(seen).toEqual([...tied, a]);
    expect(pages.map((page) => [page.items.length, page.totalCount, page.hasNextPage])).toEqual([
      [2, 3, true],
      [1, 3, false],
    ]);
    expect(pages[0]?.items[0]?.position.createdAt).toBe(stamps[1]);
    expect(everything.items.map((entry) => entry.item.id)).toEqual([...tied, d, a]);
    expect(everything.totalCount).toBe(4);
  });

  it('shares one transaction between drizzle and postgres-js, committed or rolled back together', async () => {
    // Setup
    const { db, park } = await setup();
    const item = await parkAmbiguousMatch(db, park);
    const decide = (tx: { db: typeof db }) =>
      resolveMergeItem(tx.db, { id: item.id, decision: { kind: 'create' }, by: 'ops', now: new Date() });
    // Action
    const failed = inTransaction(db, async (tx) => {
      await decide(tx);
      // The raw handle sees the drizzle write: it is the same transaction.
      const [row] = await tx.sql<{ status: string }[]>`select status from merge_queue where id = ${item.id}`;
      expect(row?.status).toBe('resolved');
      throw new Error('the job could not be added');
    });
    // Assertions
    await expect(failed).rejects.toThrow('the job could not be added');
    expect((await getMergeItem(db, item.id))?.status).toBe('open');
    await inTransaction(db, decide);
    expect((await getMergeItem(db, item.id))?.status).toBe('resolved');
  });
});
