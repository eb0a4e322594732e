import type { Sql } from 'postgres';

/**
 * The figures behind `/metrics`, the console's charts and the GraphQL stats, computed in SQL at read time: web and
 * worker processes come and go, and the database is the one place that has every process's counts.
 *
 * Names of stores and orgs come from their tables when they still exist; stats rows outlive a removed store, which
 * then shows by id.
 */

/** Sync outcomes that count as synced: the CRM holds the record as Shopify has it. */
const SYNCED_OUTCOMES = ['created', 'updated', 'unchanged'];

/** Webhook deliveries stored at intake, per store. */
export interface DeliveryCount {
  storeId: string;
  /** The store's key (`us`), or its id once the store is gone. */
  store: string;
  count: number;
}

export async function deliveriesReceived(sql: Sql): Promise<DeliveryCount[]> {
  return sql<DeliveryCount[]>`
    select d.store_id::text as "storeId", coalesce(s.key, d.store_id::text) as store, d.count::int as count
    from (select store_id, count(*) as count from webhook_deliveries group by store_id) d
    left join stores s on s.id = d.store_id
    order by store`;
}

/** Webhook requests refused at intake, per shop domain (as sent) and reason. */
export interface RejectionCount {
  shopDomain: string;
  reason: string;
  count: number;
}

export async function deliveriesRejected(sql: Sql): Promise<RejectionCount[]> {
  return sql<RejectionCount[]>`
    select shop_domain as "shopDomain", reason, sum(count)::int as count
    from webhook_rejections group by shop_domain, reason order by shop_domain, reason`;
}

/** Sync attempts per store, entity, source and outcome; dry runs apart. */
export interface AttemptCount {
  storeId: string;
  store: string;
  entity: string;
  /** `webhook`, `poll`, …; `unknown` for attempts logged before the source was recorded. */
  source: string;
  outcome: string;
  dryRun: boolean;
  count: number;
}

export async function syncAttemptCounts(sql: Sql): Promise<AttemptCount[]> {
  return sql<AttemptCount[]>`
    select a.store_id::text as "storeId", coalesce(s.key, a.store_id::text) as store, a.entity, a.source, a.outcome,
           a.dry_run as "dryRun", a.count::int as count
    from (
      select store_id, entity, coalesce(source, 'unknown') as source, outcome::text as outcome, dry_run,
             count(*) as count
      from sync_attempts group by 1, 2, 3, 4, 5
    ) a
    left join stores s on s.id = a.store_id
    order by store, entity, source, outcome, "dryRun"`;
}

/** graphile-worker's queue per task. */
export interface QueueTaskStats {
  task: string;
  /** Jobs that will still run: waiting, scheduled for later (a retry's backoff, a folding delay) or running. */
  depth: number;
  /** Of those, the ones due now and not taken by a worker: the backlog. */
  ready: number;
  running: number;
  /** Jobs that used every attempt; graphile-worker keeps them until removed. */
  failed: number;
  /** Age of the oldest job that will still run, from its creation; null when there is none. */
  oldestAgeSeconds: number | null;
}

/**
 * Reads `graphile_worker.jobs`. A database where no worker has started yet has no such schema: the queue is empty
 * then, not an error, since `/metrics` is scraped from the web app before any worker exists.
 */
export async function queueByTask(sql: Sql, now: Date): Promise<QueueTaskStats[]> {
  const [schema] = await sql<{ present: boolean }[]>`
    select to_regclass('graphile_worker.jobs') is not null as present`;
  if (!schema?.present) return [];
  return sql<QueueTaskStats[]>`
    select task_identifier as task,
           (count(*) filter (where attempts < max_attempts))::int as depth,
           (count(*) filter (where attempts < max_attempts and locked_at is null and run_at <= ${now.toISOString()}))::int
             as ready,
           (count(*) filter (where attempts < max_attempts and locked_at is not null))::int as running,
           (count(*) filter (where attempts >= max_attempts))::int as failed,
           extract(epoch from ${now.toISOString()}::timestamptz
             - min(created_at) filter (where attempts < max_attempts))::float8 as "oldestAgeSeconds"
    from graphile_worker.jobs group by task_identifier order by task_identifier`;
}

/** Calls to one API for one store (Shopify) or org (Dataverse), summed over a span of minutes. */
export interface ApiCallTotals {
  api: 'shopify' | 'dataverse';
  subjectId: string;
  /** The store's key or the org's name; the id once it is gone. */
  subject: string;
  requests: number;
  throttled: number;
  throttleWaitMs: number;
  errors: number;
}

/** Sums `api_call_stats` per API and subject, over `[from, to)` when given, else over every row kept. */
export async function apiCallTotals(sql: Sql, range: { from?: Date; to?: Date } = {}): Promise<ApiCallTotals[]> {
  const from = range.from?.toISOString() ?? null;
  const to = range.to?.toISOString() ?? null;
  return sql<ApiCallTotals[]>`
    select c.api, c.subject_id::text as "subjectId",
           coalesce(case c.api when 'shopify' then s.key else o.name end, c.subject_id::text) as subject,
           c.requests::int as requests, c.throttled::int as throttled, c.wait::float8 as "throttleWaitMs",
           c.errors::int as errors
    from (
      select api, subject_id, sum(requests) as requests, sum(throttled) as throttled,
             sum(throttle_wait_ms) as wait, sum(errors) as errors
      from api_call_stats
      where (${from}::timestamptz is null or minute >= ${from}::timestamptz)
        and (${to}::timestamptz is null or minute < ${to}::timestamptz)
      group by api, subject_id
    ) c
    left join stores s on c.api = 'shopify' and s.id = c.subject_id
    left join crm_orgs o on c.api = 'dataverse' and o.id = c.subject_id
    order by c.api, subject`;
}

