import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { BootstrapError } from './errors';

interface LockContent {
  pid: number;
  startedAt: string;
}

/** An exclusive claim on a data directory, released by `release()` or by the owner's death. */
export interface DirectoryLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, startedAt: String(parsed.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock file at `path` with an exclusive create, so two starts racing for one data directory cannot both
 * win. A lock left by a process that has died (a crash, a kill -9) is taken over; a live one is an error that names
 * the process holding it.
 */
export function acquireDirectoryLock(path: string, what: string): DirectoryLock {
  for (let tries = 0; tries < 3; tries++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(path);
      if (holder !== undefined && isAlive(holder.pid)) {
        throw new BootstrapError(
          'DATA_DIR_IN_USE',
          `${what} is already in use by another Shopverse process (pid ${holder.pid}, started ${holder.startedAt}). ` +
            'Stop that one first (Ctrl-C in its terminal), or give this one its own folder with SHOPVERSE_DATA_DIR.',
        );
      }
      // The holder is gone (or the file is half-written by a start that died): take it over.
      rmSync(path, { force: true });
      continue;
    }
    const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString() };
    writeSync(fd, JSON.stringify(content));
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
      },
    };
  }
  throw new BootstrapError('DATA_DIR_IN_USE', `Could not take the lock ${path}; another start keeps taking it.`);
}
