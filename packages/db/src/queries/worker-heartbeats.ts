import { lt } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { Database } from '../client';
import { workerHeartbeats } from '../schema';

export interface HeartbeatInput {
  workerId: string;
  hostname: string;
  pid: number;
  /** graphile-worker's ids of this process's workers: the `locked_by` of its jobs. */
  graphileWorkerIds?: string[];
  /** How often this process beats; others presume it dead after three missed beats. */
  heartbeatSeconds?: number;
}

/** Records that a worker is alive now. */
export async function beat(db: Database, input: HeartbeatInput, now: Date): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values({ ...input, startedAt: now, lastSeenAt: now })
    .onConflictDoUpdate({
      target: workerHeartbeats.workerId,
      set: {
        lastSeenAt: now,
        ...(input.graphileWorkerIds ? { graphileWorkerIds: input.graphileWorkerIds } : {}),
      },
    });
}

/** Forgets workers not seen since `before` (they stopped or died). */
export async function forgetStaleWorkers(db: Database, before: Date): Promise<number> {
  const gone = await db.delete(workerHeartbeats).where(lt(workerHeartbeats.lastSeenAt, before)).returning();
  return gone.length;
}

/** Beats a process may miss before the others presume it dead and release its jobs. */
export const MISSED_BEATS_BEFORE_DEAD = 3;

/**
 * Releases the jobs of dead worker processes so that any live worker picks them up at once: graphile-worker itself
 * leaves the jobs of a killed process locked for four hours. A process is dead when it missed three of its own beats;
 * a lock held by a worker id no heartbeat knows (a process that died before its first beat, or whose row was already
 * forgotten) is released only once it is older than `unknownGraceSeconds`, since a process that just started locks
 * jobs a moment before its first beat records its ids. Returns the worker ids released.
 *
 * A process that is alive but stalled past three beats loses its jobs to another worker; the per-record advisory
 * lock and upserts by alternate key keep that second run from writing twice.
 */
export async function releaseJobsOfDeadWorkers(
  sql: Sql,
  options: { now: Date; defaultHeartbeatSeconds: number; unknownGraceSeconds: number },
): Promise<string[]> {
  const now = options.now.toISOString();
  const rows = await sql<{ locked_by: string }[]>`
    with beats as (
      select unnest(graphile_worker_ids) as worker_id,
        last_seen_at >= ${now}::timestamptz - make_interval(
          secs => ${MISSED_BEATS_BEFORE_DEAD} * coalesce(heartbeat_seconds, ${options.defaultHeartbeatSeconds})
        ) as alive
      from worker_heartbeats
    )
    select distinct jobs.locked_by
    from graphile_worker.jobs jobs
    left join beats on beats.worker_id = jobs.locked_by
    where jobs.locked_by is not null
      and not coalesce(beats.alive, false)
      and (
        beats.worker_id is not null
        or jobs.locked_at < ${now}::timestamptz - make_interval(secs => ${options.unknownGraceSeconds})
      )`;
  const dead = rows.map((row) => row.locked_by);
  if (dead.length > 0) await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`;
  return dead;
}
