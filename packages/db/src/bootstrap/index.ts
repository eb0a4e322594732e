import { join } from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from './embedded';
import { BootstrapError } from './errors';

export { BootstrapError, type BootstrapErrorCode } from './errors';
export { startEmbeddedPostgres, EMBEDDED_DATABASE, type EmbeddedDatabase } from './embedded';
export { loadSecretKey } from './secret-key';
export { acquireDirectoryLock } from './lock';
export { findFreePort } from './free-port';

export interface OpenDatabaseOptions {
  /** DATABASE_URL, when set: used as it is, nothing is started. */
  databaseUrl: string | undefined;
  /** The data folder; the embedded cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** Receives the embedded server's log lines. */
  log?: (line: string) => void;
  /** Extra settings for an embedded server (tests turn fsync off). */
  settings?: Record<string, string>;
}

export interface DatabaseHandle {
  /** Where the apps connect. */
  url: string;
  /** Where CREATE DATABASE can be run (tests clone their databases through it). */
  adminUrl: string;
  source: 'env' | 'embedded';
  /** Stops what this handle started; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

async function checkReachable(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new BootstrapError(
      'DATABASE_UNREACHABLE',
      `Cannot connect to DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}. ` +
        'Check that the server runs and the URL is right, or unset DATABASE_URL to use the embedded database.',
      { cause: error },
    );
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * The one way every entry point (start command, worker, tests) gets its PostgreSQL: DATABASE_URL when it is set,
 * otherwise the embedded server with its data under `<dataDir>/pg`, created on first start and kept.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    await checkReachable(options.databaseUrl);
    return { url: options.databaseUrl, adminUrl: options.databaseUrl, source: 'env', stop: () => Promise.resolve() };
  }
  const embedded = await startEmbeddedPostgres({
    dir: join(options.dataDir, 'pg'),
    ...(options.log ? { log: options.log } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  return { url: embedded.url, adminUrl: embedded.adminUrl, source: 'embedded', stop: () => embedded.stop() };
}
