import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { addJob, backfillProgress, type BackfillWithProgress, listBackfills, startBackfill } from '@shopverse/db';
import { type TestDatabase, useTestDatabase } from '@shopverse/db/testing';
import {
  BULK_QUERIES,
  readCustomers,
  readOrders,
  startBulkQuery,
  systemClock,
  waitForBulkOperation,
} from '@shopverse/shopify';
import type { ShopifyCustomer, ShopifyOrder } from '@shopverse/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until } from './sync-harness';

/**
 * Backfills through bulk operations (issue 8), end to end over the simulators: one in-process worker; worker
 * processes SIGKILLed at seeded random moments and restarted; three worker processes at once. Each scenario has its
 * own database and sandbox; the demo data is the same by seed, so their CRM states compare row for row.
 */

const DEMO = { customers: 30, orders: 60 };
/** The delta poll off, as while a store is set up: its first run reconciles everything, which is the backfill's job. */
const SETTINGS = { pipeline: { pollEnabled: false } };
const REPO = join(import.meta.dirname, '..', '..');
const TABLES = ['contacts', 'salesorders', 'salesorderdetails'] as const;
type Table = (typeof TABLES)[number];
type Row = Record<string, unknown>;

/** The CRM rows of our tables, all columns. */
async function crmRows(harness: SyncHarness): Promise<Record<Table, Row[]>> {
  const result = {} as Record<Table, Row[]>;
  for (const table of TABLES) {
    const rows: Row[] = [];
    for await (const page of harness.dataverse.query<Row>(table)) rows.push(...page);
    result[table] = rows;
  }
  return result;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The rows without what differs between two runs of the same data: row ids and lookups (GUIDs), timestamps (the
 * demo shop stamps records with the time it was loaded), Dataverse's row versions and order numbers, annotations
 * and correlation ids; lookups to our rows become those rows' keys; sorted by our key.
 *
 * `sharedWithGuests`: contacts a guest checkout's order also matched by email. Their name and address are whichever
 * of the customer and the guest order synced last (conflict policy newestWins, decided in job order, not by Shopify's
 * timestamps), so they legitimately differ with the jobs' interleaving: only their key and email are compared.
 */
function canonical(rows: Record<Table, Row[]>, sharedWithGuests: Set<string>): Record<Table, Row[]> {
  // A lookup to one of our rows is compared by that row's key (the sales order's contact, the line's order).
  const keyById = new Map<unknown, unknown>(
    TABLES.flatMap((table) =>
      rows[table].map((row): [unknown, unknown] => [row[`${table.slice(0, -1)}id`], row.sv_shopifyid]),
    ),
  );
  const clean = (row: Row): Row =>
    Object.fromEntries(
      Object.entries(row)
        // A lookup's annotations echo the other row's name, which `sharedWithGuests` explains.
        .filter(([column]) => !column.includes('@') && !column.endsWith('lastcorrelationid'))
        // Row versions and order numbers are Dataverse's own, assigned as rows are written.
        .filter(([column]) => column !== 'versionnumber' && column !== 'ordernumber')
        .map(([column, value]): [string, unknown] => [column, keyById.get(value) ?? value])
        .filter(([, value]) => !(typeof value === 'string' && (GUID.test(value) || INSTANT.test(value))))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const key = (row: Row) => (typeof row.sv_shopifyid === 'string' ? row.sv_shopifyid : '');
  const shared = (row: Row) => ({ sv_shopifyid: row.sv_shopifyid, emailaddress1: row.emailaddress1 });
  return Object.fromEntries(
    TABLES.map((table) => [
      table,
      rows[table]
        .map((row) => (table === 'contacts' && sharedWithGuests.has(key(row)) ? shared(row) : clean(row)))
        .sort((a, b) => key(a).localeCompare(key(b))),
    ]),
  ) as Record<Table, Row[]>;
}

/** Keys of the contacts both a customer and a guest checkout are linked to. */
async function sharedWithGuests(database: () => TestDatabase): Promise<Set<string>> {
  const rows = await database().sql<{ shopify_gid: string }[]>`
    select customer.shopify_gid from entity_links customer
    join entity_links guest on guest.crm_id = customer.crm_id and guest.shopify_type = 'guest_checkout'
    where customer.shopify_type = 'customer'`;
  return new Set(rows.map((row) => legacy(row.shopify_gid)));
}

/** Our keys of one table, each once, with the keys seen more than once. */
function keysOf(rows: Row[]): { keys: Set<string>; duplicates: string[] } {
  const keys = new Set<string>();
  const duplicates: string[] = [];
  for (const row of rows) {
    const key = typeof row.sv_shopifyid === 'string' ? row.sv_shopifyid : '(no key)';
    if (keys.has(key)) duplicates.push(key);
    keys.add(key);
  }
  return { keys, duplicates };
}

const legacy = (gid: string) => `us_${/\d+$/.exec(gid)?.[0] ?? gid}`;

/** What Shopify holds: the keys each CRM table must have, exactly once. */
async function shopifyKeys(harness: SyncHarness) {
  const customers: ShopifyCustomer[] = [];
  for await (const page of readCustomers(harness.shopify)) customers.push(...page);
  const orders: ShopifyOrder[] = [];
  for await (const page of readOrders(harness.shopify)) orders.push(...page);
  return {
    contacts: new Set(customers.map((customer) => legacy(customer.gid))),
    salesorders: new Set(orders.map((order) => legacy(order.gid))),
    salesorderdetails: new Set(
      // Lines removed or refunded to nothing are not written (map-order).
      orders.flatMap((order) =>
        order.lineItems.filter((item) => item.currentQuantity > 0).map((item) => legacy(item.gid)),
      ),
    ),
  };
}

/** Asserts one CRM row per Shopify record: contacts of every customer, every order and every line, none twice. */
async function expectExactlyShopify(harness: SyncHarness, rows: Record<Table, Row[]>) {
  const expected = await shopifyKeys(harness);
  for (const table of TABLES) {
    const { keys, duplicates } = keysOf(rows[table]);
    expect(duplicates, `${table} written twice`).toEqual([]);
    const missing = [...expected[table]].filter((key) => !keys.has(key));
    expect(missing, `${table} missing`).toEqual([]);
  }
  // Sales orders come only from orders: exactly Shopify's (contacts may also come from guest buyers). Lines are the
  // order's line items, plus rows the mapping derives from an order (shipping tax), keyed under the order's key.
  expect(keysOf(rows.salesorders).keys).toEqual(expected.salesorders);
  const strays = [...keysOf(rows.salesorderdetails).keys].filter(
    (key) => !expected.salesorderdetails.has(key) && !expected.salesorders.has(key.replace(/_[a-z]+\d*$/, '')),
  );
  expect(strays, 'lines of no Shopify line item or order').toEqual([]);
}

/** Waits until the backfills finished and no sync job is left (a poll or a dependency may have added some). */
async function untilDone(database: () => TestDatabase, ids: string[], timeoutMs: number) {
  const { db, sql } = database();
  return until(
    async () => {
      const all: BackfillWithProgress[] = [];
      for (const id of ids) {
        const backfill = await backfillProgress(db, id);
        if (backfill?.status === 'failed') throw new Error(`backfill failed: ${backfill.errorMessage}`);
        if (backfill?.status !== 'completed') return undefined;
        all.push(backfill);
      }
      const [left] = await sql<{ count: number }[]>`
        select count(*)::int as count from graphile_worker.jobs
        where task_identifier like 'shopify_%' and attempts < max_attempts`;
      return left?.count === 0 ? all : undefined;
    },
    `backfills ${ids.join(', ')}`,
    timeoutMs,
  );
}

/**
 * Backfills customers, then orders, each to its end. In turn, not at once: a guest order whose email is a customer's
 * would otherwise create the contact under the guest's key or the customer's, depending on which sync ran first.
 */
async function backfillInTurn(database: () => TestDatabase, storeId: string): Promise<BackfillWithProgress[]> {
  const { sql } = database();
  const done: BackfillWithProgress[] = [];
  for (const entity of ['customer', 'order'] as const) {
    const backfill = await startBackfill(sql, { storeId, entity, requestedBy: 'test' });
    done.push(...(await untilDone(database, [backfill.id], 90_000)));
  }
  return done;
}

/** Mulberry32: the crash test's kill times, the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A worker process as operators run it (`apps/worker/src/main.ts`), on the scenario's database. */
function workerProcess(database: () => TestDatabase, harness: SyncHarness): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      DATABASE_URL: database().url,
      SHOPVERSE_SECRET_KEY: harness.secretKey,
      WORKER_CONCURRENCY: '4',
      WORKER_HEARTBEAT_SECONDS: '1',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/** Resolves once the process recorded its heartbeat (its graphile-worker ids with it). */
async function beating(database: () => TestDatabase, child: ChildProcess) {
  const { sql } = database();
  await until(
    async () =>
      (
        await sql`select 1 from worker_heartbeats where pid = ${child.pid ?? -1} and cardinality(graphile_worker_ids) > 0`
      ).length > 0
        ? true
        : undefined,
    `worker process ${child.pid} to beat`,
    30_000,
  );
}

async function stopGracefully(children: ChildProcess[]) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** The single in-process worker's CRM state, which the other scenarios must reproduce. */
let reference: { rows: Record<Table, Row[]>; shared: Set<string> } | undefined;

describe('backfill with one in-process worker', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: SETTINGS, demo: DEMO });
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
  });

  it('writes one CRM row per record, reports done == total, and a second backfill queues and writes nothing', async () => {
    // Action
    const first = await backfillInTurn(database, harness.storeId);

    // Assertions
    const rows = await crmRows(harness);
    await expectExactlyShopify(harness, rows);
    const inShopify = await shopifyKeys(harness);
    for (const backfill of first) {
      const records = backfill.entity === 'order' ? inShopify.salesorders : inShopify.contacts;
      expect(backfill.progress.total, backfill.entity).toBe(records.size);
      expect(backfill.progress.done, backfill.entity).toBe(backfill.progress.total);
      expect(backfill.progress.pending).toBe(0);
      expect(backfill.finishedAt).not.toBeNull();
    }
    const shared = await sharedWithGuests(database);
    reference = { rows, shared };

    // Action: the same backfills again.
    await harness.sim('reset', 'POST');
    const second = await backfillInTurn(database, harness.storeId);

    // Assertions: every record skipped at ingest, no CRM write.
    for (const backfill of second) {
      expect(backfill.progress).toMatchObject({ queued: 0, skipped: backfill.progress.total, pending: 0 });
      expect(backfill.progress.done).toBe(backfill.progress.total);
    }
    const stats = await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
    const writes = Object.entries(stats.totals.operationsByKind).filter(
      ([kind, count]) => !/read|query/i.test(kind) && count > 0,
    );
    expect(writes).toEqual([]);
    expect(canonical(await crmRows(harness), shared)).toEqual(canonical(rows, shared));
  }, 150_000);

  it('resumes an ingest after the lines it had committed, without queuing them again', async () => {
    // Setup: a bulk file of every order, and an order backfill stopped after committing its first 20 lines (all
    // skipped: the first test synced every order).
    const { sql } = database();
    const operationId = await startBulkQuery(harness.shopify, BULK_QUERIES.order);
    const operation = await waitForBulkOperation(harness.shopify, operationId, { clock: systemClock, intervalMs: 200 });
    const total = Number(operation.objectCount);
    const [row] = await sql<{ id: string }[]>`
      insert into backfills (store_id, entity, status, bulk_operation_id, result_url, total_records, lines_read,
        records_skipped, correlation_id, requested_by, bulk_completed_at)
      values (${harness.storeId}, 'order', 'ingesting', ${operationId}, ${operation.url ?? null}, ${total}, 20, 20,
        ${randomUUID()}, 'test', now())
      returning id`;
    const id = row?.id ?? '';
    await addJob(sql, 'bulk_result__ingest', { backfillId: id });

    // Action
    const [done] = await untilDone(database, [id], 60_000);

    // Assertions: the lines after the 20th were read once each (skipped: synced already); the first 20 not again.
    expect(total).toBeGreaterThan(20);
    expect(done?.linesRead).toBe(total);
    expect(done?.progress).toMatchObject({ total, queued: 0, skipped: total, pending: 0, done: total });
  });

  it('refuses a second active backfill of the same entity, naming the store and the entity', async () => {
    // Setup
    const { sql } = database();
    await startBackfill(sql, { storeId: harness.storeId, entity: 'company', requestedBy: 'test' });

    // Action
    const second = startBackfill(sql, { storeId: harness.storeId, entity: 'company', requestedBy: 'test' });

    // Assertions
    await expect(second).rejects.toThrow(/Store Demo US already has a company backfill in progress/);
    const listed = await listBackfills(database().db, { storeId: harness.storeId, limit: 3 });
    expect(listed.map((backfill) => backfill.entity)).toEqual(['company', 'order', 'order']);
    expect(listed.map((backfill) => backfill.status).slice(1)).toEqual(['completed', 'completed']);
    expect(listed[1]?.progress.done).toBe(listed[1]?.progress.total);
  });
});

