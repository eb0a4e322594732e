import { ACTIVE_BACKFILL_STATUSES, type Database, failureGroups, listBackfills, listStores } from '@shopverse/db';
import type { Sql } from 'postgres';
import { age, type CliOutput, table } from './output';

interface QueueRow {
  total: number;
  running: number;
  due: number;
  scheduled: number;
  stuck: number;
  oldestDueSeconds: number | null;
}

/** graphile-worker's queue at a glance; undefined before its schema exists (no worker or start ever ran). */
async function queueDepth(sql: Sql): Promise<QueueRow | undefined> {
  const [exists] = await sql<{ ok: boolean }[]>`select to_regclass('graphile_worker._private_jobs') is not null as ok`;
  if (!exists?.ok) return undefined;
  const [row] = await sql<QueueRow[]>`
    select count(*)::int as total,
           count(*) filter (where locked_at is not null)::int as running,
           count(*) filter (where locked_at is null and run_at <= now() and attempts < max_attempts)::int as due,
           count(*) filter (where locked_at is null and run_at > now())::int as scheduled,
           count(*) filter (where attempts >= max_attempts)::int as stuck,
           extract(epoch from now() - min(run_at)
             filter (where locked_at is null and run_at <= now() and attempts < max_attempts))::float8
             as "oldestDueSeconds"
    from graphile_worker._private_jobs`;
  return row;
}

/**
 * `shopverse status`: the stores, the job queue (how much waits and for how long), the failed list by error code and
 * the backfills under way: what an operator looks at first when the console is not at hand.
 */
export async function status(db: Database, sql: Sql, output: CliOutput, now: Date): Promise<number> {
  const stores = await listStores(db);
  const keyOf = new Map(stores.map((store) => [store.id, store.key]));
  output.out(`Stores (${stores.length})`);
  if (stores.length === 0) output.out('  none: connect a store in the console, or run `npm start` for the sandbox');
  else {
    const rows = stores.map((store) => [store.key, store.status, store.shopDomain, store.name]);
    for (const line of table([['KEY', 'STATUS', 'SHOP', 'NAME'], ...rows])) output.out(`  ${line}`);
  }

  const queue = await queueDepth(sql);
  output.out('');
  if (!queue) output.out('Queue: not set up yet (no worker has started on this database)');
  else {
    const oldest =
      queue.oldestDueSeconds === null ? 'none waiting' : `oldest due job waiting ${age(queue.oldestDueSeconds)}`;
    output.out(
      `Queue: ${queue.total} jobs: ${queue.running} running, ${queue.due} due, ${queue.scheduled} scheduled ` +
        `(retries, folded bursts), ${queue.stuck} out of attempts; ${oldest}`,
    );
  }

  const groups = await failureGroups(db);
  const open = groups.reduce((sum, group) => sum + group.count, 0);
  output.out('');
  output.out(`Failed list: ${open} open dead letter${open === 1 ? '' : 's'}`);
  if (groups.length > 0) {
    const rows = groups.map((group) => [String(group.count), group.errorCode, group.errorClass, group.latestMessage]);
    for (const line of table([['COUNT', 'CODE', 'CLASS', 'LATEST MESSAGE'], ...rows])) output.out(`  ${line}`);
    output.out('  retry a group once its cause is fixed: shopverse retry --store <key> --code <code>');
  }

  const active = (await listBackfills(db, {}, now)).filter((backfill) =>
    (ACTIVE_BACKFILL_STATUSES as readonly string[]).includes(backfill.status),
  );
  output.out('');
  output.out(`Backfills under way: ${active.length}`);
  for (const backfill of active) {
    const { progress } = backfill;
    const total = progress.total === null ? '?' : String(progress.total);
    const eta = progress.etaSeconds === null ? '' : `, about ${age(progress.etaSeconds)} left`;
    output.out(
      `  ${keyOf.get(backfill.storeId) ?? backfill.storeId} ${backfill.entity}: ${backfill.status}, ` +
        `${progress.done}/${total} done${eta}`,
    );
  }
  return 0;
}
