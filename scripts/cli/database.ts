import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDbClient, type DbClient, runMigrations } from '@shopverse/db';
import { Logger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import { EMBEDDED_DATABASE, openDatabase, redactUrl } from '@shopverse/db/bootstrap';

/** A connection for one CLI command, and how to let go of it (and of a server started for it). */
export interface CliDatabase extends DbClient {
  /** Where it connected, password hidden, for messages. */
  describe: string;
}

/**
 * The embedded server the start command runs, when it runs: its port is in `postmaster.pid` (line 4) and its password
 * beside the folder, as `startEmbeddedPostgres` wrote them. Undefined when no server holds the folder.
 */
function runningEmbedded(dataDir: string): string | undefined {
  const dir = join(dataDir, 'pg');
  const pidFile = join(dir, 'postmaster.pid');
  const credentials = `${dir}.credentials.json`;
  if (!existsSync(pidFile) || !existsSync(credentials)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    // Signal 0 only asks whether the process exists; a stale file from a crash names none.
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  const { password } = JSON.parse(readFileSync(credentials, 'utf8')) as { password: string };
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${Number(port)}/${EMBEDDED_DATABASE}`;
}

/**
 * Brings the schema up to date as the start command does (ours, then graphile-worker's queue): a command run before
 * any worker ever started, on a database of one's own, must still find the tables and the job queue it writes to.
 */
async function migrate(url: string): Promise<void> {
  await runMigrations(url);
  await runWorkerMigrations({ connectionString: url, logger: new Logger(() => () => undefined) });
}

/**
 * The database the app uses, found the way the start command finds it: DATABASE_URL; else the embedded server under
 * `<dataDir>/pg` if the app runs; else that server started for this one command and stopped after it.
 */
export async function connectCliDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<CliDatabase> {
  const url = options.databaseUrl || runningEmbedded(options.dataDir);
  if (url) {
    const client = createDbClient(url, { max: 2, applicationName: 'shopverse-cli' });
    try {
      await client.sql`select 1`;
    } catch (error) {
      await client.close();
      throw new Error(
        `Cannot connect to ${redactUrl(url)}: ${(error as Error).message}. ` +
          (options.databaseUrl ? 'Check DATABASE_URL.' : 'Is `npm start` still running?'),
        { cause: error },
      );
    }
    await migrate(url);
    return { ...client, describe: redactUrl(url) };
  }
  const started = await openDatabase({ databaseUrl: undefined, dataDir: options.dataDir });
  await migrate(started.url);
  const client = createDbClient(started.url, { max: 2, applicationName: 'shopverse-cli' });
  return {
    ...client,
    describe: `embedded PostgreSQL in ${join(options.dataDir, 'pg')} (started for this command)`,
    async close() {
      await client.close();
      await started.stop();
    },
  };
}
