import { addJob, beat, releaseJobsOfDeadWorkers } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { runMigrations } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Which locked jobs `releaseJobsOfDeadWorkers` hands back to the queue: those of processes that missed three beats,
 * and those of worker ids no heartbeat knows once the lock is older than the grace; never those of a live process.
 */
describe('releaseJobsOfDeadWorkers', () => {
  const database = useTestDatabase();
  const now = new Date('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url });
  });

  /** A job locked by `workerId` at `lockedAt`, as graphile-worker's getJob leaves it. */
  async function lockedJob(workerId: string, lockedAt: Date): Promise<string> {
    const { sql } = database();
    const id = await addJob(sql, 'test__noop', { workerId });
    await sql`
      update graphile_worker._private_jobs set locked_by = ${workerId}, locked_at = ${lockedAt.toISOString()}
      where id = ${id}`;
    return id;
  }

  it('releases the jobs of dead and unknown workers, and keeps those of live and just-started ones', async () => {
    // Setup: a live process (beat 2 s ago, every 1 s), a dead one (last beat 5 s ago), and locks by ids no row knows.
    const { db, sql } = database();
    const seconds = (n: number) => new Date(now.getTime() - n * 1000);
    await beat(
      db,
      { workerId: 'live', hostname: 'h', pid: 1, graphileWorkerIds: ['w-live'], heartbeatSeconds: 1 },
      seconds(2),
    );
    await beat(
      db,
      { workerId: 'dead', hostname: 'h', pid: 2, graphileWorkerIds: ['w-dead-1', 'w-dead-2'], heartbeatSeconds: 1 },
      seconds(5),
    );
    const jobs = {
      live: await lockedJob('w-live', seconds(600)),
      dead1: await lockedJob('w-dead-1', seconds(1)),
      dead2: await lockedJob('w-dead-2', seconds(30)),
      unknownOld: await lockedJob('w-gone', seconds(120)),
      unknownNew: await lockedJob('w-starting', seconds(10)),
    };

    // Action
    const released = await releaseJobsOfDeadWorkers(sql, {
      now,
      defaultHeartbeatSeconds: 15,
      unknownGraceSeconds: 60,
    });

    // Assertions
    expect(released.sort()).toEqual(['w-dead-1', 'w-dead-2', 'w-gone']);
    const rows = await sql<{ id: string; locked_by: string | null }[]>`
      select id::text, locked_by from graphile_worker.jobs order by id`;
    const lockOf = (id: string) => rows.find((row) => row.id === id)?.locked_by;
    expect(lockOf(jobs.live)).toBe('w-live');
    expect(lockOf(jobs.unknownNew)).toBe('w-starting');
    expect([lockOf(jobs.dead1), lockOf(jobs.dead2), lockOf(jobs.unknownOld)]).toEqual([null, null, null]);
  });
});
