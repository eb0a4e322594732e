import { describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox, SecretError } from './secrets';

describe('SecretBox', () => {
  const box = SecretBox.fromBase64(generateSecretKey());

  it('round-trips a secret under its context', () => {
    // Setup
    const token = 'shpat_0123456789abcdef';
    // Action
    const sealed = box.seal(token, 'stores.access_token');
    // Assertions
    expect(sealed).not.toContain(token);
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.open(sealed, 'stores.access_token')).toBe(token);
  });

  it('uses a fresh IV for every seal', () => {
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a value moved to another column', () => {
    const sealed = box.seal('whsec', 'stores.webhook_secret');
    expect(() => box.open(sealed, 'stores.access_token')).toThrow(SecretError);
  });

  it('refuses a value sealed under another key, without echoing it', () => {
    const other = SecretBox.fromBase64(generateSecretKey());
    const sealed = other.seal('top-secret', 'crm_orgs.client_secret');
    expect(() => box.open(sealed, 'crm_orgs.client_secret')).toThrow(/another key/);
    expect(() => box.open(sealed, 'crm_orgs.client_secret')).not.toThrow(/top-secret/);
  });

  it('detects tampering', () => {
    const sealed = box.seal('abc', 'c');
    const parts = sealed.split(':');
    const data = Buffer.from(parts[3] ?? '', 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[3] = data.toString('base64');
    expect(() => box.open(parts.join(':'), 'c')).toThrow(SecretError);
  });

  it('rejects a key of the wrong length with a message that says how to make one', () => {
    expect(() => SecretBox.fromBase64('c2hvcnQ=')).toThrow(/32 random bytes in base64/);
  });
});
