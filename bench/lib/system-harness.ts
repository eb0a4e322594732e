import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCredentialsToken, DataverseClient, provision } from '@shopverse/dataverse';
import {
  addJob,
  connectStoreToOrg,
  createDbClient,
  type DbClient,
  generateSecretKey,
  parseSecretKey,
  runMigrations,
  SecretBox,
  upsertCrmOrg,
  upsertStore,
} from '@shopverse/db';
import { openDatabase } from '@shopverse/db/bootstrap';
import { type RunningSandbox, type SandboxDetails, startSandbox } from '@shopverse/sandbox';
import { ensureWebhookSubscriptions, rebasedFetch, ShopifyClient, staticToken } from '@shopverse/shopify';
import { startIntakeServer } from './system-intake';
import { type LatencyProxy, type ProxyMeter, startLatencyProxy, type UniformLatency } from './system-latency-proxy';
import { startWorkerProcess, type WorkerProcess } from './system-worker';

/** Issue 10's network between our system and each outside service: 30-80 ms, uniform. */
export const NETWORK_LATENCY: UniformLatency = { minMs: 30, maxMs: 80 };

/** What the Dataverse simulator's `/_sim/stats` reports in total (the fields the benches read). */
export interface DataverseTotals {
  requests: number;
  operations: number;
  operationsByKind: Partial<Record<'readById' | 'query' | 'create' | 'update' | 'delete' | 'action' | 'bulk', number>>;
  executionTimeMs: number;
  throttled: { requests: number; executionTime: number; concurrency: number };
}

