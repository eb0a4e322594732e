import { describe, expect, it } from 'vitest';
import type { SystemHealth } from './health-query';
import { describeHealth, formatAge } from './health-view';

const healthy: SystemHealth = {
  status: 'OK',
  checkedAt: '2030-01-15T12:00:00.000Z',
  database: { ok: true, latencyMs: 3, serverVersion: '16.4', error: null },
  migrations: { ok: true, expected: 3, applied: 3, latest: '0002_add_merge_queue' },
  worker: { ok: true, workerId: 'worker-1', lastSeenAt: '2030-01-15T11:59:56.000Z', ageSeconds: 4 },
};

describe('describeHealth', () => {
  it('shows a healthy system', () => {
    // Action
    const view = describeHealth(healthy);
    // Assertions
    expect(view).toEqual({
      status: 'ok',
      headline: 'All systems operational',
      rows: [
        { key: 'database', label: 'Database', status: 'ok', text: 'ok · PostgreSQL 16.4, 3 ms' },
        { key: 'migrations', label: 'Migrations', status: 'ok', text: '3 of 3 applied' },
        { key: 'worker', label: 'Worker', status: 'ok', text: 'last seen 4 s ago' },
      ],
    });
  });

  it('shows a missing or stale worker as degraded', () => {
    // Setup
    const missing: SystemHealth = {
      ...healthy,
      status: 'DEGRADED',
      worker: { ok: false, workerId: null, lastSeenAt: null, ageSeconds: null },
    };
    const stale: SystemHealth = { ...missing, worker: { ...healthy.worker, ok: false, ageSeconds: 300 } };
    // Action
    const views = [describeHealth(missing), describeHealth(stale)];
    // Assertions
    expect(views.map((view) => view.headline)).toEqual(['Degraded', 'Degraded']);
    expect(views.map((view) => view.rows[2])).toEqual([
      { key: 'worker', label: 'Worker', status: 'degraded', text: 'not running' },
      { key: 'worker', label: 'Worker', status: 'degraded', text: 'not running (last seen 5 min ago)' },
    ]);
  });

  it('shows pending migrations as down', () => {
    // Setup
    const pending: SystemHealth = {
      ...healthy,
      status: 'DOWN',
      migrations: { ...healthy.migrations, ok: false, applied: 2 },
    };
    // Action
    const view = describeHealth(pending);
    // Assertions
    expect(view.headline).toBe('Down');
    expect(view.rows[1]).toEqual({
      key: 'migrations',
      label: 'Migrations',
      status: 'down',
      text: '2 of 3 applied: migrations pending',
    });
  });

  it('shows an unreachable database and leaves the rest unknown', () => {
    // Setup
    const down: SystemHealth = {
      status: 'DOWN',
      checkedAt: healthy.checkedAt,
      database: { ok: false, latencyMs: null, serverVersion: null, error: 'connect ECONNREFUSED 127.0.0.1:5432' },
      migrations: { ok: false, expected: null, applied: null, latest: null },
      worker: { ok: false, workerId: null, lastSeenAt: null, ageSeconds: null },
    };
    // Action
    const view = describeHealth(down);
    // Assertions
    expect(view.status).toBe('down');
    expect(view.rows.map((row) => [row.status, row.text])).toEqual([
      ['down', 'down: connect ECONNREFUSED 127.0.0.1:5432'],
      ['down', 'unknown while the database is down'],
      ['down', 'unknown while the database is down'],
    ]);
  });
});

describe('formatAge', () => {
  it('picks the largest whole unit', () => {
    expect([0, 59, 60, 3_599, 3_600, 86_399, 86_400 * 3].map(formatAge)).toEqual([
      '0 s',
      '59 s',
      '1 min',
      '59 min',
      '1 h',
      '23 h',
      '3 d',
    ]);
  });
});
