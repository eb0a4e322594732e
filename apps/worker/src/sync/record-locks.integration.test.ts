import { useTestDatabase } from '@shopverse/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordLocks } from './record-locks';

/**
 * The worker's record locks against a real Postgres: one record at a time in a process and across processes (two
 * `RecordLocks` on two clients stand for two worker processes), many records at once on one lock connection.
 */
describe('RecordLocks', () => {
  const database = useTestDatabase();
  const opened: RecordLocks[] = [];

  /** A worker process's locks, on their own connection as the worker opens them. */
  const process = () => {
    const locks = RecordLocks.open(database().url);
    opened.push(locks);
    return locks;
  };

  afterEach(async () => {
    for (const locks of opened.splice(0)) await locks.close();
  });

  /** Runs `work` under the record's lock and notes when it started and ended. */
  const timeline: string[] = [];
  const hold = async (locks: RecordLocks, key: string, name: string, ms: number) => {
    const release = await locks.acquire(key);
    timeline.push(`${name} start`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    timeline.push(`${name} end`);
    await release();
  };

  it('runs two syncs of one record one after the other in a process, and of different records at once', async () => {
    const locks = process();
    timeline.length = 0;
    await Promise.all([
      hold(locks, 'order:s:1', 'a', 60),
      hold(locks, 'order:s:1', 'b', 10),
      hold(locks, 'order:s:2', 'c', 10),
    ]);
    expect(timeline.indexOf('b start')).toBeGreaterThan(timeline.indexOf('a end'));
    expect(timeline.indexOf('c end')).toBeLessThan(timeline.indexOf('a end'));
    expect(locks.size).toBe(0);
  });

  it('keeps a record another process holds until it lets go', async () => {
    const first = process();
    const second = process();
    timeline.length = 0;
    await Promise.all([
      hold(first, 'order:s:9', 'first', 150),
      new Promise((resolve) => setTimeout(resolve, 20)).then(() => hold(second, 'order:s:9', 'second', 5)),
    ]);
    expect(timeline).toEqual(['first start', 'first end', 'second start', 'second end']);
  });

  it('holds hundreds of records at once on its one connection', async () => {
    const locks = process();
    const releases = await Promise.all(Array.from({ length: 300 }, (_, n) => locks.acquire(`order:s:${n}`)));
    const held = await database().sql<{ count: number }[]>`
      select count(*)::int as count from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`;
    expect(held[0]?.count).toBeGreaterThanOrEqual(300);
    await Promise.all(releases.map((release) => release()));
    const left = await database().sql<{ count: number }[]>`
      select count(*)::int as count from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`;
    expect(left[0]?.count).toBe(0);
  });

  it('lets a record go when its lock connection dies, and takes locks again on a new one', async () => {
    const first = process();
    const release = await first.acquire('order:s:77');
    // The lock session ends (a restarted server, a dropped connection): Postgres frees its locks.
    await database().sql`
      select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()
        and database = (select oid from pg_database where datname = current_database())`;
    const second = process();
    const other = await second.acquire('order:s:77');
    await other();
    // The first process's release of the lost lock is a no-op, and its next lock opens a session that works.
    await release();
    const again = await first.acquire('order:s:78');
    await again();
  });
});
