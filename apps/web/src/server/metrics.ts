import { createHash, timingSafeEqual } from 'node:crypto';
import {
  apiCallTotals,
  type ApiCallTotals,
  type DbClient,
  deliveriesReceived,
  deliveriesRejected,
  type HistogramRow,
  latencyHistograms,
  queueByTask,
  type QueueTaskStats,
  syncAttemptCounts,
} from '@shopverse/db';
import { Counter, Gauge, Registry } from 'prom-client';

type Sql = DbClient['sql'];

/**
 * Upper bounds of the latency histograms, in seconds: a webhook synced in well under a second, a burst or a retry in
 * minutes, a backlog in hours.
 */
export const LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] as const;

/** Loads once per scrape, however many metrics read it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/**
 * A registry whose metrics read the database at scrape time (collect callbacks): every web and worker process writes
 * its figures to PostgreSQL, so any web process can answer a scrape with the figures of all of them. Built per
 * scrape: the label sets of a scrape are the rows of that moment, and nothing lingers from the last one.
 */
export function createMetricsRegistry(sql: Sql, now: () => Date): Registry {
  const registry = new Registry();
  const registers = [registry];
  const apiCalls = once(() => apiCallTotals(sql));
  const queue = once(() => queueByTask(sql, now()));
  const attempts = once(() => syncAttemptCounts(sql));

  new Counter({
    name: 'shopverse_webhook_deliveries_received_total',
    help: 'Webhook deliveries stored at intake, per store (repeats of one event are stored once).',
    labelNames: ['store'],
    registers,
    async collect() {
      this.reset();
      for (const row of await deliveriesReceived(sql)) this.inc({ store: row.store }, row.count);
    },
  });
  new Counter({
    name: 'shopverse_webhook_deliveries_rejected_total',
    help: 'Webhook requests refused at intake, per shop domain as sent and reason (hmac, unknown_shop, headers).',
    labelNames: ['shop_domain', 'reason'],
    registers,
    async collect() {
      this.reset();
      for (const row of await deliveriesRejected(sql)) {
        this.inc({ shop_domain: row.shopDomain, reason: row.reason }, row.count);
      }
    },
  });

  for (const dryRun of [false, true]) {
    new Counter({
      name: dryRun ? 'shopverse_sync_dry_run_attempts_total' : 'shopverse_sync_attempts_total',
      help: dryRun
        ? 'Dry-run sync attempts (nothing written), per store, entity, source and outcome, over the sync log kept.'
        : 'Sync attempts per store, entity, source and outcome, over the sync log kept (pruned by age).',
      labelNames: ['store', 'entity', 'source', 'outcome'],
      registers,
      async collect() {
        this.reset();
        for (const row of await attempts()) {
          if (row.dryRun !== dryRun) continue;
          this.inc({ store: row.store, entity: row.entity, source: row.source, outcome: row.outcome }, row.count);
        }
      },
    });
  }

  const queueGauge = (name: string, help: string, value: (row: QueueTaskStats) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['task'],
      registers,
      async collect() {
        this.reset();
        for (const row of await queue()) {
          const figure = value(row);
          if (figure !== null) this.set({ task: row.task }, figure);
        }
      },
    });
  queueGauge(
    'shopverse_queue_jobs',
    'Jobs that will still run (waiting, scheduled or running), per task.',
    (row) => row.depth,
  );
  queueGauge('shopverse_queue_ready_jobs', 'Jobs due now and not yet taken by a worker, per task.', (row) => row.ready);
  queueGauge('shopverse_queue_running_jobs', 'Jobs a worker is running, per task.', (row) => row.running);
  queueGauge('shopverse_queue_failed_jobs', 'Jobs that used every attempt, per task.', (row) => row.failed);
  queueGauge(
    'shopverse_queue_oldest_job_age_seconds',
    'Age of the oldest job that will still run, per task.',
    (row) => row.oldestAgeSeconds,
  );

  const apiCounter = (
    api: ApiCallTotals['api'],
    figure: string,
    help: string,
    value: (row: ApiCallTotals) => number,
  ) => {
    const label = api === 'shopify' ? 'store' : 'org';
    new Counter({
      name: `shopverse_${api}_${figure}`,
      help,
      labelNames: [label],
      registers,
      async collect() {
        this.reset();
        for (const row of await apiCalls()) {
          if (row.api === api) this.inc({ [label]: row.subject }, value(row));
        }
      },
    });
  };
  apiCounter('shopify', 'requests_total', 'Admin API requests sent, per store.', (row) => row.requests);
  apiCounter('shopify', 'throttled_total', 'Answers THROTTLED or HTTP 429, per store.', (row) => row.throttled);
  apiCounter(
    'shopify',
    'throttle_wait_seconds_total',
    'Time requests waited for the cost bucket or after throttling, per store.',
    (row) => row.throttleWaitMs / 1000,
  );
  apiCounter('shopify', 'errors_total', 'Requests without answer or answered 5xx, per store.', (row) => row.errors);
  apiCounter('dataverse', 'requests_total', 'Web API requests sent (a $batch is one), per org.', (row) => row.requests);
  apiCounter('dataverse', 'throttled_total', 'Answers HTTP 429 (service protection), per org.', (row) => row.throttled);
  apiCounter(
    'dataverse',
    'throttle_wait_seconds_total',
    'Time requests waited out Retry-After, per org.',
    (row) => row.throttleWaitMs / 1000,
  );
  apiCounter('dataverse', 'errors_total', 'Requests without answer or answered 5xx, per org.', (row) => row.errors);
  return registry;
}

