import { createDbClient } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkHealth } from './health';

const now = new Date('2030-01-15T12:00:00.000Z');
const workerStaleSeconds = 60;

describe('checkHealth', () => {
  const database = useTestDatabase();

  async function recordHeartbeat(workerId: string, lastSeenAt: Date): Promise<void> {
    // ISO text, not a Date: drizzle switches off postgres-js's timestamp serialisation on this client.
    const at = lastSeenAt.toISOString();
    await database().sql`
      insert into worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at)
      values (${workerId}, 'test-host', 4242, ${at}, ${at})`;
  }

  beforeEach(async () => {
    await database().sql`delete from worker_heartbeats`;
  });

  it('reports the database and its migrations, and degraded while no worker ever ran', async () => {
    // Setup
    const { sql } = database();
    // Action
    const report = await checkHealth(sql, { now, workerStaleSeconds });
    // Assertions
    expect(report).toEqual({
      status: 'degraded',
      checkedAt: '2030-01-15T12:00:00.000Z',
      database: { ok: true, latencyMs: expect.any(Number) as number, serverVersion: expect.any(String) as string },
      migrations: {
        ok: true,
        expected: expect.any(Number) as number,
        applied: expect.any(Number) as number,
        latest: expect.any(String) as string,
      },
      worker: { ok: false, workerId: null, lastSeenAt: null, ageSeconds: null },
    });
    expect(report.migrations.applied).toBe(report.migrations.expected);
    expect(report.migrations.expected).toBeGreaterThan(0);
    expect(report.migrations.latest).toMatch(/^\d{4}_/);
    expect(report.database.serverVersion).toMatch(/^\d+/);
  });

  it('is ok with a fresh heartbeat', async () => {
    // Setup
    const { sql } = database();
    await recordHeartbeat('worker-old', new Date(now.getTime() - 3_600_000));
    await recordHeartbeat('worker-fresh', new Date(now.getTime() - 4_000));
    // Action
    const report = await checkHealth(sql, { now, workerStaleSeconds });
    // Assertions
    expect(report.status).toBe('ok');
    expect(report.worker).toEqual({
      ok: true,
      workerId: 'worker-fresh',
      lastSeenAt: '2030-01-15T11:59:56.000Z',
      ageSeconds: 4,
    });
  });

  it('is degraded when the newest heartbeat is older than the staleness limit', async () => {
    // Setup
    const { sql } = database();
    await recordHeartbeat('worker-gone', new Date(now.getTime() - 61_000));
    // Action
    const report = await checkHealth(sql, { now, workerStaleSeconds });
    // Assertions
    expect(report.status).toBe('degraded');
    expect(report.worker).toMatchObject({ ok: false, workerId: 'worker-gone', ageSeconds: 61 });
    expect(report.database.ok).toBe(true);
  });

  it('is down while migrations are pending', async () => {
    // Setup
    const { sql } = database();
    await recordHeartbeat('worker-fresh', now);
    const applied = await sql`select * from drizzle.__drizzle_migrations`;
    await sql`delete from drizzle.__drizzle_migrations`;
    try {
      // Action
      const report = await checkHealth(sql, { now, workerStaleSeconds });
      // Assertions
      expect(report.status).toBe('down');
      expect(report.database.ok).toBe(true);
      expect(report.migrations).toMatchObject({ ok: false, applied: 0 });
    } finally {
      await sql`insert into drizzle.__drizzle_migrations ${sql(applied)}`;
    }
  });

  it('is down, without throwing or leaking the password, when the database cannot be reached', async () => {
    // Setup
    const unreachable = createDbClient('postgres://x:y-password@127.0.0.1:1/z?connect_timeout=1', { max: 1 });
    try {
      // Action
      const report = await checkHealth(unreachable.sql, { now, workerStaleSeconds });
      // Assertions
      expect(report.status).toBe('down');
      expect(report.database).toEqual({
        ok: false,
        latencyMs: null,
        serverVersion: null,
        error: expect.stringMatching(/ECONNREFUSED/) as string,
      });
      expect(report.database.error).not.toContain('y-password');
      expect(report.migrations).toEqual({ ok: false, expected: null, applied: null, latest: null });
      expect(report.worker.ok).toBe(false);
    } finally {
      await unreachable.close();
    }
  });
});
