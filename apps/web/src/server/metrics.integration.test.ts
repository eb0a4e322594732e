import { randomUUID } from 'node:crypto';
import { addApiCallStats, addJob, upsertStore } from '@shopverse/db';
import { crmOrgs, syncAttempts, webhookDeliveries, webhookRejections } from '@shopverse/db/schema';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_SECONDS, renderMetrics, scrapeAllowed } from './metrics';

const quiet = new Logger(() => () => undefined);
const NOW = new Date('2026-11-27T12:00:00.000Z');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the text exposition format back: every sample, and the TYPE of every metric family. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type?.[1] && type[2]) types.set(type[1], type[2]);
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || !match[3]) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[label[1] ?? ''] = (label[2] ?? '').replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const value = match[3] === '+Inf' ? Infinity : Number(match[3]);
    samples.push({ name: match[1], labels, value });
  }
  return { samples, types };
}

/** The one sample with this name and these labels (and any others). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('/metrics', () => {
  const database = useTestDatabase();

  /** Order latencies (received to finished) of the real attempts, in seconds; one dry run besides. */
  const orderLatencies = [0.05, 0.3, 2, 100];
  const orderDurationsMs = [50, 300, 2000, 120_000];

  beforeAll(async () => {
    // Setup: two stores, an org, and a little of everything the metrics read.
    const { db, sql } = database();
    const box = SecretBox.fromBase64(generateSecretKey());
    const us = await upsertStore(db, box, {
      key: 'us',
      shopDomain: 'metrics-us.myshopify.com',
      name: 'US',
      apiVersion: '2025-01',
    });
    const eu = await upsertStore(db, box, {
      key: 'eu',
      shopDomain: 'metrics-eu.myshopify.com',
      name: 'EU',
      apiVersion: '2025-01',
    });
    const [org] = await db
      .insert(crmOrgs)
      .values({
        name: 'Contoso "prod"',
        url: 'https://contoso.crm.dynamics.com',
        apiUrl: 'x',
        tenantId: 't',
        clientId: 'c',
      })
      .returning();
    if (!org) throw new Error('no org');
    const delivery = (storeId: string) => ({
      storeId,
      eventId: randomUUID(),
      topic: 'orders/updated',
      headers: {},
      body: '{}',
      correlationId: randomUUID(),
    });
    await db.insert(webhookDeliveries).values([delivery(us.id), delivery(us.id), delivery(us.id), delivery(eu.id)]);
    await db.insert(webhookRejections).values([
      { shopDomain: 'evil.myshopify.com', reason: 'hmac', day: '2026-11-26', count: 2 },
      { shopDomain: 'evil.myshopify.com', reason: 'hmac', day: '2026-11-27', count: 1 },
      { shopDomain: '(none)', reason: 'unknown_shop', day: '2026-11-27', count: 4 },
    ]);
    const attempt = (storeId: string, entity: string, outcome: 'created' | 'failed' | 'retrying' | 'unchanged') => ({
      correlationId: randomUUID(),
      storeId,
      entity,
      direction: 'shopify_to_crm' as const,
      outcome,
      source: 'webhook',
    });
    await db.insert(syncAttempts).values([
      ...orderLatencies.map((seconds, index) => ({
        ...attempt(us.id, 'order', 'created'),
        receivedAt: ago(seconds + 10),
        startedAt: ago(11),
        finishedAt: ago(10),
        durationMs: orderDurationsMs[index] ?? null,
      })),
      {
        ...attempt(us.id, 'order', 'created'),
        dryRun: true,
        receivedAt: ago(10.2),
        finishedAt: ago(10),
        durationMs: 5,
      },
      { ...attempt(us.id, 'order', 'failed'), source: 'poll' },
      { ...attempt(us.id, 'order', 'retrying'), source: 'poll' },
      { ...attempt(eu.id, 'customer', 'unchanged'), source: null, receivedAt: ago(4000), finishedAt: NOW },
    ]);
    await addApiCallStats(db, [
      {
        api: 'shopify',
        subjectId: us.id,
        minute: ago(120),
        requests: 10,
        throttled: 1,
        throttleWaitMs: 1500,
        errors: 0,
      },
      { api: 'shopify', subjectId: us.id, minute: ago(60), requests: 5, throttled: 0, throttleWaitMs: 0, errors: 2 },
      {
        api: 'dataverse',
        subjectId: org.id,
        minute: ago(60),
        requests: 7,
        throttled: 3,
        throttleWaitMs: 6000,
        errors: 1,
      },
    ]);
    await runMigrations({ connectionString: database().url, logger: quiet });
    await addJob(sql, 'shopify_order__sync', { n: 1 });
    await addJob(sql, 'shopify_order__sync', { n: 2 }, { delaySeconds: 3600 });
    await addJob(sql, 'store__poll', { n: 3 });
    // Jobs created earlier than now, as a backlog would be; one of them used every attempt.
    await sql`update graphile_worker._private_jobs set created_at = ${ago(90).toISOString()}, run_at = ${ago(90).toISOString()}
      where payload->>'n' = '1'`;
    await sql`update graphile_worker._private_jobs set created_at = ${ago(10).toISOString()}, run_at = ${ago(-3600).toISOString()}
      where payload->>'n' = '2'`;
    await sql`update graphile_worker._private_jobs set attempts = max_attempts, created_at = ${ago(30).toISOString()}
      where payload->>'n' = '3'`;
  });

  it('exposes deliveries, rejections, attempts, queue and API calls with their labels', async () => {
    // Action
    const { body, contentType } = await renderMetrics(database().sql, () => NOW);
    // Assertions
    const { samples, types } = parseExposition(body);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(types.get('shopverse_webhook_deliveries_received_total')).toBe('counter');
    expect(valueOf(samples, 'shopverse_webhook_deliveries_received_total', { store: 'us' })).toBe(3);
    expect(valueOf(samples, 'shopverse_webhook_deliveries_received_total', { store: 'eu' })).toBe(1);
    const rejected = 'shopverse_webhook_deliveries_rejected_total';
    expect(valueOf(samples, rejected, { shop_domain: 'evil.myshopify.com', reason: 'hmac' })).toBe(3);
    expect(valueOf(samples, rejected, { shop_domain: '(none)', reason: 'unknown_shop' })).toBe(4);

    const attempts = { store: 'us', entity: 'order' };
    expect(
      valueOf(samples, 'shopverse_sync_attempts_total', { ...attempts, source: 'webhook', outcome: 'created' }),
    ).toBe(4);
    expect(valueOf(samples, 'shopverse_sync_attempts_total', { ...attempts, source: 'poll', outcome: 'failed' })).toBe(
      1,
    );
    expect(valueOf(samples, 'shopverse_sync_attempts_total', { store: 'eu', source: 'unknown' })).toBe(1);
    expect(valueOf(samples, 'shopverse_sync_dry_run_attempts_total', { ...attempts, outcome: 'created' })).toBe(1);

    expect(types.get('shopverse_queue_jobs')).toBe('gauge');
    expect(valueOf(samples, 'shopverse_queue_jobs', { task: 'shopify_order__sync' })).toBe(2);
    expect(valueOf(samples, 'shopverse_queue_ready_jobs', { task: 'shopify_order__sync' })).toBe(1);
    expect(valueOf(samples, 'shopverse_queue_oldest_job_age_seconds', { task: 'shopify_order__sync' })).toBe(90);
    expect(valueOf(samples, 'shopverse_queue_jobs', { task: 'store__poll' })).toBe(0);
    expect(valueOf(samples, 'shopverse_queue_failed_jobs', { task: 'store__poll' })).toBe(1);
    expect(valueOf(samples, 'shopverse_queue_oldest_job_age_seconds', { task: 'store__poll' })).toBeUndefined();

    expect(valueOf(samples, 'shopverse_shopify_requests_total', { store: 'us' })).toBe(15);
    expect(valueOf(samples, 'shopverse_shopify_throttled_total', { store: 'us' })).toBe(1);
    expect(valueOf(samples, 'shopverse_shopify_throttle_wait_seconds_total', { store: 'us' })).toBe(1.5);
    expect(valueOf(samples, 'shopverse_shopify_errors_total', { store: 'us' })).toBe(2);
    // The org's name has quotes: escaped in the exposition, read back as they were.
    const org = { org: 'Contoso "prod"' };
    expect(valueOf(samples, 'shopverse_dataverse_requests_total', org)).toBe(7);
    expect(valueOf(samples, 'shopverse_dataverse_throttled_total', org)).toBe(3);
    expect(valueOf(samples, 'shopverse_dataverse_throttle_wait_seconds_total', org)).toBe(6);
    expect(valueOf(samples, 'shopverse_dataverse_errors_total', org)).toBe(1);
  });

  it('writes the latency histograms as Prometheus histograms: cumulative buckets, +Inf equal to the count, a sum', async () => {
    // Action
    const { body } = await renderMetrics(database().sql, () => NOW);
    // Assertions
    const { samples, types } = parseExposition(body);
    for (const [name, observed] of [
      ['shopverse_sync_latency_seconds', orderLatencies],
      ['shopverse_sync_duration_seconds', orderDurationsMs.map((ms) => ms / 1000)],
    ] as const) {
      expect(types.get(name)).toBe('histogram');
      const buckets = samples.filter((sample) => sample.name === `${name}_bucket` && sample.labels.entity === 'order');
      expect(buckets.map((sample) => sample.labels.le)).toEqual([...LATENCY_BUCKETS_SECONDS.map(String), '+Inf']);
      const expected = [...LATENCY_BUCKETS_SECONDS, Infinity].map(
        (bound) => observed.filter((seconds) => seconds <= bound).length,
      );
      expect(buckets.map((sample) => sample.value)).toEqual(expected);
      expect(valueOf(samples, `${name}_count`, { entity: 'order' })).toBe(observed.length);
      const sum = valueOf(samples, `${name}_sum`, { entity: 'order' });
      expect(sum).toBeCloseTo(
        observed.reduce((total, seconds) => total + seconds, 0),
        6,
      );
    }
    // Beyond the last bound: only in +Inf.
    expect(valueOf(samples, 'shopverse_sync_latency_seconds_bucket', { entity: 'customer', le: '3600' })).toBe(0);
    expect(valueOf(samples, 'shopverse_sync_latency_seconds_bucket', { entity: 'customer', le: '+Inf' })).toBe(1);
  });

  it('answers only the bearer of the token when one is set', () => {
    // Assertions
    expect(scrapeAllowed(null, undefined)).toBe(true);
    expect(scrapeAllowed(null, 's3cret')).toBe(false);
    expect(scrapeAllowed('Bearer wrong', 's3cret')).toBe(false);
    expect(scrapeAllowed('Bearer s3cret', 's3cret')).toBe(true);
  });
});