/** Prometheus's text format escapes backslash, double quote and newline in label values. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A number as Prometheus writes it. */
function sample(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * A histogram in the text exposition format, from counts already cumulative per bound. Written by hand because
 * prom-client's Histogram only observes values one by one and cannot be given bucket counts.
 */
export function histogramText(
  name: string,
  help: string,
  bounds: readonly number[],
  rows: readonly HistogramRow[],
): string {
  const lines = [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} histogram`];
  for (const row of rows) {
    const entity = `entity="${labelValue(row.entity)}"`;
    bounds.forEach((bound, index) => {
      lines.push(`${name}_bucket{${entity},le="${sample(bound)}"} ${row.buckets[index] ?? 0}`);
    });
    lines.push(`${name}_bucket{${entity},le="+Inf"} ${row.count}`);
    lines.push(`${name}_sum{${entity}} ${sample(row.sum)}`);
    lines.push(`${name}_count{${entity}} ${row.count}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The whole `/metrics` answer: prom-client's metrics, then the histograms. */
export async function renderMetrics(sql: Sql, now: () => Date): Promise<{ contentType: string; body: string }> {
  const registry = createMetricsRegistry(sql, now);
  const [metrics, histograms] = await Promise.all([
    registry.metrics(),
    latencyHistograms(sql, LATENCY_BUCKETS_SECONDS),
  ]);
  const body = [
    metrics.trimEnd(),
    histogramText(
      'shopverse_sync_latency_seconds',
      'Change received (delivery, poll read) to sync attempt finished, per entity; dry runs left out.',
      LATENCY_BUCKETS_SECONDS,
      histograms.latency,
    ),
    histogramText(
      'shopverse_sync_duration_seconds',
      'Duration of a sync attempt, per entity; dry runs left out.',
      LATENCY_BUCKETS_SECONDS,
      histograms.duration,
    ),
  ].join('\n');
  return { contentType: registry.contentType, body };
}

/**
 * Whether a scrape may read the metrics: anyone when no token is set, else only `Authorization: Bearer <token>`.
 * Compared as digests in constant time, so the answer's timing tells nothing about the token.
 */
export function scrapeAllowed(authorization: string | null, token: string | undefined): boolean {
  if (!token) return true;
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}