/** The whole system against the simulators, as `pnpm start` runs it, but throwaway (a temp folder, removed after). */
export interface BenchSystem {
  client: DbClient;
  storeId: string;
  shopDomain: string;
  /** The merchant's Admin API client, straight to the simulator (a person's changes, not our sync's reads). */
  merchant: ShopifyClient;
  /** A client of the simulated org, to read the CRM as a person would. */
  dataverse: DataverseClient;
  /** Where the webhook subscriptions point (through the latency proxy to the intake). */
  webhookUrl: string;
  sandbox: RunningSandbox;
  worker: WorkerProcess;
  /** Our sync's calls to Shopify: requests and the cost points Shopify reported for them. */
  shopifyMeter: ProxyMeter;
  /** Switches the 30-80 ms latency on (Dataverse fault injection and the Shopify proxies) and modelled execution time. */
  realisticNetwork(): Promise<void>;
  /** The Dataverse simulator's control endpoint. */
  dataverseSim<T>(path: string, method?: 'GET' | 'POST', body?: unknown): Promise<T>;
  dataverseTotals(): Promise<DataverseTotals>;
  /** Queues a job for the store, as the console or the crontab does. */
  addStoreJob(task: string, payload?: Record<string, unknown>): Promise<void>;
  /** Jobs in graphile-worker's queue (waiting, delayed or running). */
  queueLength(): Promise<number>;
  /** Resolves once graphile-worker's queue has been empty for `quietMs` (the worker finished what it was given). */
  drained(timeoutMs: number, quietMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts a throwaway embedded PostgreSQL with our migrations, the sandbox (Shopify simulator with the `us` shop on the
 * Plus preset, Dataverse with its default limits, Entra), our store connected to the org with its columns provisioned,
 * the real webhook intake on node:http with the shop's subscriptions pointing at it, and the real worker in a child
 * process. Latency and modelled execution time are off until `realisticNetwork()`, so setup is quick.
 */
export async function startBenchSystem(options: {
  demo: { customers: number; orders: number };
  workerConcurrency?: number;
  /**
   * Starts the store's delta-poll cursors at the current time, as for a store that has been polling for a while, so
   * the crontab's first poll does not reconcile the whole shop while a backfill runs (it would queue every record
   * a second time, and the bench would measure both).
   */
  pollCursorsNow?: boolean;
  /**
   * A shop to sync instead of the sandbox's `us` demo shop: one a scenario filled through the Shopify simulator's
   * seeding API (the demo data makes one mutation per record, too slow for the 20,000 orders).
   */
  shop?: Omit<SandboxDetails['shopify'][number], 'crm'>;
}): Promise<BenchSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'shopverse-bench-system-'));
  const stops: (() => Promise<void>)[] = [() => Promise.resolve(rmSync(dir, { recursive: true, force: true }))];
  const stop = async () => {
    for (const close of stops.splice(0).reverse()) {
      await close().catch(() => undefined);
    }
  };
  try {
    const handle = await openDatabase({
      databaseUrl: undefined,
      dataDir: dir,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '100' },
    });
    stops.push(() => handle.stop());
    await runMigrations(handle.url);
    const client = createDbClient(handle.url, { max: 10, applicationName: 'shopverse-bench' });
    stops.push(() => client.close());
    const secretKey = generateSecretKey();
    const box = new SecretBox(parseSecretKey(secretKey));
    // Started first: it needs only the database, and its start (tsx, migrations) overlaps the sandbox's.
    const worker = startWorkerProcess({
      databaseUrl: handle.url,
      secretKey,
      concurrency: options.workerConcurrency ?? 4,
    });
    stops.push(() => worker.stop());

    const sandbox = await startSandbox({
      dataDir: join(dir, 'sandbox'),
      webUrl: 'http://127.0.0.1:9',
      ports: { shopify: 0, dataverse: 0, entra: 0 },
      demo: options.demo,
      // One store is synced: the other demo shops would only cost their loading.
      shops: ['us'],
    });
    stops.push(() => sandbox.stop());
    const { details } = sandbox;
    const shop = options.shop ?? details.shopify.find((entry) => entry.key === 'us');
    if (!shop) throw new Error('the sandbox has no us shop');
    const apiBaseUrl = shop.adminUrl.slice(0, shop.adminUrl.indexOf('/admin/'));
    // Our sync reaches Shopify through a latency proxy: the simulator has no latency setting of its own.
    const shopifyLatency: UniformLatency = { minMs: 0, maxMs: 0 };
    const shopifyProxy: LatencyProxy = await startLatencyProxy(new URL(apiBaseUrl).origin, shopifyLatency);
    stops.push(() => shopifyProxy.close());
    const store = await upsertStore(client.db, box, {
      key: 'us',
      shopDomain: shop.shop,
      name: 'Bench US',
      apiVersion: shop.apiVersion,
      apiBaseUrl: `${shopifyProxy.url}${new URL(apiBaseUrl).pathname}`,
      accessToken: shop.accessToken,
      webhookSecret: shop.webhookSecret,
      settings: {},
    });
    if (options.pollCursorsNow) {
      await client.sql`
        insert into sync_cursors (store_id, entity, cursor_updated_at)
        select ${store.id}, entity, now() from unnest(array['customer', 'order']) as entity`;
    }
    const org = await upsertCrmOrg(client.db, box, {
      name: 'Bench org',
      url: details.dataverse.url,
      apiUrl: details.dataverse.apiUrl,
      tenantId: details.dataverse.tenantId,
      clientId: details.dataverse.clientId,
      clientSecret: details.dataverse.clientSecret,
      authorityUrl: details.dataverse.authority,
      publisherPrefix: details.dataverse.publisherPrefix,
    });
    await connectStoreToOrg(client.db, store.id, org.id);
    const dataverse = new DataverseClient({
      orgUrl: details.dataverse.url,
      tokens: clientCredentialsToken({
        authority: details.dataverse.authority,
        clientId: details.dataverse.clientId,
        clientSecret: details.dataverse.clientSecret,
        orgUrl: details.dataverse.url,
      }),
    });
    await provision(dataverse, { pollMs: 20 });
    const merchant = new ShopifyClient({
      storeDomain: shop.shop,
      tokens: staticToken(shop.accessToken),
      fetch: rebasedFetch(apiBaseUrl),
    });

    // Shopify's deliveries cross the same kind of network to reach the intake.
    const intake = await startIntakeServer(client, box);
    stops.push(() => intake.close());
    const intakeUrl = new URL(intake.url);
    const webhookLatency: UniformLatency = { minMs: 0, maxMs: 0 };
    const intakeProxy = await startLatencyProxy(intakeUrl.origin, webhookLatency);
    stops.push(() => intakeProxy.close());
    const webhookUrl = `${intakeProxy.url}${intakeUrl.pathname}`;
    await ensureWebhookSubscriptions(merchant, webhookUrl);

    // The worker installs graphile-worker's schema as it starts; jobs can be queued once it beats.
    await until(
      async () => ((await client.sql`select 1 from worker_heartbeats limit 1`).length > 0 ? true : undefined),
      'the worker to start',
      60_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; its output:\n${worker.recentOutput()}`);
    });

    const dataverseSim = async <T>(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<T> => {
      const response = await fetch(`${details.dataverse.url}/_sim/${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`/_sim/${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    };
    const queueLength = async () => {
      const [row] = await client.sql<{ count: number }[]>`select count(*)::int as count from graphile_worker.jobs`;
      return row?.count ?? 0;
    };

    return {
      client,
      storeId: store.id,
      shopDomain: shop.shop,
      merchant,
      dataverse,
      webhookUrl,
      sandbox,
      worker,
      shopifyMeter: shopifyProxy.meter,
      async realisticNetwork() {
        Object.assign(shopifyLatency, NETWORK_LATENCY);
        Object.assign(webhookLatency, NETWORK_LATENCY);
        await dataverseSim('faults', 'POST', {
          latency: { kind: 'uniform', ...NETWORK_LATENCY },
          executionDelayFactor: 1,
        });
      },
      dataverseSim,
      async dataverseTotals() {
        return (await dataverseSim<{ totals: DataverseTotals }>('stats')).totals;
      },
      queueLength,
      async addStoreJob(task, payload = {}) {
        await addJob(client.sql, task, { storeId: store.id, ...payload });
      },
      async drained(timeoutMs, quietMs = 1_000) {
        let emptySince: number | undefined;
        const empty = until(
          async () => {
            if ((await queueLength()) > 0) emptySince = undefined;
            else emptySince ??= Date.now();
            return emptySince !== undefined && Date.now() - emptySince >= quietMs ? true : undefined;
          },
          "the worker's queue to empty",
          timeoutMs,
        );
        await empty.catch((error: unknown) => {
          throw new Error(`${(error as Error).message}; the worker's last output:\n${worker.recentOutput()}`);
        });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
