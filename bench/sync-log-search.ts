import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AttemptSearch,
  correlationChain,
  createDbClient,
  generateSecretKey,
  runMigrations,
  SecretBox,
  searchAttempts,
  upsertStore,
} from '@shopverse/db';
import { openDatabase } from '@shopverse/db/bootstrap';
// The sample lives beside the queries it exercises (their integration test uses it too); it is no part of the API.
import { insertSyncLogSample } from '../packages/db/src/queries/sync-attempts-sample';

export interface SyncLogBenchOptions {
  /** Attempts in the log (issue 9 asks for 100,000). */
  attempts: number;
  /** Timed runs of each search, after one untimed run that warms the cache. */
  runs: number;
  /** An empty database to use (the bench's shared server); without it, a throwaway embedded PostgreSQL of its own. */
  databaseUrl?: string;
}

export interface SearchTiming {
  search: string;
  rows: number;
  medianMs: number;
  maxMs: number;
}

export interface SyncLogBenchResult {
  attempts: number;
  insertSeconds: number;
  timings: SearchTiming[];
}

const NEWEST = new Date('2026-11-27T06:00:00.000Z');

/**
 * The Activity page's searches on a sync log of `attempts` rows, in a throwaway embedded PostgreSQL (a temporary
 * folder, removed after): the first page, the next page by cursor, and each key of the Find box. The sample is the
 * one `sync-attempts.integration.test.ts` checks the plans of, so these are the same statements on the same data.
 */
export async function benchSyncLogSearch(options: SyncLogBenchOptions): Promise<SyncLogBenchResult> {
  const dir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'shopverse-bench-'));
  const handle = dir
    ? await openDatabase({
        databaseUrl: undefined,
        dataDir: dir,
        settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
      })
    : { url: options.databaseUrl as string, stop: () => Promise.resolve() };
  const client = createDbClient(handle.url, { max: 2, applicationName: 'shopverse-bench' });
  try {
    await runMigrations(handle.url);
    const box = SecretBox.fromBase64(generateSecretKey());
    const storeIds: string[] = [];
    for (const key of ['us', 'eu', 'uk']) {
      const store = await upsertStore(client.db, box, {
        key,
        shopDomain: `bench-${key}.myshopify.com`,
        name: `Bench ${key}`,
        apiVersion: '2025-01',
      });
      storeIds.push(store.id);
    }
    const insertStarted = performance.now();
    await insertSyncLogSample(client.sql, { storeIds, count: options.attempts, newest: NEWEST });
    const insertSeconds = (performance.now() - insertStarted) / 1000;

    const change = Math.floor(options.attempts / 8);
    const [ids] = await client.sql<{ correlation: string; crm: string }[]>`
      select md5(${`corr:${change}`})::uuid::text as correlation, md5(${`crm:${change}`})::uuid::text as crm`;
    if (!ids) throw new Error('the sample ids could not be computed');
    const firstPage = await searchAttempts(client.db, { first: 50 });
    const after = firstPage.items.at(-1)?.position;
    const searches: [string, AttemptSearch][] = [
      ['newest page, no filter', { first: 50 }],
      ['second page by cursor', { first: 50, ...(after ? { after } : {}) }],
      ['order name', { first: 50, orderName: String(100000 + change) }],
      ['email', { first: 50, email: 'buyer7@sample.test' }],
      ['Shopify numeric id', { first: 50, shopifyId: String(9000000 + change) }],
      ['CRM id', { first: 50, crmId: ids.crm }],
      ['correlation id', { first: 50, correlationId: ids.correlation }],
      [
        'failed in a time range',
        {
          first: 50,
          outcomes: ['failed'],
          from: new Date(NEWEST.getTime() - options.attempts * 500),
          to: new Date(NEWEST.getTime() - options.attempts * 50),
        },
      ],
      ['store and entity', { first: 50, storeId: storeIds[0] ?? '', entity: 'customer' }],
    ];
    const timings: SearchTiming[] = [];
    for (const [name, search] of searches) {
      timings.push(await timed(name, options.runs, async () => (await searchAttempts(client.db, search)).items.length));
    }
    timings.push(
      await timed(
        'correlation chain',
        options.runs,
        async () => (await correlationChain(client.db, ids.correlation)).length,
      ),
    );
    return { attempts: options.attempts, insertSeconds, timings };
  } finally {
    await client.close();
    await handle.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function timed(search: string, runs: number, run: () => Promise<number>): Promise<SearchTiming> {
  const rows = await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { search, rows, medianMs: times[Math.floor(times.length / 2)] ?? 0, maxMs: times.at(-1) ?? 0 };
}
