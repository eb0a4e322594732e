import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCredentialsToken, DataverseClient, provision } from '@shopverse/dataverse';
import {
  addJob,
  connectStoreToOrg,
  generateSecretKey,
  parseSecretKey,
  SecretBox,
  upsertCrmOrg,
  upsertStore,
} from '@shopverse/db';
import { type TestDatabase, until as waitUntil } from '@shopverse/db/testing';
import { type RunningSandbox, startSandbox } from '@shopverse/sandbox';
import { rebasedFetch, ShopifyClient, staticToken } from '@shopverse/shopify';
import { type RunningWorker, startWorker } from '@shopverse/worker';
import pino from 'pino';

/** {@link waitUntil} with the longer default a sync through the simulators needs. */
export function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  return waitUntil(check, what, timeoutMs);
}

/** The whole sync running against the simulators: sandbox, our store and org in the test database, a worker. */
export interface SyncHarness {
  sandbox: RunningSandbox;
  storeId: string;
  /** A client of the simulated org, to look at (and edit) the CRM as a person would. */
  dataverse: DataverseClient;
  /** A client of the simulated shop, to change things in Shopify. */
  shopify: ShopifyClient;
  /** Queues one job per record and waits until the queue is empty. */
  syncEach(task: string, payloads: Record<string, unknown>[]): Promise<void>;
  /** Opens the stores' sealed secrets, as the web app and the worker do. */
  box: SecretBox;
  /** The `us` shop's webhook secret, to sign deliveries as Shopify does. */
  webhookSecret: string;
  /** The shop's domain. */
  shopDomain: string;
  /** The Dataverse simulator's control endpoint (`stats`, `reset`). */
  sim<T>(path: string, method?: string): Promise<T>;
  /** Starts the worker, when the harness was started without one (`worker: false`); a no-op if it runs. */
  startWorker(): Promise<void>;
  /** The test database's secret key, for worker processes started by the test. */
  secretKey: string;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox (Entra, Dataverse, demo shops), connects its `us` shop as a store writing to its org with our
 * columns provisioned, and starts a real worker on the test database.
 */
export async function startSyncHarness(
  database: () => TestDatabase,
  options: {
    settings: Record<string, unknown>;
    demo: { customers: number; orders: number };
    /** Start the worker at once (default) or only when the test calls `startWorker()`. */
    worker?: boolean;
    /** How long the org keeps a new alternate key Pending (the sandbox's default when left out). */
    keyActivationMs?: number;
  },
): Promise<SyncHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopverse-sync-'));
  const secretKey = generateSecretKey();
  const sandbox = await startSandbox({
    dataDir,
    webUrl: 'http://127.0.0.1:9',
    ports: { shopify: 0, dataverse: 0, entra: 0 },
    demo: options.demo,
    // The harness syncs the us store alone: the other demo shops would only cost their loading.
    shops: ['us'],
    ...(options.keyActivationMs === undefined ? {} : { keyActivationMs: options.keyActivationMs }),
  });
  const { details } = sandbox;
  const shop = details.shopify.find((entry) => entry.key === 'us');
  if (!shop) throw new Error('the sandbox has no us shop');
  const { db } = database();
  const box = new SecretBox(parseSecretKey(secretKey));
  const apiBaseUrl = shop.adminUrl.slice(0, shop.adminUrl.indexOf('/admin/'));
  const store = await upsertStore(db, box, {
    key: 'us',
    shopDomain: shop.shop,
    name: 'Demo US',
    apiVersion: shop.apiVersion,
    apiBaseUrl,
    accessToken: shop.accessToken,
    webhookSecret: shop.webhookSecret,
    settings: options.settings,
  });
  const org = await upsertCrmOrg(db, box, {
    name: 'Sandbox org',
    url: details.dataverse.url,
    apiUrl: details.dataverse.apiUrl,
    tenantId: details.dataverse.tenantId,
    clientId: details.dataverse.clientId,
    clientSecret: details.dataverse.clientSecret,
    authorityUrl: details.dataverse.authority,
    publisherPrefix: details.dataverse.publisherPrefix,
  });
  await connectStoreToOrg(db, store.id, org.id);
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
  const shopify = new ShopifyClient({
    storeDomain: shop.shop,
    tokens: staticToken(shop.accessToken),
    fetch: rebasedFetch(apiBaseUrl),
  });
  let worker: RunningWorker | undefined;
  const ensureWorker = async () => {
    worker ??= await startWorker({
      databaseUrl: database().url,
      concurrency: 4,
      heartbeatSeconds: 5,
      syncAttemptsRetentionDays: 30,
      secretKey,
      logger: pino({ level: 'silent' }),
      crontab: '',
    });
  };
  if (options.worker !== false) await ensureWorker();
  return {
    sandbox,
    storeId: store.id,
    dataverse,
    shopify,
    box,
    webhookSecret: shop.webhookSecret,
    shopDomain: shop.shop,
    async syncEach(task, payloads) {
      const { sql } = database();
      await sql.begin(async (tx) => {
        for (const payload of payloads) await addJob(tx, task, { storeId: store.id, ...payload });
      });
      await until(
        async () => ((await sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined),
        `the ${task} jobs`,
      );
    },
    async sim<T>(path: string, method = 'GET') {
      const response = await fetch(`${details.dataverse.url}/_sim/${path}`, { method });
      return (await response.json()) as T;
    },
    startWorker: ensureWorker,
    secretKey,
    async stop() {
      await worker?.shutdown();
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Sets the Dataverse simulator's fault injection (`POST /_sim/faults`: error rates, latency, rules that refuse chosen
 * requests), as a person driving the sandbox would.
 */
export async function setDataverseFaults(harness: SyncHarness, settings: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${harness.sandbox.details.dataverse.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (!response.ok) throw new Error(`/_sim/faults answered ${response.status}: ${await response.text()}`);
}

/**
 * Sets the webhook delivery faults of the harness's shop through the Shopify simulator's control endpoint
 * (`POST /_sim/webhooks?shop=`), as a person driving the sandbox would; `{ drop: { probability: 1 } }` switches
 * delivery off. Answers with the switches now in force.
 */
export async function setWebhookSwitches(harness: SyncHarness, patch: Record<string, unknown>): Promise<unknown> {
  const shop = harness.sandbox.details.shopify.find((entry) => entry.shop === harness.shopDomain);
  if (!shop) throw new Error(`the sandbox has no shop ${harness.shopDomain}`);
  const base = shop.adminUrl.slice(0, shop.adminUrl.indexOf('/shops/'));
  const response = await fetch(`${base}/_sim/webhooks?shop=${encodeURIComponent(harness.shopDomain)}`, {
    method: 'POST',
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`/_sim/webhooks answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Replaces the store's settings as the console does; `updated_at` moves, so the worker rebuilds the store's context. */
export async function updateStoreSettings(
  database: () => TestDatabase,
  storeId: string,
  settings: Record<string, unknown>,
): Promise<void> {
  const { sql } = database();
  await sql`update stores set settings = ${JSON.stringify(settings)}::jsonb, updated_at = now() where id = ${storeId}`;
}
