import { Agent, createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDbClient, type DbClient } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { ensureWebhookSubscriptions } from '@shopverse/shopify';
import { receiveShopifyWebhook } from '@shopverse/web/webhook-intake';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until } from './sync-harness';

/** Shopify gives up on a delivery that is not answered within 5 s (reference/SHOPIFY.md, "Webhooks"). */
const SHOPIFY_TIMEOUT_MS = 5_000;
const UNIQUE_EVENTS = 1_600;
const REPEATS = 400;

interface Captured {
  headers: Record<string, string>;
  body: string;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/**
 * Posts one delivery as Shopify does and reads the answer. Shopify's 5 s start when the request is sent, so the clock
 * starts when the request has its connection, not while it waits for one in this client.
 */
function post(agent: Agent, url: string, delivery: Captured): Promise<{ status: number; outcome: string }> {
  return new Promise((resolve) => {
    const request = httpRequest(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', ...delivery.headers },
    });
    request.once('socket', () => request.setTimeout(SHOPIFY_TIMEOUT_MS, () => request.destroy(new Error('timeout'))));
    request.once('error', (error) => resolve({ status: 0, outcome: error.message }));
    request.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, outcome: (JSON.parse(text) as { outcome: string }).outcome });
        } catch {
          resolve({ status: response.statusCode ?? 0, outcome: text });
        }
      });
    });
    request.end(delivery.body);
  });
}

