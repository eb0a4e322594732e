import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

const secretKey = randomBytes(32).toString('base64');
const databaseUrl = 'postgres://shopverse:s3cret-pass@db.internal:5432/shopverse';

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('parseEnv accepted the environment');
}

describe('parseEnv', () => {
  it('accepts a complete environment and defaults the worker staleness', () => {
    // Setup
    const source = { DATABASE_URL: databaseUrl, SHOPVERSE_SECRET_KEY: secretKey, UNRELATED: 'x' };
    // Action
    const env = parseEnv(source);
    // Assertions
    expect(env).toEqual({
      DATABASE_URL: databaseUrl,
      SHOPVERSE_SECRET_KEY: secretKey,
      SHOPVERSE_WORKER_STALE_SECONDS: 60,
    });
  });

  it('accepts postgresql:// URLs and a staleness in seconds', () => {
    // Setup
    const source = {
      DATABASE_URL: 'postgresql://localhost/shopverse',
      SHOPVERSE_SECRET_KEY: ` ${secretKey}\n`,
      SHOPVERSE_WORKER_STALE_SECONDS: '90',
    };
    // Action
    const env = parseEnv(source);
    // Assertions
    expect(env.SHOPVERSE_WORKER_STALE_SECONDS).toBe(90);
    expect(env.SHOPVERSE_SECRET_KEY).toBe(secretKey);
  });

  it('lists every problem in one error, each naming its variable and what to set', () => {
    // Setup
    const source = { SHOPVERSE_WORKER_STALE_SECONDS: 'soon' };
    // Action
    const action = () => parseEnv(source);
    // Assertions
    expect(action).toThrow(EnvError);
    expect(action).toThrow(/DATABASE_URL is missing: set it to the PostgreSQL URL, e\.g\. postgres:\/\//);
    expect(action).toThrow(/SHOPVERSE_SECRET_KEY is missing: set it to 32 random bytes in base64/);
    expect(action).toThrow(/SHOPVERSE_WORKER_STALE_SECONDS must be a whole number of seconds above 0, not "soon"/);
    expect(problemsOf(source)).toHaveLength(3);
  });

  it('treats empty variables as missing', () => {
    // Setup
    const source = { DATABASE_URL: '', SHOPVERSE_SECRET_KEY: '  ', SHOPVERSE_WORKER_STALE_SECONDS: '' };
    // Action
    const problems = problemsOf(source);
    // Assertions
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is missing: /),
      expect.stringMatching(/^SHOPVERSE_SECRET_KEY is missing: /),
    ]);
  });

  it('rejects wrong values without repeating the secrets in the message', () => {
    // Setup
    const mysqlUrl = 'mysql://root:hunter2@db.internal/shop';
    const shortKey = randomBytes(16).toString('base64');
    const source = { DATABASE_URL: mysqlUrl, SHOPVERSE_SECRET_KEY: shortKey, SHOPVERSE_WORKER_STALE_SECONDS: '0' };
    // Action
    const problems = problemsOf(source);
    // Assertions
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is not a postgres:\/\/ or postgresql:\/\/ URL: set it to /),
      expect.stringMatching(/^SHOPVERSE_SECRET_KEY must be 32 random bytes in base64 .* decodes to 16 bytes/),
      expect.stringMatching(/^SHOPVERSE_WORKER_STALE_SECONDS must be a whole number of seconds above 0, not "0"/),
    ]);
    const message = problems.join('\n');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain(mysqlUrl);
    expect(message).not.toContain(shortKey);
  });
});

describe('parseEnv: console sign-in', () => {
  const signIn = {
    NEXTAUTH_URL: 'https://shopverse.example.com',
    NEXTAUTH_SECRET: 'x'.repeat(40),
    ENTRA_CLIENT_ID: '3f8a2b6c-1d4e-4a9f-b7c2-8e5d0f1a2b3c',
    ENTRA_CLIENT_SECRET: 'the-client-secret',
    ENTRA_ISSUER: 'https://login.microsoftonline.com/9d3c1a7e-4b6f-4e21-8c0d-5a2f7b9e1c34/v2.0/',
  };

  it('accepts all five settings, trimming the issuer of its trailing slash', () => {
    // Action
    const env = parseEnv({ DATABASE_URL: databaseUrl, SHOPVERSE_SECRET_KEY: secretKey, ...signIn });
    // Assertions
    expect(env.ENTRA_ISSUER).toBe('https://login.microsoftonline.com/9d3c1a7e-4b6f-4e21-8c0d-5a2f7b9e1c34/v2.0');
    expect(env.NEXTAUTH_SECRET).toBe(signIn.NEXTAUTH_SECRET);
  });

  it('names each missing one when only some are set, and never repeats the secrets', () => {
    // Setup
    const { ENTRA_CLIENT_SECRET: _secret, ENTRA_ISSUER: _issuer, ...some } = signIn;
    // Action
    const problems = problemsOf({ DATABASE_URL: databaseUrl, SHOPVERSE_SECRET_KEY: secretKey, ...some });
    const short = problemsOf({
      DATABASE_URL: databaseUrl,
      SHOPVERSE_SECRET_KEY: secretKey,
      ...signIn,
      NEXTAUTH_SECRET: 'short',
    });
    // Assertions
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['ENTRA_CLIENT_SECRET', 'ENTRA_ISSUER']);
    expect(short).toHaveLength(1);
    expect(short[0]).toMatch(/^NEXTAUTH_SECRET is shorter than 32 characters/);
    expect(problems.join('\n')).not.toContain(signIn.NEXTAUTH_SECRET);
  });
});
