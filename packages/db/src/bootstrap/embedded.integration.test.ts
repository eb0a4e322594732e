import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrationStatus } from '../health';
import { runMigrations } from '../migrate';
import { BootstrapError, loadSecretKey, openDatabase } from '.';

const fast = { fsync: 'off', synchronous_commit: 'off' };

async function query<T>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

describe('the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopverse-embedded-'));
  // The postgres user (when we are root) must be able to walk into the folder.
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is created on first start, migrated, and reused with its data on the next start', async () => {
    // Setup
    const first = await openDatabase({ databaseUrl: undefined, dataDir, settings: fast });
    await runMigrations(first.url);
    await query(first.url, `insert into worker_heartbeats (worker_id, hostname, pid) values ('kept', 'h', 1)`);
    await first.stop();
    // Action
    const second = await openDatabase({ databaseUrl: undefined, dataDir, settings: fast });
    // Assertions
    try {
      expect(second.source).toBe('embedded');
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      const rows = await query<{ worker_id: string }>(second.url, 'select worker_id from worker_heartbeats');
      expect(rows.map((row) => row.worker_id)).toEqual(['kept']);
      const sql = postgres(second.url, { max: 1 });
      expect((await migrationStatus(sql)).upToDate).toBe(true);
      await sql.end();
    } finally {
      await second.stop();
    }
  });

  it('refuses a second start on the same folder while the first runs, and leaves the first intact', async () => {
    // Setup
    const running = await openDatabase({ databaseUrl: undefined, dataDir, settings: fast });
    try {
      // Action
      const second = openDatabase({ databaseUrl: undefined, dataDir, settings: fast });
      // Assertions
      await expect(second).rejects.toThrow(BootstrapError);
      await expect(openDatabase({ databaseUrl: undefined, dataDir })).rejects.toThrow(/already in use .*pid/);
      const rows = await query<{ n: number }>(running.url, 'select 1 as n');
      expect(rows[0]?.n).toBe(1);
    } finally {
      await running.stop();
    }
    // Once stopped, the folder can be started again.
    const again = await openDatabase({ databaseUrl: undefined, dataDir, settings: fast });
    await again.stop();
  });
});

describe('DATABASE_URL', () => {
  it('is used as it is: nothing is started and no data folder is made', async () => {
    // Setup
    const dataDir = join(tmpdir(), `shopverse-unused-${process.pid}`);
    const url = inject('databaseAdminUrl');
    // Action
    const handle = await openDatabase({ databaseUrl: url, dataDir });
    // Assertions
    expect(handle.source).toBe('env');
    expect(handle.url).toBe(url);
    expect(existsSync(dataDir)).toBe(false);
    expect((await query<{ n: number }>(handle.url, 'select 2 as n'))[0]?.n).toBe(2);
    await handle.stop();
  });

  it('fails with a message that names the URL without its password', async () => {
    const attempt = openDatabase({ databaseUrl: 'postgres://u:hunter2@127.0.0.1:1/x', dataDir: tmpdir() });
    await expect(attempt).rejects.toThrow(/Cannot connect to DATABASE_URL \(postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x\)/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});

describe('the secret key', () => {
  it('is generated once under the data folder with mode 0600 for the embedded default', () => {
    // Setup
    const dataDir = mkdtempSync(join(tmpdir(), 'shopverse-key-'));
    // Action
    const first = loadSecretKey({ envKey: undefined, dataDir, embedded: true });
    const second = loadSecretKey({ envKey: undefined, dataDir, embedded: true });
    // Assertions
    expect(first).toBe(second);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('must come from the environment when DATABASE_URL is set', () => {
    expect(() => loadSecretKey({ envKey: undefined, dataDir: tmpdir(), embedded: false })).toThrow(
      /SHOPVERSE_SECRET_KEY is not set/,
    );
    expect(() => loadSecretKey({ envKey: 'dG9vIHNob3J0', dataDir: tmpdir(), embedded: false })).toThrow(
      /32 random bytes/,
    );
  });
});
