import type { Sql } from 'postgres';

/**
 * A large sync log in one statement, for the tests and the benchmark that check the console's searches stay on
 * indexes (issue 9: "fast on a list of 100,000 attempts"). Attempt `n` (1-based) of the sample is deterministic, so
 * a test can compute what a search must answer:
 * - stores round-robin: attempt n belongs to `storeIds[n % storeIds.length]`;
 * - four attempts per change: correlation id `sampleUuid('corr', floor(n / 4))`, CRM id `sampleUuid('crm', floor(n / 4))`;
 * - every fifth attempt is a customer (email `buyer<n % 5000>@sample.test`, gid `gid://shopify/Customer/<n>`),
 *   the rest orders (`#<100000 + floor(n / 4)>`, gid `gid://shopify/Order/<9000000 + floor(n / 4)>`, same email);
 * - one in fifty failed (`dataverse.validation`), the rest created, updated, unchanged or skipped in turn;
 * - attempt n started `n` seconds before `newest`, so attempt 1 is the newest.
 */
export interface SyncLogSample {
  storeIds: readonly string[];
  count: number;
  newest: Date;
}

/** The UUID the sample gives to `(kind, n)`: an md5 read as a UUID, the same on every run. */
export function sampleUuidSql(kind: string, n: string): string {
  return `md5('${kind}:' || (${n})::text)::uuid`;
}

/** Inserts the sample with one `INSERT … SELECT generate_series`, then `ANALYZE`s the table for the planner. */
export async function insertSyncLogSample(sql: Sql, sample: SyncLogSample): Promise<void> {
  const change = 'g / 4';
  await sql.unsafe(
    `insert into sync_attempts (correlation_id, store_id, entity, shopify_gid, order_name, email, crm_table, crm_id,
       direction, outcome, error_class, error_code, error_message, request, response, attempt, duration_ms, source,
       dry_run, started_at, finished_at)
     select ${sampleUuidSql('corr', change)},
       ($1::uuid[])[1 + g % array_length($1::uuid[], 1)],
       case when g % 5 = 0 then 'customer' else 'order' end,
       case when g % 5 = 0 then 'gid://shopify/Customer/' || g else 'gid://shopify/Order/' || (9000000 + ${change}) end,
       case when g % 5 = 0 then null else '#' || (100000 + ${change}) end,
       'buyer' || (g % 5000) || '@sample.test',
       case when g % 5 = 0 then 'contact' else 'salesorder' end,
       ${sampleUuidSql('crm', change)},
       'shopify_to_crm',
       (case when g % 50 = 0 then 'failed'
             else (array['created', 'updated', 'unchanged', 'skipped'])[1 + g % 4] end)::sync_outcome,
       case when g % 50 = 0 then 'permanent'::error_class end,
       case when g % 50 = 0 then 'dataverse.validation' end,
       case when g % 50 = 0 then 'Dataverse refused a column value; fix the mapping, then retry.' end,
       jsonb_build_object('operation', 'upsert', 'row', jsonb_build_object('name', 'sample ' || g)),
       jsonb_build_object('status', 204),
       1 + g % 4,
       20 + g % 300,
       'poll',
       false,
       $2::timestamptz - make_interval(secs => g),
       $2::timestamptz - make_interval(secs => g) + interval '50 milliseconds'
     from generate_series(1, $3::int) as g`,
    [sample.storeIds as string[], sample.newest.toISOString(), sample.count],
  );
  await sql.unsafe('analyze sync_attempts');
}