/** A seeded shuffle, so a failing order of arrivals can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

describe('webhook intake under a burst, with the worker stopped', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let web: DbClient;
  const servers: Server[] = [];
  const captured: Captured[] = [];
  let intakeUrl = '';

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 12, orders: 20 }, worker: false });
    // The intake as the web app runs it: its own pool of 5 connections, behind real HTTP.
    web = createDbClient(database().url, { max: 5, applicationName: 'shopverse-web' });
    const intake = createServer((request, response) => {
      void readBody(request).then(async (rawBody) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        const answer = await receiveShopifyWebhook({
          client: web,
          box: harness.box,
          headers,
          rawBody,
          now: new Date(),
        });
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ outcome: answer.outcome }));
      });
    });
    servers.push(intake);
    // Shopify's own deliveries are captured here, to be sent again in a burst with their real bodies and signatures.
    const capture = createServer((request, response) => {
      void readBody(request).then((body) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string' && name.startsWith('x-shopify-')) headers[name] = value;
        }
        captured.push({ headers, body: body.toString('utf8') });
        response.writeHead(200).end();
      });
    });
    servers.push(capture);
    intakeUrl = await listen(intake);
    await ensureWebhookSubscriptions(harness.shopify, await listen(capture));
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await web?.close();
    await harness?.stop();
  });

  it('stores 2,000 concurrent deliveries exactly once, acknowledges all, and syncs them all once a worker starts', async () => {
    // Setup: a change to every customer and every order in the simulated shop, delivered to the capture endpoint.
    const customers = await harness.shopify.request<{ customers: { nodes: { id: string }[] } }>(
      `{ customers(first: 250) { nodes { id } } }`,
    );
    const orders = await harness.shopify.request<{ orders: { nodes: { id: string }[] } }>(
      `{ orders(first: 250) { nodes { id } } }`,
    );
    for (const [index, customer] of customers.customers.nodes.entries()) {
      const result = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
        `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
        { variables: { input: { id: customer.id, firstName: `Burst${index}` } } },
      );
      expect(result.customerUpdate.userErrors).toEqual([]);
    }
    for (const order of orders.orders.nodes) {
      const result = await harness.shopify.request<{ orderUpdate: { userErrors: unknown[] } }>(
        `mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { field message } } }`,
        { variables: { input: { id: order.id, tags: ['burst'] } } },
      );
      expect(result.orderUpdate.userErrors).toEqual([]);
    }
    const changes = customers.customers.nodes.length + orders.orders.nodes.length;
    await until(
      () => Promise.resolve(captured.length >= changes ? true : undefined),
      'the shop to deliver its webhooks',
    );
    // Each captured body stands for several events (a new event id each), and some events arrive twice, as Shopify's
    // at-least-once delivery sends them.
    const unique = Array.from({ length: UNIQUE_EVENTS }, (_, index) => {
      const base = captured[index % captured.length] as Captured;
      const eventId = `${base.headers['x-shopify-event-id'] ?? 'event'}-${index}`;
      return { body: base.body, headers: { ...base.headers, 'x-shopify-event-id': eventId } };
    });
    const repeats = Array.from({ length: REPEATS }, (_, index) => unique[(index * 7) % UNIQUE_EVENTS] as Captured);
    const burst = shuffled([...unique, ...repeats], 2026);

    // Action: all at once, over as many connections as Shopify would open, each answer awaited with Shopify's 5 s
    // patience from the moment its request is on the wire.
    const agent = new Agent({ keepAlive: true, maxSockets: 200 });
    const answers = await Promise.all(
      burst.map((delivery) => post(agent, `${intakeUrl}/api/webhooks/shopify`, delivery)),
    );
    agent.destroy();

    // Assertions: every delivery acknowledged; each event stored once, with one job each, and nothing run yet.
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.filter((answer) => answer.outcome === 'stored')).toHaveLength(UNIQUE_EVENTS);
    expect(answers.filter((answer) => answer.outcome === 'duplicate')).toHaveLength(REPEATS);
    const { sql } = database();
    const [stored] = await sql<{ rows: number; events: number; processed: number }[]>`
      select count(*)::int as rows, count(distinct event_id)::int as events,
             count(processed_at)::int as processed
      from webhook_deliveries`;
    expect(stored).toEqual({ rows: UNIQUE_EVENTS, events: UNIQUE_EVENTS, processed: 0 });
    const [queued] = await sql<{ jobs: number }[]>`
      select count(*)::int as jobs from graphile_worker.jobs where task_identifier = 'shopify_delivery__process'`;
    expect(queued?.jobs).toBe(UNIQUE_EVENTS);

    // Action: the worker starts and works through the backlog.
    await harness.startWorker();
    await until(
      async () => {
        const [left] = await sql<{ unprocessed: number; jobs: number }[]>`
          select (select count(*)::int from webhook_deliveries where processed_at is null) as unprocessed,
                 (select count(*)::int from graphile_worker.jobs) as jobs`;
        return left?.unprocessed === 0 && left.jobs === 0 ? true : undefined;
      },
      'the backlog to be worked through',
      240_000,
    );

    // Assertions: every record reached the CRM once, with Shopify's latest values, and nothing failed.
    const links = await sql<{ shopify_gid: string; crm_id: string }[]>`
      select shopify_gid, crm_id::text from entity_links where shopify_type in ('customer', 'order')`;
    const linked = new Set(links.map((link) => link.shopify_gid));
    for (const node of [...customers.customers.nodes, ...orders.orders.nodes]) expect(linked).toContain(node.id);
    const failed =
      await sql`select error_code, error_message from sync_attempts where outcome in ('failed', 'retrying')`;
    expect(failed).toEqual([]);
    const contacts = await harness.dataverse.request({
      method: 'GET',
      path: 'contacts?$select=sv_shopifyid&$filter=sv_shopifyid ne null',
      idempotent: true,
    });
    const contactKeys = (contacts.body as { value: { sv_shopifyid: string }[] }).value.map((row) => row.sv_shopifyid);
    // No key twice, and one contact per customer (guest checkouts add contacts of their own, keyed by email).
    expect(new Set(contactKeys).size).toBe(contactKeys.length);
    const customerContacts = links.filter((link) => link.shopify_gid.includes('/Customer/')).map((link) => link.crm_id);
    expect(new Set(customerContacts).size).toBe(customers.customers.nodes.length);
    // Shopify's latest names reached the contacts, also those a guest checkout of the same buyer created first.
    for (const [index, customer] of customers.customers.nodes.entries()) {
      const link = links.find((row) => row.shopify_gid === customer.id);
      if (!link) throw new Error(`${customer.id} is not linked`);
      const contact = await harness.dataverse.request({
        method: 'GET',
        path: `contacts(${link.crm_id})?$select=firstname`,
        idempotent: true,
      });
      expect((contact.body as { firstname: string }).firstname).toBe(`Burst${index}`);
    }
    const keys = await harness.dataverse.request({
      method: 'GET',
      path: 'salesorders?$select=sv_shopifyid',
      idempotent: true,
    });
    const orderKeys = (keys.body as { value: { sv_shopifyid: string }[] }).value.map((row) => row.sv_shopifyid);
    expect(new Set(orderKeys).size).toBe(orderKeys.length);
    expect(orderKeys).toHaveLength(orders.orders.nodes.length);
  }, 420_000);
});
