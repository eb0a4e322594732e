/**
 * One embedded PostgreSQL for the scenarios of a run that need a throwaway database and nothing particular of the
 * server (bulk-ingest, resync-unchanged, sync-log-search): each gets an empty database of its own, dropped after, on
 * a server started at the first ask and stopped at the end of the run. Starting a server (initdb, then start) takes
 * 2 to 4 s on a loaded 2-core machine; the quick run pays it once instead of per scenario. Fsync is off: nothing here
 * must survive a crash, and no scenario that shares it times a commit (intake-burst keeps its own server, fsync on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@shopverse/db/bootstrap';
import postgres from 'postgres';

/** A database of its own for one scenario. */
export interface BenchDatabase {
  url: string;
  /** Drops it, closing any connection still open to it. */
  drop(): Promise<void>;
}

export interface BenchDatabaseServer {
  /** An empty database named after `label` (e.g. the scenario id), on the shared server. */
  create(label: string): Promise<BenchDatabase>;
  /** Stops the server, if it was started, and removes its folder. */
  stop(): Promise<void>;
}

const SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/** A server that starts at its first `create`; `stop` is safe whether or not it started. */
export function benchDatabaseServer(): BenchDatabaseServer {
  const dir = mkdtempSync(join(tmpdir(), 'shopverse-bench-pg-'));
  let server: Promise<DatabaseHandle> | undefined;
  let created = 0;
  return {
    async create(label) {
      server ??= openDatabase({ databaseUrl: undefined, dataDir: dir, settings: SETTINGS });
      const handle = await server;
      created += 1;
      const name = `bench_${created}_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 63);
      await asAdmin(handle.adminUrl, `create database "${name}"`);
      const url = new URL(handle.url);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        // With (force): a worker of a scenario that failed half-way may still hold connections.
        drop: () => asAdmin(handle.adminUrl, `drop database if exists "${name}" with (force)`),
      };
    },
    async stop() {
      try {
        const handle = await server?.catch(() => undefined);
        await handle?.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
