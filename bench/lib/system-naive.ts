import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCredentialsToken, DataverseClient, provision } from '@shopverse/dataverse';
import { startSandbox } from '@shopverse/sandbox';
import { readOrders } from '@shopverse/shopify';
import type { ShopifyOrder } from '@shopverse/sync-core';
import { type BenchSystem, NETWORK_LATENCY } from './system-harness';

export interface NaiveResult {
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  requests: number;
  /** Dataverse's modelled execution time of the naive run's operations (`/_sim/stats`). */
  executionTimeMs: number;
  throttled: number;
  note: string;
}

/** OData string literal: a quote is doubled. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

function entityId(headers: Headers): string {
  const url = headers.get('OData-EntityId') ?? '';
  const id = /\(([0-9a-f-]{36})\)$/.exec(url)?.[1];
  if (!id) throw new Error(`a create answered without an entity id (${url || 'no OData-EntityId'})`);
  return id;
}

/**
 * One order as a workflow tool syncs it: look the contact up by email, create it if missing, look the order up by
 * its Shopify id, create it, then one create per line. One request per lookup and per row, no batching, no links.
 */
async function syncNaively(client: DataverseClient, order: ShopifyOrder, priceLevelId: string): Promise<void> {
  const email = order.email ?? `guest-${order.legacyId}@naive.test`;
  const contacts = await client.request({
    method: 'GET',
    path: `contacts?$select=contactid&$filter=emailaddress1 eq ${literal(email)}`,
    idempotent: true,
  });
  let contactId = (contacts.body as { value: { contactid: string }[] }).value[0]?.contactid;
  if (!contactId) {
    const created = await client.request({
      method: 'POST',
      path: 'contacts',
      body: { lastname: order.billingAddress?.lastName ?? order.name, emailaddress1: email },
      idempotent: false,
    });
    contactId = entityId(created.headers);
  }
  const key = `us_${order.legacyId}`;
  const existing = await client.request({
    method: 'GET',
    path: `salesorders?$select=salesorderid&$filter=sv_shopifyid eq ${literal(key)}`,
    idempotent: true,
  });
  if ((existing.body as { value: unknown[] }).value.length > 0) return;
  const created = await client.request({
    method: 'POST',
    path: 'salesorders',
    body: {
      name: order.name,
      sv_shopifyid: key,
      'customerid_contact@odata.bind': `/contacts(${contactId})`,
      'pricelevelid@odata.bind': `/pricelevels(${priceLevelId})`,
    },
    idempotent: false,
  });
  const orderId = entityId(created.headers);
  for (const line of order.lineItems) {
    await client.request({
      method: 'POST',
      path: 'salesorderdetails',
      body: {
        'salesorderid@odata.bind': `/salesorders(${orderId})`,
        isproductoverridden: true,
        productdescription: line.title.slice(0, 500),
        quantity: line.quantity,
        ispriceoverridden: true,
        priceperunit: Number(line.originalUnitPrice.shop.amount),
      },
      idempotent: false,
    });
  }
}

/** A fresh org for the naive strategy: a second sandbox's Dataverse, provisioned, its price list found. */
export interface NaiveOrg {
  client: DataverseClient;
  priceLevelId: string;
  sim: <T>(path: string, body?: unknown) => Promise<T>;
  stop(): Promise<void>;
}

interface SimTotals {
  totals: { requests: number; executionTimeMs: number; throttled: Record<string, number> };
}

/**
 * Starts and provisions the naive strategy's org. Separate from the run, so a scenario can prepare it while its own
 * system starts (the provisioning takes seconds) instead of after its measured window.
 */
export async function startNaiveOrg(): Promise<NaiveOrg> {
  const dir = mkdtempSync(join(tmpdir(), 'shopverse-bench-naive-'));
  const sandbox = await startSandbox({
    dataDir: dir,
    webUrl: 'http://127.0.0.1:9',
    ports: { shopify: 0, dataverse: 0, entra: 0 },
    demo: { customers: 1, orders: 1 },
    shops: ['us'],
  });
  const stop = async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const settings = sandbox.details.dataverse;
    const client = new DataverseClient({
      orgUrl: settings.url,
      tokens: clientCredentialsToken({
        authority: settings.authority,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        orgUrl: settings.url,
      }),
    });
    await provision(client, { pollMs: 20 });
    const sim = async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${settings.url}/_sim/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return response.json() as Promise<T>;
    };
    const levels = await client.request({ method: 'GET', path: 'pricelevels?$select=pricelevelid', idempotent: true });
    const priceLevelId = (levels.body as { value: { pricelevelid: string }[] }).value[0]?.pricelevelid;
    if (!priceLevelId) throw new Error('the fresh org has no price list');
    return { client, priceLevelId, sim, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The naive strategy for issue 10's ratio: the same shop's orders, synced one request per lookup and per row into a
 * fresh org (`startNaiveOrg`, with the same latency, execution-time model and limits), by `parallel` flows at once,
 * for `seconds`. The orders are read from Shopify before the clock starts.
 */
export async function runNaiveSync(
  system: BenchSystem,
  org: NaiveOrg,
  options: { seconds: number; parallel: number },
): Promise<NaiveResult> {
  // Shopify's reader takes one order per page (~30 ms each here): twice what the flows did in past runs (~1.3 orders
  // per flow per second) is read, and the note says so if the flows run out.
  const wanted = options.seconds * options.parallel * 2;
  const orders: ShopifyOrder[] = [];
  for await (const page of readOrders(system.merchant)) {
    orders.push(...page);
    if (orders.length >= wanted) break;
  }
  const { client, priceLevelId, sim } = org;
  await sim('faults', { latency: { kind: 'uniform', ...NETWORK_LATENCY }, executionDelayFactor: 1 });
  await sim('reset', {});

  const started = performance.now();
  const stopAt = started + options.seconds * 1000;
  let next = 0;
  let done = 0;
  const flow = async () => {
    while (performance.now() < stopAt) {
      const order = orders[next++];
      if (!order) return;
      await syncNaively(client, order, priceLevelId);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, flow));
  const seconds = (performance.now() - started) / 1000;
  const stats = await sim<SimTotals>('stats');
  const throttled = Object.values(stats.totals.throttled).reduce((sum, count) => sum + count, 0);
  return {
    orders: done,
    seconds,
    ordersPerSecond: done / seconds,
    requests: stats.totals.requests,
    executionTimeMs: stats.totals.executionTimeMs,
    throttled,
    note:
      `Naive strategy: ${options.parallel} flows at once, each order as lookup contact by email, create it if ` +
      'missing, lookup the order, create it, one create per line (no batching), for ' +
      `${options.seconds} s on a fresh org with the same limits, latency and execution-time model` +
      `${orders.length <= done ? `; it ran out of the ${orders.length} orders read` : ''}.`,
  };
}
