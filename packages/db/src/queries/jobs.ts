import type { Sql, TransactionSql } from 'postgres';

export interface JobOptions {
  /**
   * Folds jobs for one entity together (`customer:<store>:<gid>`): a newer job with the same key replaces a waiting
   * one. Only a scheduling aid: graphile-worker forgets keys of finished jobs, so it is never a dedupe record.
   */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at';
  /** Seconds to wait before running, so a burst of updates to one entity becomes one sync. */
  delaySeconds?: number;
  maxAttempts?: number;
  queueName?: string;
}

/**
 * Adds a graphile-worker job through SQL, so that it commits or rolls back with the change that caused it: pass the
 * transaction's `sql` (`sql.begin(tx => addJob(tx, …))`).
 */
export async function addJob(
  sql: Sql | TransactionSql,
  identifier: string,
  payload: Record<string, unknown>,
  options: JobOptions = {},
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    select id::text from graphile_worker.add_job(
      identifier => ${identifier},
      payload => ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null},
      run_at => now() + make_interval(secs => ${options.delaySeconds ?? 0}),
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null},
      job_key_mode => ${options.jobKey ? (options.jobKeyMode ?? 'replace') : null}
    )`;
  if (!row) throw new Error(`graphile_worker.add_job returned no job for ${identifier}.`);
  return row.id;
}

/**
 * Of the given job keys, those whose job waits to run and will read its record afresh: not running, not given up, and
 * carrying no webhook body. Queueing such a record again changes nothing it will read, but would replace the job and
 * with it the retry count its backoff grows by (a poll re-reading a waiting order every minute kept it retrying every
 * few seconds). A job with a body is replaced as before, since the body may be older than what the caller saw.
 */
export async function waitingFreshJobs(sql: Sql | TransactionSql, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await sql<{ key: string }[]>`
    select key from graphile_worker._private_jobs
    where key = any(${[...keys]}) and locked_at is null and attempts < max_attempts and payload -> 'body' is null`;
  return new Set(rows.map((row) => row.key));
}

/** Advisory locks of this key space (two int4 keys) never meet the record locks (one bigint key). */
const FOLD_LOCK_SPACE = 7_310_001;

/**
 * The payload a sync job should go in with when it may fold into a waiting job of the same key. Deliveries arrive out
 * of order, and a job of the key keeps the last payload added (`replace`), so without this an older body arriving
 * second would replace a newer one, and the sync would write the older state until the next poll.
 * - No waiting job, or ours has no body: ours.
 * - The waiting job reads its record from the API (no body): it stays, since it reads the newest state anyway.
 * - The waiting job's body is newer (`updated_at`): it stays.
 * - Ours is newer, or the same body: ours.
 * - Another body of the same second (`updated_at` has whole seconds): ours without the body, so the sync reads the
 *   record from the API rather than guess which of the two is the later.
 * Call it in the transaction that adds the job: it holds a lock on the key until commit, so two deliveries of one
 * record fold one after the other. Returns null when the waiting job stays as it is.
 */
export async function foldedPayload(
  tx: TransactionSql,
  jobKey: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const body = payload.body as { updated_at?: unknown } | undefined;
  if (body === undefined) return payload;
  await tx`select pg_advisory_xact_lock(${FOLD_LOCK_SPACE}, hashtext(${jobKey}))`;
  const [waiting] = await tx<{ hasBody: boolean; updatedAt: string | null; same: boolean }[]>`
    select payload -> 'body' is not null as "hasBody", payload -> 'body' ->> 'updated_at' as "updatedAt",
      (payload -> 'body')::jsonb = ${JSON.stringify(body)}::jsonb as same
    from graphile_worker._private_jobs
    where key = ${jobKey} and locked_at is null and attempts < max_attempts`;
  if (!waiting) return payload;
  if (!waiting.hasBody) return null;
  const theirs = Date.parse(waiting.updatedAt ?? '');
  const ours = typeof body.updated_at === 'string' ? Date.parse(body.updated_at) : Number.NaN;
  if (Number.isNaN(ours) || Number.isNaN(theirs) || ours > theirs || waiting.same) return payload;
  if (theirs > ours) return null;
  const { body: _sameSecond, ...withoutBody } = payload;
  return withoutBody;
}
