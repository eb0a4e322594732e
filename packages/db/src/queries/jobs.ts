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
