import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const key = Buffer.alloc(32, 7).toString('base64');

describe('worker environment', () => {
  it('lists every problem in one message, naming each variable', () => {
    // Action
    const parse = () => parseEnv({ DATABASE_URL: 'mysql://nope', WORKER_CONCURRENCY: 'lots' });
    // Assertions
    expect(parse).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(parse).toThrow(/SHOPVERSE_SECRET_KEY is missing/);
    expect(parse).toThrow(/WORKER_CONCURRENCY/);
  });

  it('never echoes a secret it rejects', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://x', SHOPVERSE_SECRET_KEY: 'not-a-key-s3cr3t' })).not.toThrow(
      /s3cr3t/,
    );
  });

  it('fills defaults', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://h/db', SHOPVERSE_SECRET_KEY: key });
    expect(env).toMatchObject({ WORKER_CONCURRENCY: 16, WORKER_HEARTBEAT_SECONDS: 15, LOG_LEVEL: 'info' });
  });
});
