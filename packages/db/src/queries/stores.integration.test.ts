import { describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox, SecretError } from '../secrets';
import { useTestDatabase } from '../testing';
import { listStores, readStoreCredentials, upsertStore } from './stores';

describe('store secrets at rest', () => {
  const database = useTestDatabase();
  const box = SecretBox.fromBase64(generateSecretKey());

  it('are unreadable in the table and read back intact', async () => {
    // Setup
    const { db, sql } = database();
    const accessToken = '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';
    const webhookSecret = 'whsec-Δ-7c4a2e1b9d8f';
    // Action
    const store = await upsertStore(db, box, {
      key: 'us',
      shopDomain: 'demo-us.myshopify.com',
      name: 'Demo US',
      apiVersion: '2025-01',
      accessToken,
      webhookSecret,
    });
    // Assertions
    const [raw] = await sql`select * from stores where id = ${store.id}`;
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain(accessToken);
    expect(rawText).not.toContain(webhookSecret);
    expect(rawText).not.toContain('3f1e9c0b');
    expect(String(raw?.access_token_encrypted)).toMatch(/^v1:/);
    expect(await readStoreCredentials(db, box, store.id)).toEqual({ accessToken, webhookSecret });
    expect(store).not.toHaveProperty('accessTokenEncrypted');
    expect(store.hasAccessToken).toBe(true);
  });

  it('cannot be opened under another key', async () => {
    // Setup
    const { db } = database();
    const store = await upsertStore(db, box, {
      key: 'eu',
      shopDomain: 'demo-eu.myshopify.com',
      name: 'Demo EU',
      apiVersion: '2025-01',
      accessToken: 'shpat_eu',
    });
    // Action
    const read = readStoreCredentials(db, SecretBox.fromBase64(generateSecretKey()), store.id);
    // Assertions
    await expect(read).rejects.toBeInstanceOf(SecretError);
  });

  it('keeps a secret that an update leaves out, and lists stores without secrets', async () => {
    // Setup
    const { db } = database();
    const input = { key: 'ca', shopDomain: 'demo-ca.myshopify.com', name: 'Demo CA', apiVersion: '2025-01' };
    const first = await upsertStore(db, box, { ...input, accessToken: 'shpat_ca' });
    // Action
    await upsertStore(db, box, { ...input, name: 'Demo Canada' });
    // Assertions
    expect((await readStoreCredentials(db, box, first.id)).accessToken).toBe('shpat_ca');
    const listed = (await listStores(db)).find((store) => store.id === first.id);
    expect(listed?.name).toBe('Demo Canada');
    expect(JSON.stringify(listed)).not.toContain('v1:');
  });

  it('rejects a store key that would break CRM alternate keys', async () => {
    const { db } = database();
    const bad = upsertStore(db, box, { key: 'US/1', shopDomain: 'x.myshopify.com', name: 'X', apiVersion: '2025-01' });
    await expect(bad).rejects.toThrow(/Store x\.myshopify\.com: the key "US\/1" may hold only lowercase letters/);
  });

  it('is backed by a check constraint in the table itself', async () => {
    const { sql } = database();
    const insert = sql`insert into stores (key, shop_domain, name, api_version) values ('a:b', 'y.myshopify.com', 'Y', '2025-01')`;
    await expect(insert).rejects.toThrow(/stores_key_format/);
  });
});
