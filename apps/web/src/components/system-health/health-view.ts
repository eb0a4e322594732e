import type { SystemHealth } from './health-query';

/** The state a row or the whole panel shows; also written to `data-status` for tests and styles. */
export type ViewStatus = 'ok' | 'degraded' | 'down';

export interface HealthRow {
  key: 'database' | 'migrations' | 'worker';
  label: string;
  status: ViewStatus;
  /** The value shown beside the label, e.g. `last seen 4 s ago`. */
  text: string;
}

export interface HealthView {
  status: ViewStatus;
  /** The badge: `All systems operational`, `Degraded` or `Down`. */
  headline: string;
  rows: HealthRow[];
}

const overall = {
  OK: { status: 'ok', headline: 'All systems operational' },
  DEGRADED: { status: 'degraded', headline: 'Degraded' },
  DOWN: { status: 'down', headline: 'Down' },
} as const satisfies Record<SystemHealth['status'], { status: ViewStatus; headline: string }>;

const UNKNOWN_WHILE_DOWN = 'unknown while the database is down';

/** A duration for people: `4 s`, `5 min`, `2 h`, `3 d` (rounded down). */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

function databaseRow({ database }: SystemHealth): HealthRow {
  if (!database.ok) {
    return { key: 'database', label: 'Database', status: 'down', text: `down: ${database.error ?? 'no answer'}` };
  }
  const details = [
    database.serverVersion && `PostgreSQL ${database.serverVersion}`,
    database.latencyMs !== null && `${database.latencyMs} ms`,
  ].filter(Boolean);
  return {
    key: 'database',
    label: 'Database',
    status: 'ok',
    text: ['ok', details.join(', ')].filter(Boolean).join(' · '),
  };
}

function migrationsRow({ database, migrations }: SystemHealth): HealthRow {
  if (!database.ok || migrations.applied === null || migrations.expected === null) {
    return { key: 'migrations', label: 'Migrations', status: 'down', text: UNKNOWN_WHILE_DOWN };
  }
  const count = `${migrations.applied} of ${migrations.expected} applied`;
  return migrations.ok
    ? { key: 'migrations', label: 'Migrations', status: 'ok', text: count }
    : { key: 'migrations', label: 'Migrations', status: 'down', text: `${count}: migrations pending` };
}

function workerRow({ database, worker }: SystemHealth): HealthRow {
  if (!database.ok) return { key: 'worker', label: 'Worker', status: 'down', text: UNKNOWN_WHILE_DOWN };
  if (worker.ageSeconds === null) return { key: 'worker', label: 'Worker', status: 'degraded', text: 'not running' };
  const seen = `last seen ${formatAge(worker.ageSeconds)} ago`;
  return worker.ok
    ? { key: 'worker', label: 'Worker', status: 'ok', text: seen }
    : { key: 'worker', label: 'Worker', status: 'degraded', text: `not running (${seen})` };
}

/** Turns the health answer into what the panel shows. */
export function describeHealth(health: SystemHealth): HealthView {
  return { ...overall[health.status], rows: [databaseRow(health), migrationsRow(health), workerRow(health)] };
}
