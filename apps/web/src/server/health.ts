import { latestWorkerHeartbeat, migrationStatus, pingDatabase, type DbClient } from '@shopverse/db';

type Sql = DbClient['sql'];

/** `down`: the database is unreachable or behind on migrations; `degraded`: no live worker, so nothing syncs. */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface DatabaseHealth {
  ok: boolean;
  /** Round trip of a trivial query, in milliseconds; null when the database did not answer. */
  latencyMs: number | null;
  serverVersion: string | null;
  /** Why the database is down; never contains the connection URL or its password. */
  error?: string;
}

export interface MigrationHealth {
  /** True when the database has every migration of this build. */
  ok: boolean;
  /** Migrations in this build; null when the database could not be asked. */
  expected: number | null;
  /** Migrations the database has applied; null when the database could not be asked. */
  applied: number | null;
  /** Tag of the newest migration of this build, e.g. `0000_initial_schema`. */
  latest: string | null;
}

export interface WorkerHealth {
  /** True when some worker sent a heartbeat within the staleness limit. */
  ok: boolean;
  workerId: string | null;
  /** ISO-8601 time of the newest heartbeat of any worker. */
  lastSeenAt: string | null;
  ageSeconds: number | null;
}

/** What `/api/health` and the GraphQL `health` field report; plain JSON. */
export interface HealthReport {
  status: HealthStatus;
  /** ISO-8601 time of the check. */
  checkedAt: string;
  database: DatabaseHealth;
  migrations: MigrationHealth;
  worker: WorkerHealth;
}

export interface HealthOptions {
  now: Date;
  /** A worker whose last heartbeat is older than this counts as gone. */
  workerStaleSeconds: number;
  /** How long to wait for the database before calling it down; a health check must answer even then. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Checks the database, its migrations and the worker heartbeat. Never throws: a database that cannot be reached is
 * reported as `down` with the reason, because the health check is what people look at when things are broken.
 */
export async function checkHealth(sql: Sql, options: HealthOptions): Promise<HealthReport> {
  const checkedAt = options.now.toISOString();
  try {
    const { database, migrations, heartbeat } = await withTimeout(
      readState(sql),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const worker = workerHealth(heartbeat, options);
    const status: HealthStatus = !migrations.upToDate ? 'down' : worker.ok ? 'ok' : 'degraded';
    return {
      status,
      checkedAt,
      database: { ok: true, ...database },
      migrations: {
        ok: migrations.upToDate,
        expected: migrations.expected,
        applied: migrations.applied,
        latest: migrations.latest ?? null,
      },
      worker,
    };
  } catch (error) {
    return {
      status: 'down',
      checkedAt,
      database: { ok: false, latencyMs: null, serverVersion: null, error: describeError(error) },
      migrations: { ok: false, expected: null, applied: null, latest: null },
      worker: { ok: false, workerId: null, lastSeenAt: null, ageSeconds: null },
    };
  }
}

async function readState(sql: Sql) {
  const database = await pingDatabase(sql);
  const migrations = await migrationStatus(sql);
  // Before the first migration there is no heartbeat table to read; the report is `down` for the migrations anyway.
  const heartbeat = migrations.applied > 0 ? await latestWorkerHeartbeat(sql) : undefined;
  return { database, migrations, heartbeat };
}

function workerHealth(
  heartbeat: { workerId: string; lastSeenAt: Date } | undefined,
  { now, workerStaleSeconds }: HealthOptions,
): WorkerHealth {
  if (!heartbeat) return { ok: false, workerId: null, lastSeenAt: null, ageSeconds: null };
  const { lastSeenAt } = heartbeat;
  // Clocks of the worker's host and ours may differ by a little; a heartbeat "from the future" is simply fresh.
  const ageSeconds = Math.max(0, Math.floor((now.getTime() - lastSeenAt.getTime()) / 1000));
  return {
    ok: ageSeconds <= workerStaleSeconds,
    workerId: heartbeat.workerId,
    lastSeenAt: lastSeenAt.toISOString(),
    ageSeconds,
  };
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A one-line reason fit for a public health page: connection URLs are cut out, in case a driver ever echoes one. */
function describeError(error: unknown): string {
  const cause = error instanceof AggregateError && error.errors.length > 0 ? (error.errors[0] as unknown) : error;
  const message =
    cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code || cause.name : String(cause);
  return message.replace(/postgres(?:ql)?:\/\/\S*/gi, '(database URL)');
}
