import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_TOKEN_PREFIX, generateApiToken, hashApiToken } from './api-tokens';

describe('API token hashing', () => {
  it('stores the lower-case hex SHA-256 of the exact token, different for tokens that differ by one character', () => {
    // Setup
    const token = generateApiToken();
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    // Action
    const hash = hashApiToken(token);
    // Assertions
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashApiToken(token)).toBe(hash);
    expect(hashApiToken(altered)).not.toBe(hash);
    expect(hash).not.toContain(token.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + 8));
  });

  it('makes tokens with our marker and 256 random bits, never the same twice', () => {
    // Action
    const tokens = Array.from({ length: 50 }, () => generateApiToken());
    // Assertions
    for (const token of tokens) {
      expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
      expect(Buffer.from(token.slice(API_TOKEN_PREFIX.length), 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
