import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox } from '../secrets';
import { testOrg, testStore, useTestDatabase } from '../testing';
import { findLink, type LinkWrite, saveLink } from './entity-links';

describe('saving a link', () => {
  const database = useTestDatabase();
  const box = SecretBox.fromBase64(generateSecretKey());

  it('keeps what an earlier write filled when asked (a fill-only writer), and otherwise records this write alone', async () => {
    // Setup: a guest checkout's link to a contact, whose first sync filled the second address line.
    const { db } = database();
    const store = await testStore(db, box, 'us');
    const org = await testOrg(db, box, 'org');
    const contact = randomUUID();
    const write = (crmId: string, writtenValues: Record<string, unknown>, keepEarlierWrites: boolean): LinkWrite => ({
      storeId: store.id,
      shopifyType: 'guest_checkout',
      shopifyGid: 'gid://shopify/GuestCheckout/abc',
      orgId: org.id,
      crmTable: 'contact',
      crmId,
      shopifyUpdatedAt: new Date('2026-11-27T10:00:00Z'),
      contentHash: 'h',
      writtenValues,
      keepEarlierWrites,
      correlationId: randomUUID(),
      now: new Date(),
    });
    await saveLink(db, write(contact, { address1_line2: 'Apt 21', address1_city: 'Cairo' }, true));
    const ref = {
      storeId: store.id,
      shopifyType: 'guest_checkout' as const,
      shopifyGid: 'gid://shopify/GuestCheckout/abc',
    };

    // Action: a second sync of the same buyer (another order) that filled nothing and saw only the city.
    await saveLink(db, write(contact, { address1_city: 'Giza' }, true));
    const kept = (await findLink(db, ref))?.writtenValues;
    // Action: the same link, moved to another row: what it wrote to the first row is not the second's.
    const moved = randomUUID();
    await saveLink(db, write(moved, { address1_city: 'Giza' }, true));
    const elsewhere = (await findLink(db, ref))?.writtenValues;
    // Action: an ordinary write, which names every column it compared.
    await saveLink(db, write(moved, { address1_line1: '1 Nile St' }, false));
    const ordinary = (await findLink(db, ref))?.writtenValues;

    // Assertions
    expect(kept).toEqual({ address1_line2: 'Apt 21', address1_city: 'Giza' });
    expect(elsewhere).toEqual({ address1_city: 'Giza' });
    expect(ordinary).toEqual({ address1_line1: '1 Nile St' });
  });
});
