/**
 * Scenario 5 (issue 10): a store synced once is synced again, unchanged: a full backfill of customers and orders
 * through the real `startBackfill` and an in-process worker, against the Shopify and Dataverse simulators. The
 * Dataverse simulator's own counters give the CRM writes (which must be zero) and requests; the cost the Shopify
 * simulator reports in its answers gives the points. Beside it, the same re-sync by the naive strategy (read each
 * record, look it up in the CRM, write it), counted the same way.
 */
import { createDbClient, runMigrations, startBackfill } from '@shopverse/db';
import type { TestDatabase } from '@shopverse/db/testing';
import { rebasedFetch, ShopifyClient, staticToken } from '@shopverse/shopify';
import { startSyncHarness, type SyncHarness, until } from '../../e2e/integration/sync-harness';
import { type CostProxy, type ShopifyCost, startCostProxy } from '../lib/resync-cost-proxy';
import { naiveResync } from '../lib/resync-naive';
import type { Figure, Scenario, ScenarioResult } from '../scenario';

/** The delta poll off, as while a store is set up: the backfill is the only reader. */
const SETTINGS = { pipeline: { pollEnabled: false } };
/** Issue 10's network latency, on every Dataverse request of the measured runs. */
const LATENCY = { kind: 'uniform', minMs: 30, maxMs: 80 };
/** Flows a workflow tool runs at once. */
const NAIVE_CONCURRENCY = 4;
const BACKFILL_TIMEOUT_MS = 10 * 60_000;
/**
 * The store's size. The quick run (CI's smoke test) keeps enough records for every path (guest orders, closed sales
 * orders the naive strategy is refused on) and little else: most of its time is the backfill's 2 s polls and checks.
 */
const FULL_DEMO = { customers: 200, orders: 300 };
const QUICK_DEMO = { customers: 10, orders: 20 };

/** The Dataverse simulator's `/_sim/stats` totals, as far as they are read here. */
interface DataverseTotals {
  requests: number;
  operations: number;
  operationsByKind: Partial<Record<'readById' | 'query' | 'create' | 'update' | 'delete' | 'action' | 'bulk', number>>;
  throttled: Record<string, number>;
}

interface Measured {
  seconds: number;
  dataverse: DataverseTotals;
  shopify: ShopifyCost;
  records: number;
}

const WRITE_KINDS = ['create', 'update', 'delete', 'action', 'bulk'] as const;
const writesOf = (totals: DataverseTotals) =>
  WRITE_KINDS.reduce((sum, kind) => sum + (totals.operationsByKind[kind] ?? 0), 0);

export const scenario: Scenario = {
  id: 'resync-unchanged',
  async run({ quick, database: createDatabase }): Promise<ScenarioResult> {
    const demo = quick ? QUICK_DEMO : FULL_DEMO;
    const started = performance.now();
    const handle = await createDatabase('resync-unchanged');
    const client = createDbClient(handle.url, { max: 4, applicationName: 'shopverse-bench' });
    const database = (): TestDatabase => ({ ...client, url: handle.url, name: 'bench' });
    let harness: SyncHarness | undefined;
    let proxy: CostProxy | undefined;
    try {
      await runMigrations(handle.url);
      // Keys active at once: provisioning is setup here, and would otherwise wait 2 s per table.
      const sync = await startSyncHarness(database, { settings: SETTINGS, demo, keyActivationMs: 0 });
      harness = sync;
      const shop = sync.sandbox.details.shopify.find((entry) => entry.shop === sync.shopDomain);
      if (!shop) throw new Error(`the sandbox has no shop ${sync.shopDomain}`);
      const apiBase = new URL(shop.adminUrl.slice(0, shop.adminUrl.indexOf('/admin/')));
      proxy = await startCostProxy(apiBase.origin);
      const proxiedBase = `${proxy.origin}${apiBase.pathname}`;
      // The worker's calls to Shopify go through the proxy from now on (a moved `updated_at` rebuilds its context).
      await client.sql`
        update stores set api_base_url = ${proxiedBase}, updated_at = now() where id = ${sync.storeId}`;

      const setupSeconds = (performance.now() - started) / 1000;
      const first = await measured(sync, proxy, () => backfillInTurn(database, sync.storeId));
      await setLatency(sync);
      const resync = await measured(sync, proxy, () => backfillInTurn(database, sync.storeId));
      const naiveShopify = new ShopifyClient({
        storeDomain: sync.shopDomain,
        tokens: staticToken(shop.accessToken),
        fetch: rebasedFetch(proxiedBase),
      });
      let refused = 0;
      const naive = await measured(sync, proxy, async () => {
        const done = await naiveResync({
          shopify: naiveShopify,
          dataverse: sync.dataverse,
          storeKey: 'us',
          concurrency: NAIVE_CONCURRENCY,
        });
        if (done.missing > 0) throw new Error(`the naive re-sync found ${done.missing} records missing`);
        refused = done.refused;
        return done.customers + done.orders;
      });
      return result(demo, setupSeconds, first, resync, { ...naive, refused });
    } finally {
      await proxy?.stop();
      await harness?.stop();
      await client.close();
      await handle.drop();
    }
  },
};

