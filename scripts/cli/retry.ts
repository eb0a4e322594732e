import { type Database, type DeadLetterSelection, listStores, replayDeadLetters } from '@shopverse/db';
import { CliError, type CliOutput, table } from './output';

export const RETRY_USAGE =
  'shopverse retry --id <dead letter id>... | --store <key> [--entity <customer|company|order>] [--code <error code>]';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RetryArgs {
  ids: string[];
  store?: string;
  entity?: string;
  code?: string;
}

/** `--id a --id b`, `--id a b`, `--store us --code x`; anything else is a usage error naming what was wrong. */
export function parseRetryArgs(argv: string[]): RetryArgs {
  const args: RetryArgs = { ids: [] };
  let collecting: 'ids' | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new CliError(`${arg} needs a value.\n${RETRY_USAGE}`, 2);
      index++;
      return next;
    };
    if (arg === '--id') {
      args.ids.push(value());
      collecting = 'ids';
    } else if (arg === '--store') [args.store, collecting] = [value(), undefined];
    else if (arg === '--entity') [args.entity, collecting] = [value(), undefined];
    else if (arg === '--code') [args.code, collecting] = [value(), undefined];
    else if (collecting === 'ids' && !arg.startsWith('--')) args.ids.push(arg);
    else throw new CliError(`Unknown argument ${arg}.\n${RETRY_USAGE}`, 2);
  }
  if (args.ids.length > 0 && (args.store || args.entity || args.code)) {
    throw new CliError(`Give either --id or --store (with --entity, --code), not both.\n${RETRY_USAGE}`, 2);
  }
  if (args.ids.length === 0 && !args.store) {
    throw new CliError(`Say what to retry: --id, or --store with optional --entity and --code.\n${RETRY_USAGE}`, 2);
  }
  const malformed = args.ids.filter((id) => !UUID.test(id));
  if (malformed.length > 0) throw new CliError(`Not a dead letter id (a UUID): ${malformed.join(', ')}.`, 2);
  return args;
}

/**
 * `shopverse retry`: queues the jobs of dead letters again under their correlation ids and marks them replayed, as
 * the console's retry does. By ids, all or nothing.
 */
export async function retry(
  db: Database,
  argv: string[],
  output: CliOutput,
  actor: string,
  now: Date,
): Promise<number> {
  const args = parseRetryArgs(argv);
  let selection: DeadLetterSelection;
  if (args.store) {
    const stores = await listStores(db);
    const store = stores.find((candidate) => candidate.key === args.store);
    if (!store) {
      const known = stores.map((candidate) => candidate.key).join(', ') || 'none';
      throw new CliError(`No store with key ${args.store} (stores: ${known}).`);
    }
    selection = {
      storeId: store.id,
      ...(args.entity ? { entity: args.entity } : {}),
      ...(args.code ? { errorCode: args.code } : {}),
    };
  } else selection = { ids: args.ids.map((id) => id.toLowerCase()) };
  const outcome = await replayDeadLetters(db, selection, actor, now);
  switch (outcome.kind) {
    case 'not_found':
      throw new CliError(`No dead letter ${outcome.ids.join(', ')}; nothing was retried.`);
    case 'not_open': {
      const lines = outcome.letters.map(
        (letter) =>
          `  ${letter.id}: ${letter.resolvedAt ? `resolved ${letter.resolvedAt.toISOString()}` : `retried by ${letter.replayedBy ?? '?'} ${letter.replayedAt?.toISOString() ?? ''}`}`,
      );
      throw new CliError(`Not on the failed list any more; nothing was retried:\n${lines.join('\n')}`);
    }
    case 'queued': {
      if (outcome.jobs.length === 0) {
        output.out('Nothing to retry: no open dead letter matches.');
        return 0;
      }
      output.out(`Queued ${outcome.jobs.length} job${outcome.jobs.length === 1 ? '' : 's'}:`);
      const rows = outcome.jobs.map((job) => [job.deadLetterId, job.task, job.shopifyGid ?? '', job.correlationId]);
      for (const line of table([['DEAD LETTER', 'TASK', 'RECORD', 'CORRELATION ID'], ...rows])) output.out(`  ${line}`);
      return 0;
    }
  }
}