/** One entity's histogram: cumulative counts per upper bound (`le`), as Prometheus histograms are. */
export interface HistogramRow {
  entity: string;
  /** Counts of observations at most each bound, in the order of the bounds given; `+Inf` is `count`. */
  buckets: number[];
  sum: number;
  count: number;
}

export interface LatencyHistograms {
  /** Change received (delivery, poll read) to the attempt's end, in seconds. */
  latency: HistogramRow[];
  /** The attempt's own duration, in seconds. */
  duration: HistogramRow[];
}

/**
 * Histograms of finished, real (not dry-run) attempts per entity, over the sync log as kept (pruned by age, so the
 * counts can fall after a prune; Prometheus reads a fall as a counter reset). `bounds` in seconds, ascending.
 */
export async function latencyHistograms(sql: Sql, bounds: readonly number[]): Promise<LatencyHistograms> {
  const rows = await sql<
    { kind: 'latency' | 'duration'; entity: string; buckets: number[]; sum: number; count: number }[]
  >`
    with observed as (
      select entity, 'latency' as kind, extract(epoch from finished_at - received_at)::float8 as seconds
      from sync_attempts
      where not dry_run and finished_at is not null and received_at is not null
      union all
      select entity, 'duration', duration_ms / 1000.0::float8
      from sync_attempts
      where not dry_run and duration_ms is not null
    ),
    bucketed as (
      select o.kind, o.entity, b.n, (count(*) filter (where o.seconds <= b.le))::int as within
      from observed o cross join unnest(${bounds as number[]}::float8[]) with ordinality as b(le, n)
      group by o.kind, o.entity, b.n
    ),
    totals as (
      select kind, entity, coalesce(sum(seconds), 0)::float8 as sum, count(*)::int as count
      from observed group by kind, entity
    )
    select t.kind, t.entity, t.sum, t.count,
           array(select x.within from bucketed x where x.kind = t.kind and x.entity = t.entity order by x.n) as buckets
    from totals t
    order by kind, entity`;
  return {
    latency: rows.filter((row) => row.kind === 'latency').map(({ kind: _kind, ...row }) => row),
    duration: rows.filter((row) => row.kind === 'duration').map(({ kind: _kind, ...row }) => row),
  };
}

/** One store's day (UTC), for the console's charts and the API's stats. */
export interface StoreDayStats {
  storeId: string;
  store: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** Attempts that left the CRM as Shopify has it (created, updated, unchanged). */
  synced: number;
  /** Attempts that failed for good (a person must act). */
  failed: number;
  /** Attempts that failed and were retried. */
  retried: number;
  /** Change received to CRM written, over the synced attempts, in seconds; null when none had a receipt time. */
  latencyP50Seconds: number | null;
  latencyP95Seconds: number | null;
  latencyP99Seconds: number | null;
  /** Synced records per hour, over the part of the day inside the range and before `now`. */
  throughputPerHour: number;
  deliveriesReceived: number;
}

/**
 * Per store and UTC day over `[from, to)`, dry runs left out. Days with neither attempts nor deliveries are left out.
 * Uses `sync_attempts_started_at_idx` and `webhook_deliveries_store_id_received_at_idx`.
 */
export async function dailyStoreStats(
  sql: Sql,
  range: { from: Date; to: Date; now: Date; storeId?: string | null },
): Promise<StoreDayStats[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const now = range.now.toISOString();
  const storeId = range.storeId ?? null;
  return sql<StoreDayStats[]>`
    with attempts as (
      select store_id, date_trunc('day', started_at at time zone 'UTC') as day,
             (count(*) filter (where outcome::text = any(${SYNCED_OUTCOMES})))::int as synced,
             (count(*) filter (where outcome = 'failed'))::int as failed,
             (count(*) filter (where outcome = 'retrying'))::int as retried,
             percentile_cont(array[0.5, 0.95, 0.99]) within group (
               order by extract(epoch from finished_at - received_at)::float8
             ) filter (where outcome::text = any(${SYNCED_OUTCOMES}) and received_at is not null
                       and finished_at is not null) as latency
      from sync_attempts
      where not dry_run and started_at >= ${from}::timestamptz and started_at < ${to}::timestamptz
        and (${storeId}::uuid is null or store_id = ${storeId}::uuid)
      group by 1, 2
    ),
    deliveries as (
      select store_id, date_trunc('day', received_at at time zone 'UTC') as day, count(*)::int as received
      from webhook_deliveries
      where received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz
        and (${storeId}::uuid is null or store_id = ${storeId}::uuid)
      group by 1, 2
    ),
    days as (
      select coalesce(a.store_id, d.store_id) as store_id, coalesce(a.day, d.day) as day,
             coalesce(a.synced, 0) as synced, coalesce(a.failed, 0) as failed, coalesce(a.retried, 0) as retried,
             a.latency, coalesce(d.received, 0) as received
      from attempts a full join deliveries d on d.store_id = a.store_id and d.day = a.day
    )
    select days.store_id::text as "storeId", coalesce(s.key, days.store_id::text) as store,
           to_char(days.day, 'YYYY-MM-DD') as day, synced, failed, retried,
           latency[1]::float8 as "latencyP50Seconds", latency[2]::float8 as "latencyP95Seconds",
           latency[3]::float8 as "latencyP99Seconds",
           coalesce(synced / nullif(greatest(extract(epoch from
             least(days.day + interval '1 day', ${to}::timestamptz at time zone 'UTC', ${now}::timestamptz at time zone 'UTC')
             - greatest(days.day, ${from}::timestamptz at time zone 'UTC')), 0) / 3600.0, 0), 0)::float8
             as "throughputPerHour",
           received as "deliveriesReceived"
    from days left join stores s on s.id = days.store_id
    order by store, day`;
}
