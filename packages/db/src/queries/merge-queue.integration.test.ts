import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crmOrgs } from '../schema';
import { generateSecretKey, SecretBox } from '../secrets';
import { useTestDatabase } from '../testing';
import { openMergeItems, parkAmbiguousMatch, resolveMergeItem } from './merge-queue';
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
});
