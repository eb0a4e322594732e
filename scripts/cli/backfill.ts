import {
  type BackfillWithProgress,
  type Database,
  listStores,
  listBackfills,
  startBackfill,
  type SyncEntity,
} from '@shopverse/db';
import { parseStoreSettings, syncedEntities } from '@shopverse/sync-core';
import type { Sql } from 'postgres';
import { age, CliError, type CliOutput, table } from './output';

export const BACKFILL_USAGE =
  'shopverse backfill --store <key> [--entity <customer|company|order>]... [--wait] | shopverse backfill --list [--store <key>]';

const ENTITIES: readonly SyncEntity[] = ['customer', 'company', 'order'];
const FINISHED = new Set(['completed', 'failed', 'cancelled']);

interface BackfillArgs {
  store?: string;
  entities: SyncEntity[];
  wait: boolean;
  list: boolean;
}

export function parseBackfillArgs(argv: string[]): BackfillArgs {
  const args: BackfillArgs = { entities: [], wait: false, list: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--'))
        throw new CliError(`${arg} needs a value.\n${BACKFILL_USAGE}`, 2);
      index++;
      return next;
    };
    if (arg === '--store') args.store = value();
    else if (arg === '--entity') {
      const entity = value();
      if (!ENTITIES.includes(entity as SyncEntity)) {
        throw new CliError(`Unknown entity ${entity}: use customer, company or order.\n${BACKFILL_USAGE}`, 2);
      }
      args.entities.push(entity as SyncEntity);
    } else if (arg === '--wait') args.wait = true;
    else if (arg === '--list') args.list = true;
    else throw new CliError(`Unknown argument ${arg}.\n${BACKFILL_USAGE}`, 2);
  }
  if (!args.list && !args.store) throw new CliError(`Say which store: --store <key>.\n${BACKFILL_USAGE}`, 2);
  if (args.list && (args.entities.length > 0 || args.wait)) {
    throw new CliError(`--list takes only --store.\n${BACKFILL_USAGE}`, 2);
  }
  return args;
}

/** One line of progress: `order  syncing  120/300 (40%)  12.5/s  eta 15s`. */
export function progressLine(backfill: BackfillWithProgress): string[] {
  const { progress } = backfill;
  const total = progress.total ?? null;
  const share = total ? ` (${Math.floor((progress.done / Math.max(total, 1)) * 100)}%)` : '';
  return [
    backfill.id,
    backfill.entity,
    backfill.status,
    total === null ? `${progress.done}/?` : `${progress.done}/${total}${share}`,
    progress.ratePerSecond === null ? '-' : `${progress.ratePerSecond.toFixed(1)}/s`,
    progress.etaSeconds === null ? '-' : `eta ${age(progress.etaSeconds)}`,
    backfill.errorMessage ?? '',
  ];
}

const HEADER = ['id', 'entity', 'status', 'done/total', 'rate', 'eta', 'error'];

/**
 * `shopverse backfill`: starts a backfill of a store (every entity it syncs, or those named) through Shopify bulk
 * operations, as the console does; `--wait` follows the progress until each one ends; `--list` shows backfills.
 */
export async function backfill(
  db: Database,
  sql: Sql,
  argv: string[],
  output: CliOutput,
  actor: string,
  options: { now: () => Date; sleep?: (ms: number) => Promise<void>; pollMs?: number },
): Promise<number> {
  const args = parseBackfillArgs(argv);
  const stores = await listStores(db);
  const store = args.store ? stores.find((candidate) => candidate.key === args.store) : undefined;
  if (args.store && !store) {
    const known = stores.map((candidate) => candidate.key).join(', ') || 'none';
    throw new CliError(`No store with the key ${args.store} (stores: ${known}).`);
  }
  if (args.list) {
    const rows = await listBackfills(db, store ? { storeId: store.id } : {}, options.now());
    if (rows.length === 0) output.out('No backfills yet.');
    else table([HEADER, ...rows.map(progressLine)]).forEach((line) => output.out(line));
    return 0;
  }
  if (!store) throw new CliError(`Say which store: --store <key>.\n${BACKFILL_USAGE}`, 2);
  if (store.status !== 'active') throw new CliError(`Store ${store.key} is ${store.status}; activate it first.`);
  const entities =
    args.entities.length > 0 ? args.entities : syncedEntities(parseStoreSettings(store.settings, store.name));
  const started: string[] = [];
  for (const entity of entities) {
    const row = await startBackfill(sql, { storeId: store.id, entity, requestedBy: actor }).catch((error: Error) => {
      throw new CliError(error.message);
    });
    started.push(row.id);
    output.out(`Started the ${entity} backfill of ${store.key}: ${row.id} (correlation id ${row.correlationId}).`);
  }
  if (!args.wait) return 0;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    const rows = (await listBackfills(db, { storeId: store.id, limit: 200 }, options.now())).filter((row) =>
      started.includes(row.id),
    );
    table([HEADER, ...rows.map(progressLine)]).forEach((line) => output.out(line));
    if (rows.every((row) => FINISHED.has(row.status))) {
      return rows.some((row) => row.status !== 'completed') ? 1 : 0;
    }
    await sleep(options.pollMs ?? 2000);
  }
}
