/**
 * Scenario 4 (issue 10): a backfill's bulk result of N orders with their line items, read by the real
 * `bulk_result__ingest` task in a worker process of its own, from a file served over HTTP, into a throwaway embedded
 * PostgreSQL. Lines/s and the process's peak RSS for two sizes: flat memory means the peak does not grow with N.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addJob,
  createDbClient,
  generateSecretKey,
  parseSecretKey,
  runMigrations,
  SecretBox,
  upsertStore,
} from '@shopverse/db';
import type { Sql } from 'postgres';
import { type BulkFileServer, startBulkFileServer } from '../lib/bulk-file-server';
import { writeBulkOrdersFile } from '../lib/bulk-jsonl';
import { RssSampler } from '../lib/bulk-rss';
import type { Figure, Scenario, ScenarioResult } from '../scenario';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKER_ENTRY = 'bench/lib/bulk-ingest-worker.ts';
const RSS_TARGET_MB = 300;
const READY_TIMEOUT_MS = 60_000;
/** Generous: 100,000 orders are about 550,000 lines. */
const INGEST_TIMEOUT_MS = 10 * 60_000;

interface IngestRun {
  orders: number;
  lines: number;
  fileMb: number;
  seconds: number;
  /** The worker's RSS once it took jobs, before the ingest. */
  idleMb: number;
  peakMb: number;
  sampledPeakMb: number;
  queued: number;
}