/** Runs `work` between a reset of both simulators' counts and a reading of them. */
async function measured(harness: SyncHarness, proxy: CostProxy, work: () => Promise<number>): Promise<Measured> {
  await harness.sim('reset', 'POST');
  proxy.reset();
  const started = performance.now();
  const records = await work();
  const seconds = (performance.now() - started) / 1000;
  const stats = await harness.sim<{ totals: DataverseTotals }>('stats');
  return { seconds, dataverse: stats.totals, shopify: proxy.cost(), records };
}

async function setLatency(harness: SyncHarness): Promise<void> {
  const response = await fetch(`${harness.sandbox.details.dataverse.url}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify({ latency: LATENCY }),
  });
  if (!response.ok) throw new Error(`/_sim/faults answered ${response.status}: ${await response.text()}`);
}

/**
 * Backfills customers, then orders, each to its end (in turn, as the backfill integration test does: a guest order
 * whose email is a customer's must find the customer's contact). Answers the records the files listed.
 */
async function backfillInTurn(database: () => TestDatabase, storeId: string): Promise<number> {
  const { sql } = database();
  let records = 0;
  for (const entity of ['customer', 'order'] as const) {
    const backfill = await startBackfill(sql, { storeId, entity, requestedBy: 'bench' });
    records += await until(
      async () => {
        const [row] = await sql<{ status: string; total: number; error: string | null; left: number }[]>`
          select status, coalesce(total_records, 0) as total, error_message as error,
            (select count(*)::int from graphile_worker.jobs
             where task_identifier like 'shopify_%' and attempts < max_attempts) as left
          from backfills where id = ${backfill.id}`;
        if (row?.status === 'failed') throw new Error(`the ${entity} backfill failed: ${row.error}`);
        return row?.status === 'completed' && row.left === 0 ? row.total : undefined;
      },
      `the ${entity} backfill`,
      BACKFILL_TIMEOUT_MS,
    );
  }
  return records;
}

function result(
  demo: { customers: number; orders: number },
  setupSeconds: number,
  first: Measured,
  resync: Measured,
  naive: Measured & { refused: number },
): ScenarioResult {
  const perRecord = (run: Measured) => run.shopify.actualPoints / Math.max(1, run.records);
  const figures: Figure[] = [
    {
      label: 're-sync: CRM writes',
      value: writesOf(resync.dataverse),
      unit: 'writes',
      target: { max: 0 },
      kind: 'correctness',
      note: 'creates, updates, deletes, actions and bulk operations the Dataverse simulator counted',
    },
    { label: 're-sync: CRM requests', value: resync.dataverse.requests, unit: 'requests' },
    { label: 're-sync: Shopify cost', value: resync.shopify.actualPoints, unit: 'points' },
    {
      label: 're-sync: Shopify cost per record',
      value: perRecord(resync),
      unit: 'points',
      note: `${resync.records} records in the bulk files; ${resync.shopify.requests} GraphQL requests`,
    },
    {
      label: 're-sync: wall time',
      value: resync.seconds,
      unit: 's',
      note: 'mostly the backfill steps waiting between polls (2 s each)',
    },
    {
      label: 'naive: CRM writes',
      value: writesOf(naive.dataverse),
      unit: 'writes',
      note: `${naive.refused} of them refused as read-only (closed sales orders)`,
    },
    { label: 'naive: CRM requests', value: naive.dataverse.requests, unit: 'requests' },
    { label: 'naive: Shopify cost', value: naive.shopify.actualPoints, unit: 'points' },
    { label: 'naive: Shopify cost per record', value: perRecord(naive), unit: 'points' },
    {
      label: 'naive: wall time',
      value: naive.seconds,
      unit: 's',
      note: `${NAIVE_CONCURRENCY} records at a time`,
    },
    {
      label: 'CRM requests, naive / re-sync',
      value: naive.dataverse.requests / Math.max(1, resync.dataverse.requests),
      unit: 'x',
      ...(resync.dataverse.requests === 0 ? { note: 'the re-sync made none: divided by 1' } : {}),
    },
    {
      label: 'Shopify cost, naive / re-sync',
      value: naive.shopify.actualPoints / Math.max(1, resync.shopify.actualPoints),
      unit: 'x',
    },
  ];
  return {
    id: 'resync-unchanged',
    title: `re-sync of an unchanged store: ${demo.customers} customers and ${demo.orders} orders, backfill vs naive`,
    figures,
    notes: [
      `Setup (a database on the run's embedded PostgreSQL, sandbox with its demo shops, provisioning, worker): ${setupSeconds.toFixed(1)} s. The first sync (not measured for the figures): ${writesOf(first.dataverse)} CRM writes in ${first.dataverse.requests} requests, ${first.shopify.actualPoints} Shopify points, ${first.seconds.toFixed(1)} s.`,
      "Shopify: the sandbox's us shop (Plus plan); points are the actualQueryCost of every answer, read by a proxy in front of the simulator.",
      `Dataverse: default limits and execution-time model; ${LATENCY.minMs}-${LATENCY.maxMs} ms latency added to every request of the measured runs; counts from /_sim/stats after a reset.`,
      'Naive: list ids (250 a page), then per record read it by id, find its CRM row by sv_shopifyid and PATCH it; orders write only their header (a lower bound).',
      `429s: re-sync ${Object.values(resync.dataverse.throttled).reduce((a, b) => a + b, 0)}, naive ${Object.values(naive.dataverse.throttled).reduce((a, b) => a + b, 0)}; Shopify THROTTLED answers: re-sync ${resync.shopify.throttled}, naive ${naive.shopify.throttled}.`,
    ],
  };
}
