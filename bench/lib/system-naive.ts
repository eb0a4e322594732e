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

/**
 * The naive strategy for issue 10's ratio: the same shop's orders, synced one request per lookup and per row into a
 * fresh org (a second sandbox's Dataverse, provisioned, with the same latency, execution-time model and limits), by
 * `parallel` flows at once, for `seconds`. The orders are read from Shopify before the clock starts.
 */
export async function runNaiveSync(
  system: BenchSystem,
  options: { seconds: number; parallel: number },
): Promise<NaiveResult> {
  const wanted = options.seconds * options.parallel * 10;
  const orders: ShopifyOrder[] = [];
  for await (const page of readOrders(system.merchant)) {
    orders.push(...page);
    if (orders.length >= wanted) break;
  }
  const dir = mkdtempSync(join(tmpdir(), 'shopverse-bench-naive-'));
  const sandbox = await startSandbox({
    dataDir: dir,
    webUrl: 'http://127.0.0.1:9',
    ports: { shopify: 0, dataverse: 0, entra: 0 },
    demo: { customers: 1, orders: 1 },
  });
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
    const sim = async (path: string, body?: unknown) => {
      const response = await fetch(`${settings.url}/_sim/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return response.json() as Promise<{
        totals: { requests: number; throttled: Record<string, number> };
      }>;
    };
    const levels = await client.request({ method: 'GET', path: 'pricelevels?$select=pricelevelid', idempotent: true });
    const priceLevelId = (levels.body as { value: { pricelevelid: string }[] }).value[0]?.pricelevelid;
    if (!priceLevelId) throw new Error('the fresh org has no price list');
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
    const stats = await sim('stats');
    const throttled = Object.values(stats.totals.throttled).reduce((sum, count) => sum + count, 0);
    return {
      orders: done,
      seconds,
      ordersPerSecond: done / seconds,
      requests: stats.totals.requests,
      throttled,
      note:
        `Naive strategy: ${options.parallel} flows at once, each order as lookup contact by email, create it if ` +
        'missing, lookup the order, create it, one create per line (no batching), for ' +
        `${options.seconds} s on a fresh org with the same limits, latency and execution-time model` +
        `${orders.length <= done ? `; it ran out of the ${orders.length} orders read` : ''}.`,
    };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