export const scenario: Scenario = {
  id: 'bulk-ingest',
  async run({ quick, database }): Promise<ScenarioResult> {
    const sizes = quick ? [2_000, 10_000] : [10_000, 100_000];
    const dir = mkdtempSync(join(tmpdir(), 'shopverse-bench-bulk-'));
    const handle = await database('bulk-ingest');
    const client = createDbClient(handle.url, { max: 2, applicationName: 'shopverse-bench' });
    const files = await startBulkFileServer();
    try {
      await runMigrations(handle.url);
      const secretKey = generateSecretKey();
      const runs: IngestRun[] = [];
      for (const orders of sizes) {
        runs.push(await ingestRun({ orders, dir, url: handle.url, sql: client.sql, secretKey, files, client }));
      }
      return result(runs);
    } finally {
      await files.stop();
      await client.close();
      await handle.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function ingestRun(input: {
  orders: number;
  dir: string;
  url: string;
  sql: Sql;
  secretKey: string;
  files: BulkFileServer;
  client: ReturnType<typeof createDbClient>;
}): Promise<IngestRun> {
  const { orders, sql } = input;
  const domain = `bulk${orders}.myshopify.com`;
  const path = join(input.dir, `orders-${orders}.jsonl`);
  const file = await writeBulkOrdersFile(path, orders);
  const resultUrl = input.files.publish(`${domain}/1.jsonl`, path);

  // The store and its backfill as `store__backfill` leaves them once the bulk operation completed.
  const store = await upsertStore(input.client.db, new SecretBox(parseSecretKey(input.secretKey)), {
    key: `bulk${orders}`,
    shopDomain: domain,
    name: `Bulk ${orders}`,
    apiVersion: '2025-01',
    apiBaseUrl: `${input.files.origin}/shops/${domain}`,
    accessToken: 'shpat_bench',
  });
  const correlationId = randomUUID();
  const [backfill] = await sql<{ id: string }[]>`
    insert into backfills (store_id, entity, status, bulk_operation_id, result_url, total_records, correlation_id,
      requested_by, bulk_completed_at)
    values (${store.id}, 'order', 'ingesting', 'gid://shopify/BulkOperation/1', ${resultUrl}, ${orders},
      ${correlationId}, 'bench', now())
    returning id`;
  if (!backfill) throw new Error('the backfill row was not inserted');

  const child = await startIngestWorker(input.url, input.secretKey);
  const sampler = new RssSampler(child.pid ?? -1, 25);
  try {
    const idle = sampler.read();
    const started = performance.now();
    await addJob(
      sql,
      'bulk_result__ingest',
      { backfillId: backfill.id, correlationId, source: 'backfill' },
      { jobKey: `backfill-ingest:${backfill.id}` },
    );
    const done = await ingested(sql, backfill.id, child);
    const seconds = (performance.now() - started) / 1000;
    const reading = sampler.read();
    if (done.lines_read !== file.lines) {
      throw new Error(`the ingest read ${done.lines_read} of the file's ${file.lines} lines`);
    }
    return {
      orders,
      lines: file.lines,
      fileMb: file.bytes / 1_000_000,
      seconds,
      idleMb: idle.currentMb,
      peakMb: reading.peakMb,
      sampledPeakMb: reading.sampledPeakMb,
      queued: done.records_queued,
    };
  } finally {
    sampler.stop();
    await stopProcess(child);
    rmSync(path, { force: true });
  }
}

/** Starts the ingest worker process and waits for its `ready`. */
async function startIngestWorker(databaseUrl: string, secretKey: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin?.end(`${JSON.stringify({ databaseUrl, secretKey })}\n`);
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the ingest worker exited (${code}) before it was ready`)));
      setTimeout(
        () => reject(new Error(`the ingest worker was not ready in ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      ).unref();
    });
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Waits until the ingest moved the backfill to `syncing` (every line read); a failed backfill says why. */
async function ingested(
  sql: Sql,
  backfillId: string,
  child: ChildProcess,
): Promise<{ lines_read: number; records_queued: number }> {
  const deadline = Date.now() + INGEST_TIMEOUT_MS;
  for (;;) {
    const [row] = await sql<{ status: string; lines_read: number; records_queued: number; error_message: string }[]>`
      select status, lines_read::int, records_queued, error_message from backfills where id = ${backfillId}`;
    if (row?.status === 'syncing') return row;
    if (row?.status === 'failed') throw new Error(`the ingest failed: ${row.error_message}`);
    if (child.exitCode !== null) throw new Error(`the ingest worker exited (${child.exitCode}) during the ingest`);
    if (Date.now() > deadline) throw new Error(`the ingest did not finish in ${INGEST_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const thousands = (value: number) => value.toLocaleString('en-US');

function result(runs: IngestRun[]): ScenarioResult {
  const figures: Figure[] = runs.flatMap((run): Figure[] => [
    {
      label: `${thousands(run.orders)} orders: lines/s`,
      value: run.lines / run.seconds,
      unit: 'lines/s',
      note: `${thousands(run.lines)} lines (${run.fileMb.toFixed(0)} MB) in ${run.seconds.toFixed(1)} s, ${(run.orders / run.seconds).toFixed(0)} orders/s`,
    },
    {
      label: `${thousands(run.orders)} orders: peak worker RSS`,
      value: run.peakMb,
      unit: 'MB',
      target: { max: RSS_TARGET_MB },
      note: `VmHWM of the worker process; ${run.idleMb.toFixed(0)} MB idle before the ingest, highest sample ${run.sampledPeakMb.toFixed(0)} MB`,
    },
  ]);
  const [small, large] = runs;
  if (small && large) {
    figures.push(
      {
        label: 'peak RSS growth, small to large file',
        value: large.peakMb - small.peakMb,
        unit: 'MB',
        note: `for ${(large.lines / small.lines).toFixed(1)}x the lines`,
      },
      {
        label: 'peak RSS ratio, large / small file',
        value: large.peakMb / small.peakMb,
        unit: 'x',
        note: 'flat memory: close to 1 however the file grows',
      },
    );
  }
  return {
    id: 'bulk-ingest',
    title: `bulk_result__ingest of ${runs.map((run) => thousands(run.orders)).join(' and ')} orders (1-8 line items each) over HTTP, one worker process per size`,
    figures,
    notes: [
      'The real task in a worker process that takes only bulk_result__ingest jobs; the sync jobs it queues are not run.',
      "The JSONL is written by the simulator's bulk writer (parents in batches of 100, children after with __parentId), streamed to a temp file and served from disk.",
      "A database of its own on the run's embedded PostgreSQL (fsync off, throwaway); every order is new, so every record is queued.",
      ...runs.map((run) => `${thousands(run.orders)} orders: ${thousands(run.queued)} sync jobs queued.`),
    ],
  };
}
