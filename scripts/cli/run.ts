import { backfill, BACKFILL_USAGE } from './backfill';
import type { CliDatabase } from './database';
import { CliError, type CliOutput } from './output';
import { replay, REPLAY_USAGE } from './replay';
import { retry, RETRY_USAGE } from './retry';
import { status } from './status';

export const USAGE = [
  'usage: pnpm shopverse <command>',
  '',
  'commands:',
  '  shopverse status                 stores, job queue, failed list by error code, backfills under way',
  `  ${RETRY_USAGE}`,
  '                                   queue failed jobs again under their correlation ids',
  `  ${REPLAY_USAGE}   process a stored webhook delivery again`,
  `  ${BACKFILL_USAGE}`,
  '                                   read every record of a store through Shopify bulk operations and sync it',
  '',
  'The database is DATABASE_URL, else the embedded one under .data/ (SHOPVERSE_DATA_DIR), as `npm start` uses.',
].join('\n');

export interface CliDeps {
  connect: () => Promise<CliDatabase>;
  output: CliOutput;
  /** Who acts, recorded on what a retry or replay changes (`replayed_by`). */
  actor: string;
  now: () => Date;
}

/** Runs one command; returns the exit code: 0 done, 1 refused or failed, 2 wrong usage. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    if (command) deps.output.out(USAGE);
    else deps.output.err(USAGE);
    return command ? 0 : 2;
  }
  if (!['status', 'retry', 'replay', 'backfill'].includes(command)) {
    deps.output.err(`Unknown command ${command}.\n\n${USAGE}`);
    return 2;
  }
  let database: CliDatabase | undefined;
  try {
    database = await deps.connect();
    switch (command) {
      case 'status':
        return await status(database.db, database.sql, deps.output, deps.now());
      case 'retry':
        return await retry(database.db, rest, deps.output, deps.actor, deps.now());
      case 'backfill':
        return await backfill(database.db, database.sql, rest, deps.output, deps.actor, { now: deps.now });
      default:
        return await replay(database.db, rest, deps.output, deps.actor);
    }
  } catch (error) {
    if (error instanceof CliError) {
      deps.output.err(error.message);
      return error.exitCode;
    }
    deps.output.err(`shopverse ${command} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await database?.close();
  }
}
