import { randomUUID } from 'node:crypto';
import { percentile } from '../lib/percentiles';
import {
  type BenchSystem,
  type DataverseTotals,
  NETWORK_LATENCY,
  startBenchSystem,
  until,
} from '../lib/system-harness';
import { type Change, changeLatencies, type WriteAttempt } from '../lib/system-latency';
import type { Figure, Scenario, ScenarioOptions, ScenarioResult } from '../scenario';

/** Issue 10, scenario 2: 20 order changes per second, arriving as webhooks. */
const CHANGES_PER_SECOND = 20;

/** apps/worker's default WORKER_CONCURRENCY, passed explicitly so the figure's note says what ran. */
const WORKER_CONCURRENCY = 16;

const SIZES = {
  full: { customers: 150, orders: 400, seconds: 180, replays: 200 },
  quick: { customers: 50, orders: 100, seconds: 10, replays: 20 },
};

const ORDER_UPDATE = `#graphql
  mutation BenchOrderTags($input: OrderInput!) {
    orderUpdate(input: $input) { order { id } userErrors { field message } }
  }
`;

interface OrderUpdateResult {
  orderUpdate: { order: { id: string } | null; userErrors: { message: string }[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Orders whose sales order is still open (statecode 0): Dynamics refuses edits of fulfilled or cancelled ones. */
async function openOrderGids(system: BenchSystem): Promise<string[]> {
  const gids: string[] = [];
  const query = 'salesorders?$select=sv_shopifyid&$filter=statecode eq 0';
  for await (const page of system.dataverse.query<{ sv_shopifyid: string | null }>(query)) {
    for (const row of page) {
      const legacyId = row.sv_shopifyid?.replace(/^us_/, '');
      if (legacyId) gids.push(`gid://shopify/Order/${legacyId}`);
    }
  }
  return gids;
}

/** Writes (not reads) the simulator counted: what a change must cause and an unchanged record must not. */
function crmWrites(totals: DataverseTotals): number {
  const kinds = totals.operationsByKind;
  return (kinds.create ?? 0) + (kinds.update ?? 0) + (kinds.delete ?? 0) + (kinds.action ?? 0) + (kinds.bulk ?? 0);
}

/** Sends the changes at a steady rate through the Admin API, as a merchant's staff or apps would make them. */
async function makeChanges(system: BenchSystem, gids: string[], seconds: number) {
  const total = seconds * CHANGES_PER_SECOND;
  const changes: Change[] = [];
  const refused: string[] = [];
  const sent: Promise<void>[] = [];
  const start = Date.now();
  for (let index = 0; index < total; index += 1) {
    await sleep(start + (index * 1000) / CHANGES_PER_SECOND - Date.now());
    const gid = gids[index % gids.length] as string;
    const at = Date.now();
    sent.push(
      system.merchant
        .request<OrderUpdateResult>(ORDER_UPDATE, { variables: { input: { id: gid, tags: [`steady-${index}`] } } })
        .then(
          (result) => {
            const errors = result.orderUpdate.userErrors;
            if (errors.length > 0) refused.push(`${gid}: ${errors.map((error) => error.message).join('; ')}`);
            else changes.push({ gid, at });
          },
          (error: unknown) => {
            refused.push(`${gid}: ${error instanceof Error ? error.message : String(error)}`);
          },
        ),
    );
  }
  await Promise.all(sent);
  return { changes, refused, sendSeconds: (Date.now() - start) / 1000 };
}

async function orderWrites(system: BenchSystem, since: Date): Promise<WriteAttempt[]> {
  // Milliseconds since the epoch in SQL: the client hands timestamps back as text.
  const rows = await system.client.sql<{ gid: string; started: number; finished: number }[]>`
    select shopify_gid as gid, (extract(epoch from started_at) * 1000)::float8 as started,
      (extract(epoch from finished_at) * 1000)::float8 as finished
    from sync_attempts
    where entity = 'order' and outcome in ('created', 'updated') and started_at >= ${since.toISOString()}::timestamptz
      and finished_at is not null and shopify_gid is not null`;
  return rows.map((row) => ({ gid: row.gid, startedAt: row.started, finishedAt: row.finished }));
}

/**
 * The changes' latencies once each is in the CRM, or once the worker has had nothing to do for 10 s (what is missing
 * then will not come). Checked once a second: the bench shares the machine's cores with the worker it measures.
 */
async function measureUntilIdle(system: BenchSystem, changes: Change[], since: Date) {
  const deadline = Date.now() + 300_000;
  let idleSince: number | undefined;
  for (;;) {
    if ((await system.queueLength()) > 0) idleSince = undefined;
    else idleSince ??= Date.now();
    const idle = idleSince !== undefined && Date.now() - idleSince > 10_000;
    if (idle || Date.now() > deadline || idleSince !== undefined) {
      const result = changeLatencies(changes, await orderWrites(system, since));
      if (result.unwritten.length === 0 || idle || Date.now() > deadline) return result;
    }
    await sleep(1_000);
  }
}

/**
 * Deliveries for orders that did not change: each order's last `orders/updated` body again, as Shopify sends when
 * something the sync does not map changes, with a new event id (a repeated event id is dropped at intake, which would
 * test nothing). The body and so its HMAC are unchanged.
 */
async function replayUnchanged(system: BenchSystem, count: number) {
  const rows = await system.client.sql<{ headers: Record<string, string>; body: string }[]>`
    select distinct on (body::jsonb ->> 'admin_graphql_api_id') headers, body
    from webhook_deliveries
    where topic = 'orders/updated'
    order by body::jsonb ->> 'admin_graphql_api_id', received_at desc
    limit ${count}`;
  const answers = await Promise.all(
    rows.map(async (row) => {
      const id = randomUUID();
      const response = await fetch(system.webhookUrl, {
        method: 'POST',
        headers: {
          ...row.headers,
          'x-shopify-event-id': id,
          'x-shopify-webhook-id': id,
          'x-shopify-triggered-at': new Date().toISOString(),
        },
        body: row.body,
      });
      return response.status;
    }),
  );
  return { sent: rows.length, acknowledged: answers.filter((status) => status === 200).length };
}

async function run(options: ScenarioOptions): Promise<ScenarioResult> {
  const size = options.quick ? SIZES.quick : SIZES.full;
  const system = await startBenchSystem({
    demo: { customers: size.customers, orders: size.orders },
    workerConcurrency: WORKER_CONCURRENCY,
  });
  try {
    // Setup: the store synced once (the first delta poll has no cursor: a full reconciliation), then the network.
    await system.addStoreJob('store__poll');
    await system.drained(300_000, 2_000);
    const gids = await openOrderGids(system);
    if (gids.length === 0) throw new Error('the initial sync left no open sales order to change');
    await system.realisticNetwork();
    await system.dataverseSim('reset', 'POST');
    const since = new Date();
    const shopifyBefore = { ...system.shopifyMeter };

    // Action: the changes, then waiting until each is in the CRM, or the worker has had nothing to do for 10 s.
    const made = await makeChanges(system, gids, size.seconds);
    const measured = await measureUntilIdle(system, made.changes, since);
    await system.drained(120_000, 2_000);
    const changed = await system.dataverseTotals();
    const [reads] = await system.client.sql<{ api: number; delivery: number }[]>`
      select count(*) filter (where request ->> 'orderFrom' = 'admin-api')::int as api,
        count(*) filter (where request ->> 'orderFrom' = 'delivery')::int as delivery
      from sync_attempts where entity = 'order' and started_at >= ${since.toISOString()}::timestamptz`;
    const shopifyCost = system.shopifyMeter.costPoints - shopifyBefore.costPoints;
    const shopifyRequests = system.shopifyMeter.requests - shopifyBefore.requests;
    const [work] = await system.client.sql<{ syncs: number; meanMs: number | null; spanMs: number | null }[]>`
      select count(*)::int as syncs, avg(duration_ms)::float8 as "meanMs",
        (extract(epoch from max(finished_at) - min(started_at)) * 1000)::float8 as "spanMs"
      from sync_attempts
      where entity = 'order' and started_at >= ${since.toISOString()}::timestamptz`;

    // Action: deliveries for orders that did not change.
    await system.dataverseSim('reset', 'POST');
    const replayedSince = new Date();
    const replay = await replayUnchanged(system, size.replays);
    await until(
      async () => {
        const [row] = await system.client.sql<{ waiting: number }[]>`
          select count(*)::int as waiting from webhook_deliveries
          where received_at >= ${replayedSince.toISOString()}::timestamptz and processed_at is null`;
        return row?.waiting === 0 ? true : undefined;
      },
      'the replayed deliveries to be processed',
      60_000,
    );
    await system.drained(60_000, 3_000);
    const replayed = await system.dataverseTotals();
    const replayAttempts = await system.client.sql<{ outcome: string; count: number }[]>`
      select outcome::text, count(*)::int as count from sync_attempts
      where started_at >= ${replayedSince.toISOString()}::timestamptz and entity = 'order' group by outcome order by outcome`;

    const failures = await system.client.sql<{ code: string | null; message: string | null; count: number }[]>`
      select error_code as code, min(error_message) as message, count(*)::int as count from sync_attempts
      where outcome = 'failed' group by error_code order by count desc limit 5`;

    const latencies = measured.latenciesMs;
    const figures: Figure[] = [];
    if (latencies.length > 0) {
      figures.push(
        { label: 'webhook-to-CRM latency p50', value: percentile(latencies, 50), unit: 'ms' },
        {
          label: 'webhook-to-CRM latency p95',
          value: percentile(latencies, 95),
          unit: 'ms',
          target: { max: 2_000 },
          note:
            'includes the worker holding each routed sync 0.5 s (FOLD_SECONDS) to fold a burst into one sync, and ' +
            `its poll for due jobs (every 0.5 s); ${tailParts(measured.parts)}`,
        },
        { label: 'webhook-to-CRM latency p99', value: percentile(latencies, 99), unit: 'ms' },
      );
    }
    figures.push(
      {
        label: 'changes not in the CRM once the worker was idle',
        value: measured.unwritten.length,
        unit: 'changes',
        target: { max: 0 },
      },
      {
        label: 'Dataverse requests per changed order',
        value: changed.requests / Math.max(1, made.changes.length),
        unit: 'requests',
        target: { max: 1.1 },
        note:
          `${changed.requests} requests (${changed.operations} operations: ${JSON.stringify(changed.operationsByKind)}) ` +
          `for ${made.changes.length} changes, the minute's delta polls included`,
      },
      {
        label: 'Shopify cost points per changed order',
        value: shopifyCost / Math.max(1, made.changes.length),
        unit: 'points',
        note:
          `${shopifyCost} points in ${shopifyRequests} Admin API requests, the minute's delta polls included. ` +
          `${reads?.delivery ?? 0} order syncs took the order from its delivery; ${reads?.api ?? 0} read it from the ` +
          'API: those of the polls, and those of orders with a refund, whose body does not give the amount refunded ' +
          'in both currencies',
      },
      {
        label: 'order syncs per second (worker)',
        value: work && work.spanMs ? (work.syncs * 1000) / work.spanMs : 0,
        unit: 'syncs/s',
        note:
          `${work?.syncs ?? 0} order syncs, ${(work?.meanMs ?? 0).toFixed(0)} ms each on average, ` +
          `${WORKER_CONCURRENCY} at a time (the worker's default concurrency)`,
      },
      {
        label: 'Dataverse 429s while changing',
        value: changed.throttled.requests + changed.throttled.executionTime + changed.throttled.concurrency,
        unit: '429s',
      },
      {
        label: 'CRM writes for unchanged records',
        value: crmWrites(replayed),
        unit: 'writes',
        target: { max: 0 },
        note: `${replay.acknowledged} of ${replay.sent} deliveries for unchanged orders acknowledged; ${replayed.requests} Dataverse requests (reads) they caused`,
      },
      { label: 'peak worker RSS', value: system.worker.peakRssBytes() / 1024 / 1024, unit: 'MB' },
    );
    const orderCount = new Set(made.changes.map((change) => change.gid)).size;
    return {
      id: 'steady-state',
      title:
        `${made.changes.length} order changes (tags) at ${CHANGES_PER_SECOND}/s for ${size.seconds} s over ` +
        `${orderCount} open orders of ${size.orders}, as signed webhooks; then ${replay.sent} deliveries for unchanged orders`,
      figures,
      notes: [
        'Real parts: embedded PostgreSQL with our migrations; the Shopify simulator (us shop, Plus preset) sending ' +
          'signed webhooks from its dispatcher; the intake handler apps/web/src/server/webhooks/intake.ts on a bare ' +
          'node:http server (not the Next app); the worker as apps/worker/src/main.ts runs it (crontab included: a ' +
          'delta poll each minute), in a child process.',
        `Network: ${NETWORK_LATENCY.minMs}-${NETWORK_LATENCY.maxMs} ms uniform on Dataverse (its fault injection, ` +
          'executionDelayFactor 1, default limits) and, through a node:http latency proxy, on the sync’s Shopify ' +
          'Admin API calls and on the webhook deliveries (the Shopify simulator has no latency setting). The initial ' +
          'sync ran before the latency was switched on.',
        'Latency: from sending the orderUpdate to the finished_at of the first order sync attempt (outcome updated) ' +
          'of that order that started after it, or failing that of one that was running when the change was made ' +
          `(${measured.straddled} changes).`,
        `Sending took ${made.sendSeconds.toFixed(1)} s for ${size.seconds} s of changes; ${made.refused.length} ` +
          `changes refused by the simulator${made.refused.length > 0 ? ` (first: ${made.refused[0]})` : ''}.`,
        ...measured.unwritten
          .slice(0, 3)
          .map((change) => `Not written: ${change.gid} changed at ${new Date(change.at).toISOString()}.`),
        ...failures.map(
          (row) => `Failed sync attempts: ${row.count} × ${row.code ?? 'no code'}: ${row.message ?? 'no message'}`,
        ),
        `Order sync attempts caused by the deliveries for unchanged orders: ${
          replayAttempts.map((row) => `${row.outcome} ${row.count}`).join(', ') || 'none'
        }.`,
      ],
    };
  } finally {
    await system.stop();
  }
}

export const scenario: Scenario = { id: 'steady-state', run };

/**
 * Where the slowest 5 % of changes spent their time: before their sync started (delivery, fold, queue, the record's
 * lock) or in the sync itself, as medians.
 */
function tailParts(parts: readonly { waitMs: number; syncMs: number }[]): string {
  const slowest = [...parts].sort((a, b) => b.waitMs + b.syncMs - (a.waitMs + a.syncMs));
  const tail = slowest.slice(0, Math.max(1, Math.ceil(parts.length / 20)));
  const median = (values: number[]) => percentile(values, 50);
  return (
    `the slowest 5 % (${tail.length} changes) waited a median ${median(tail.map((part) => part.waitMs)).toFixed(0)} ms ` +
    `before their sync started and synced in ${median(tail.map((part) => part.syncMs)).toFixed(0)} ms`
  );
}