describe('backfill with worker processes killed at random and restarted', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: SETTINGS, demo: DEMO, worker: false });
  }, 120_000);
  afterAll(async () => {
    await stopGracefully(children);
    await harness?.stop();
  });

  it('ends with exactly the expected rows: none missing, none twice', async () => {
    // Setup: a worker up first (it installs graphile-worker's schema).
    const random = seeded(8);
    let child = workerProcess(database, harness);
    children.push(child);
    await beating(database, child);
    let finished = false;

    // Action: the backfills run while the worker is SIGKILLed 1 to 3 s after each start, and restarted.
    const backfills = backfillInTurn(database, harness.storeId).finally(() => {
      finished = true;
    });
    let kills = 0;
    for (; kills < 5 && !finished; kills += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000 + random() * 2000));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      child = workerProcess(database, harness);
      children.push(child);
      await beating(database, child);
    }
    const done = await backfills;

    // Assertions
    expect(kills).toBeGreaterThan(0);
    for (const backfill of done) expect(backfill.progress.done).toBe(backfill.progress.total);
    const rows = await crmRows(harness);
    await expectExactlyShopify(harness, rows);
    if (!reference) throw new Error('the single-worker scenario gives the reference; it did not finish');
    const shared = await sharedWithGuests(database);
    expect(shared).toEqual(reference.shared);
    expect(canonical(rows, shared)).toEqual(canonical(reference.rows, shared));
  }, 180_000);
});

describe('backfill with three worker processes at once', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: SETTINGS, demo: DEMO, worker: false });
  }, 120_000);
  afterAll(async () => {
    await stopGracefully(children);
    await harness?.stop();
  });

  it('gives the same CRM state as one worker', async () => {
    // Setup
    for (let index = 0; index < 3; index += 1) children.push(workerProcess(database, harness));
    await Promise.all(children.map((child) => beating(database, child)));

    // Action
    await backfillInTurn(database, harness.storeId);

    // Assertions
    const rows = await crmRows(harness);
    await expectExactlyShopify(harness, rows);
    if (!reference) throw new Error('the single-worker scenario gives the reference; it did not finish');
    const shared = await sharedWithGuests(database);
    expect(shared).toEqual(reference.shared);
    expect(canonical(rows, shared)).toEqual(canonical(reference.rows, shared));
  }, 150_000);
});
