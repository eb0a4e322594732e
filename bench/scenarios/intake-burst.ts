/**
 * Scenario 3 (issue 10): a burst of signed webhook deliveries against the real console, beside a bare Node HTTP
 * server doing one PostgreSQL insert per request on the same database, with the same client and the same load.
 *
 * The console is the production build served as the start command serves it, by its own node:http server
 * (apps/web/src/server/http/main.ts), which answers the webhook path itself and hands every other request to Next; on a
 * throwaway embedded PostgreSQL with its migrations and one store with a known webhook secret. The worker is not
 * running, so what is measured is acknowledgement only: verify the HMAC, store the delivery with its job, answer 200.
 * Fsync stays on: an acknowledged delivery must be on disk, and the baseline's commits wait for the disk just the same.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDbClient, generateSecretKey, runMigrations, SecretBox, upsertStore } from '@shopverse/db';
import { openDatabase } from '@shopverse/db/bootstrap';
import { Logger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import { startBareInsertServer } from '../lib/bare-insert-server';
import { startConsole } from '../lib/console-server';
import { type LoadResult, sendAll } from '../lib/http-load';
import { percentile } from '../lib/percentiles';
import { cpuOf, startCpuMeter } from '../lib/cpu-meter';
import { peakRssMb } from '../lib/proc-stats';
import { signedDeliveries } from '../lib/signed-deliveries';
import type { Figure, Scenario, ScenarioOptions, ScenarioResult } from '../scenario';

const SHOP = 'bench-intake.myshopify.com';
const API_VERSION = '2025-01';
const CONCURRENCY = 64;
/** The web app's pool (apps/web/src/server/db.ts); the baseline gets as many connections. */
const POOL_SIZE = 5;

/** graphile-worker's migration messages are for its own debugging; errors still throw. */
const quietLogger = new Logger(() => () => undefined);

/** The embedded server's postmaster, whose children are the backends; undefined when it cannot be read. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A figure per measured part, in cores; a part that could not be read is left out. */
function cpuFigures(run: string, cores: Map<string, number>, machineCores: number): Figure[] {
  return [...cores].map(([part, value]) => ({
    label: `${run}: ${part} CPU`,
    value,
    unit: 'cores',
    ...(part === 'machine' ? { note: `of ${machineCores}, anything else running included` } : {}),
  }));
}

function nonOkAnswers(load: LoadResult): number {
  return [...load.statuses].reduce((sum, [status, count]) => sum + (status === 200 ? 0 : count), 0);
}

function describeStatuses(load: LoadResult): string {
  return [...load.statuses].map(([status, count]) => `${count} × ${status === 0 ? 'no answer' : status}`).join(', ');
}

