import { setTimeout as sleep } from 'node:timers/promises';
import postgres, { type Sql } from 'postgres';

/** How long a sync waits before asking again for a record another worker process holds (doubling up to the cap). */
const RETRY_FIRST_MS = 20;
const RETRY_CAP_MS = 500;

/** A held record lock: release it once, when the sync is done. */
export type ReleaseLock = () => Promise<void>;

/**
 * Per-record locks for the worker's syncs: two syncs of one record never interleave their reads and writes, in this
 * process or across processes, without tying a database connection to each sync.
 *
 * Within the process, syncs of one record queue behind each other. Across processes, each record is a Postgres
 * session advisory lock taken with `pg_try_advisory_lock` on the one connection of a client the process keeps for its
 * locks (a session's locks are its own: in-process exclusion comes first, so the session never takes one lock twice).
 * A record another process holds is asked for again after a short, growing wait, which never blocks the shared
 * session for the other records. Many syncs can thus run at once on a pool of a few connections (issue 10: a
 * backfill's syncs run many to a worker slot). If the lock connection drops, Postgres releases its locks and the
 * client connects again for the next lock; each lock remembers its session's backend pid, so a release meant for
 * the dropped session does nothing in the new one.
 */
export class RecordLocks {
  /** Per key, the tail of its queue: the promise the next sync of the record waits for. */
  readonly #queues = new Map<string, Promise<void>>();
  #closed = false;

  constructor(private readonly sql: Sql) {}

  /** Locks on a client of their own: one connection, kept for the process's life (a lifetime would drop locks). */
  static open(databaseUrl: string): RecordLocks {
    return new RecordLocks(
      postgres(databaseUrl, {
        max: 1,
        max_lifetime: null,
        idle_timeout: 0,
        onnotice: () => undefined,
        connection: { application_name: 'shopverse-worker-locks' },
      }),
    );
  }

  /** Waits until the record is free here and in every other worker process, then holds it. */
  async acquire(key: string): Promise<ReleaseLock> {
    if (this.#closed) throw new Error('The record locks are closed: the worker is stopping.');
    const before = this.#queues.get(key) ?? Promise.resolve();
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => (leave = resolve));
    const tail = before.then(() => mine);
    this.#queues.set(key, tail);
    const done = () => {
      leave();
      if (this.#queues.get(key) === tail) this.#queues.delete(key);
    };
    await before;
    let pid: number;
    try {
      pid = await this.#lockAcrossProcesses(key);
    } catch (error) {
      done();
      throw error;
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      try {
        // Only in the session that took it: after a reconnect the lock went with the old session.
        await this.sql`
          select case when pg_backend_pid() = ${pid} then pg_advisory_unlock(hashtextextended(${key}, 0)) end`;
      } catch {
        // The session is gone, and the lock with it.
      } finally {
        done();
      }
    };
  }

  /** Records held or waited for in this process, for tests and diagnostics. */
  get size(): number {
    return this.#queues.size;
  }

  /** Closes the lock connection; locks still held are released with it. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.sql.end({ timeout: 5 });
  }

  /** Takes the record's lock in the lock session; answers the session's backend pid. */
  async #lockAcrossProcesses(key: string): Promise<number> {
    for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_CAP_MS)) {
      try {
        const [row] = await this.sql<{ locked: boolean; pid: number }[]>`
          select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked, pg_backend_pid() as pid`;
        if (row?.locked) return row.pid;
      } catch (error) {
        // A dropped session: the client connects again on the next try.
        if (this.#closed) throw error;
      }
      await sleep(wait);
    }
  }
}
