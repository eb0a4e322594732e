import type { Sql } from 'postgres';
import journal from '../drizzle/meta/_journal.json' with { type: 'json' };

export interface MigrationStatus {
  /** Migrations committed in this build. */
  expected: number;
  /** Migrations the database has applied. */
  applied: number;
  /** Tag of the newest migration of this build, e.g. `0000_initial_schema`. */
  latest: string | undefined;
  /** True when the database has every migration of this build. */
  upToDate: boolean;
}

/** Compares the migrations committed in this build with those the database records as applied. */
export async function migrationStatus(sql: Sql): Promise<MigrationStatus> {
  const entries = journal.entries;
  const latestEntry = entries.at(-1);
  const [table] = await sql<
    { exists: boolean }[]
  >`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
  let appliedAt: number[] = [];
  if (table?.exists) {
    const rows = await sql<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations`;
    appliedAt = rows.map((row) => Number(row.created_at));
  }
  const applied = entries.filter((entry) => appliedAt.includes(entry.when)).length;
  return { expected: entries.length, applied, latest: latestEntry?.tag, upToDate: applied === entries.length };
}

export interface WorkerHeartbeat {
  workerId: string;
  lastSeenAt: Date;
}

/** The most recent heartbeat of any worker, or undefined when none ever ran. */
export async function latestWorkerHeartbeat(sql: Sql): Promise<WorkerHeartbeat | undefined> {
  // On a client shared with drizzle, timestamps arrive as text (see client.ts); Date reads both.
  const [row] = await sql<{ worker_id: string; last_seen_at: Date | string }[]>`
    select worker_id, last_seen_at from worker_heartbeats order by last_seen_at desc limit 1`;
  return row ? { workerId: row.worker_id, lastSeenAt: new Date(row.last_seen_at) } : undefined;
}

/** Round trip to the database; throws when it is down. */
export async function pingDatabase(sql: Sql): Promise<{ latencyMs: number; serverVersion: string }> {
  const started = performance.now();
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  return { latencyMs: Math.round(performance.now() - started), serverVersion: row?.server_version ?? 'unknown' };
}