async function run(options: ScenarioOptions): Promise<ScenarioResult> {
  const count = options.quick ? 500 : 5000;
  const warmUp = CONCURRENCY * 2;
  const cores = cpus().length;
  const dir = mkdtempSync(join(tmpdir(), 'shopverse-bench-intake-'));
  const handle = await openDatabase({ databaseUrl: undefined, dataDir: dir }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const client = createDbClient(handle.url, { max: 2, applicationName: 'shopverse-bench' });
  const stops: (() => Promise<void>)[] = [];
  try {
    await runMigrations(handle.url);
    // The job queue's schema: intake queues each delivery's job in the same transaction.
    await runWorkerMigrations({ connectionString: handle.url, logger: quietLogger });
    const secretKey = generateSecretKey();
    const secret = 'bench-webhook-secret';
    await upsertStore(client.db, SecretBox.fromBase64(secretKey), {
      key: 'bench',
      shopDomain: SHOP,
      name: 'Bench intake',
      apiVersion: API_VERSION,
      webhookSecret: secret,
    });
    const sign = (tag: string, n: number) =>
      signedDeliveries({ count: n, shopDomain: SHOP, secret, tag, apiVersion: API_VERSION });

    // The console. A warm-up first: Next loads a route's code on its first request, which is not intake's cost.
    const web = await startConsole({ databaseUrl: handle.url, secretKey });
    stops.push(() => web.stop());
    const webhookUrl = `${web.url}/api/webhooks/shopify`;
    const webWarm = await sendAll(webhookUrl, sign('W', warmUp), CONCURRENCY);
    if (nonOkAnswers(webWarm) > 0) {
      throw new Error(
        `the console refused its warm-up deliveries (${describeStatuses(webWarm)}): ${webWarm.answers[0]}`,
      );
    }
    const burst = sign('B', count);
    const pg = postmasterPid(dir);
    const webMeter = startCpuMeter({
      console: cpuOf.process(web.pid),
      PostgreSQL: cpuOf.tree(pg),
      'bench client': cpuOf.self(),
      machine: cpuOf.machine(),
    });
    const webLoad = await sendAll(webhookUrl, burst, CONCURRENCY);
    const webCpu = webMeter.stop(webLoad.seconds);
    const webRssMb = peakRssMb(web.pid);
    await web.stop();
    stops.pop();

    // Each delivery once, each with its processing job (the worker is off, so every job is still queued).
    const eventIds = client.sql.array(burst.map((delivery) => delivery.eventId));
    const [stored] = await client.sql<{ rows: number; distinct: number; jobs: number }[]>`
      select count(*)::int as rows, count(distinct (d.event_id, d.topic))::int as distinct,
             (select count(*)::int from graphile_worker._private_jobs jobs
                join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
                join webhook_deliveries queued on queued.id::text = jobs.payload->>'deliveryId'
              where tasks.identifier = 'shopify_delivery__process' and queued.event_id = any(${eventIds})) as jobs
      from webhook_deliveries d where d.event_id = any(${eventIds})`;
    const rows = stored?.rows ?? 0;
    const distinct = stored?.distinct ?? 0;
    const notStoredOnce = count - distinct + (rows - distinct);
    const withoutJob = rows - (stored?.jobs ?? 0);

    // The baseline, after the console has stopped, so neither competes with the other for the CPU.
    const bare = await startBareInsertServer(handle.url, POOL_SIZE);
    stops.push(() => bare.stop());
    const bareWarm = await sendAll(bare.url, sign('W', warmUp), CONCURRENCY);
    if (nonOkAnswers(bareWarm) > 0) {
      throw new Error(`the baseline failed its warm-up (${describeStatuses(bareWarm)}): ${bareWarm.answers[0]}`);
    }
    const bareMeter = startCpuMeter({
      PostgreSQL: cpuOf.tree(pg),
      'bench client and server': cpuOf.self(),
      machine: cpuOf.machine(),
    });
    const bareLoad = await sendAll(bare.url, sign('C', count), CONCURRENCY);
    const bareCpu = bareMeter.stop(bareLoad.seconds);
    const bareRows = (await bare.storedRows()) - warmUp;
    await bare.stop();
    stops.pop();

    const webRate = count / webLoad.seconds;
    const bareRate = count / bareLoad.seconds;
    const averageKb = burst.reduce((sum, delivery) => sum + delivery.body.length, 0) / count / 1024;
    const figures: Figure[] = [
      { label: 'acknowledgement p50', value: percentile(webLoad.latenciesMs, 50), unit: 'ms' },
      { label: 'acknowledgement p99', value: percentile(webLoad.latenciesMs, 99), unit: 'ms', target: { max: 100 } },
      { label: 'deliveries/s', value: webRate, unit: '1/s' },
      { label: 'baseline deliveries/s', value: bareRate, unit: '1/s', note: 'bare node:http, one INSERT each' },
      { label: 'baseline p50', value: percentile(bareLoad.latenciesMs, 50), unit: 'ms' },
      { label: 'baseline p99', value: percentile(bareLoad.latenciesMs, 99), unit: 'ms' },
      { label: 'ratio to the baseline', value: webRate / bareRate, unit: '×', target: { min: 0.5 } },
      { label: 'answers other than 200', value: nonOkAnswers(webLoad), unit: 'deliveries', target: { max: 0 } },
      { label: 'not stored exactly once', value: notStoredOnce, unit: 'deliveries', target: { max: 0 } },
      { label: 'stored without their job', value: withoutJob, unit: 'deliveries', target: { max: 0 } },
      {
        label: 'baseline rows missing',
        value: count - bareRows,
        unit: 'rows',
        target: { max: 0 },
      },
      ...(webCpu.has('console')
        ? [
            {
              label: 'console CPU per delivery',
              value: ((webCpu.get('console') ?? 0) * webLoad.seconds * 1000) / count,
              unit: 'ms',
            },
          ]
        : []),
      ...(webRssMb === undefined ? [] : [{ label: 'console peak RSS', value: webRssMb, unit: 'MB' }]),
      ...cpuFigures('console burst', webCpu, cores),
      ...cpuFigures('baseline burst', bareCpu, cores),
    ];
    return {
      id: 'intake-burst',
      title: `${count.toLocaleString('en-US')} signed deliveries, ${CONCURRENCY} in flight, console vs bare insert server`,
      figures,
      notes: [
        `Console: apps/web production build (build step ${web.buildSeconds.toFixed(1)} s, turbo-cached when unchanged) ` +
          'served as the start command serves it: one Node process whose node:http server answers POST ' +
          '/api/webhooks/shopify itself (the same intake handler as the Next route: raw-body HMAC, grouped commits) ' +
          "and hands every other request to Next's custom-server request handler; worker not running; embedded " +
          `PostgreSQL with fsync on; web pool ${POOL_SIZE} connections.`,
        'Baseline: node:http in the bench process (sharing its event loop with the client), one INSERT per request ' +
          `through postgres.js (${POOL_SIZE} connections), no signature check; run after the console stopped, same ` +
          'database, same client and load.',
        `Deliveries: orders/create, orders/updated, orders/paid, customers/update bodies from Shopify's documentation ` +
          `samples, ${averageKb.toFixed(1)} KiB on average, each with its own event id, HMAC-signed; ` +
          `${warmUp} warm-up deliveries to each server first, not counted.`,
        `Client: node:http keep-alive Agent, ${CONCURRENCY} requests in flight; latency from send to the answer's ` +
          'last byte. Client, servers and PostgreSQL share this machine.',
        `Console answers: ${describeStatuses(webLoad)}; baseline answers: ${describeStatuses(bareLoad)}.`,
        'CPU figures are cores busy on average during each burst (the console is one Node process: near 1 core, it ' +
          'bounds itself; well below, PostgreSQL or the machine does). PostgreSQL CPU is all its processes, the ' +
          'backends executing the grouped inserts (each with its job) foremost. Machine CPU counts every process, ' +
          'anything else running included: near the core count, the burst was bounded by the CPU the client, the ' +
          'server and PostgreSQL share.',
      ],
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await client.close();
    await handle.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenario: Scenario = { id: 'intake-burst', run };
