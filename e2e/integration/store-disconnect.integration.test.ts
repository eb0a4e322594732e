import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  addJob,
  connectStoreToOrg,
  createDbClient,
  type DbClient,
  disconnectStore,
  generateSecretKey,
  reconnectStore,
  SecretBox,
  storeDelivery,
  upsertCrmOrg,
  upsertStore,
} from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { ensureWebhookSubscriptions } from '@shopverse/shopify';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { receiveShopifyWebhook } from '@shopverse/web/webhook-intake';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until } from './sync-harness';

/**
 * Issue 11: removing a store's connection stops its sync without touching anyone's rows; reconnecting resumes from
 * its cursor without duplicates. The `us` shop syncs into the org, is disconnected through the admin API, changes
 * in the shop (webhooks delivered over HTTP to intake, a poll asked for) reach nothing; after the reconnection its
 * poll brings every change and the new customer, through the same links. A second store seeded in the database,
 * writing to the same org, keeps its links, cursors and connection throughout.
 */

const OVERLAP_SECONDS = 30;

interface Result<T> {
  data?: T | null;
  errors?: readonly { message: string }[];
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

describe('disconnecting and reconnecting a store', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  let harness: SyncHarness;
  let web: DbClient;
  let intake: Server;
  const answers: { status: number; outcome: string; queued?: boolean }[] = [];

  const execute = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const { sql, db } = database();
    const contextValue = {
      sql,
      db,
      secrets: harness.box,
      actor: 'admin@example.com',
      role: 'admin' as const,
      now: new Date(),
      workerStaleSeconds: 60,
    };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const result = response.body.singleResult as Result<T>;
    if (result.errors) throw new Error(result.errors.map((error) => error.message).join('; '));
    return result.data as T;
  };

  const crm = async <T>(path: string): Promise<T[]> => {
    const rows: T[] = [];
    for await (const page of harness.dataverse.query<T>(path)) rows.push(...page);
    return rows;
  };

  /** The shop's ids repeated in the CRM (one row each is the rule). */
  const duplicates = async (table: string) => {
    const rows = await crm<{ sv_shopifyid: string | null }>(`${table}?$select=sv_shopifyid`);
    const seen = new Map<string, number>();
    for (const row of rows) if (row.sv_shopifyid) seen.set(row.sv_shopifyid, (seen.get(row.sv_shopifyid) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1);
  };

  const queueIdle = async () => {
    const { sql } = database();
    await until(
      async () =>
        (await sql`select 1 from graphile_worker.jobs where attempts < max_attempts limit 1`).length === 0
          ? true
          : undefined,
      'an empty queue',
    );
  };

  beforeAll(async () => {
    harness = await startSyncHarness(database, {
      settings: { pipeline: { pollOverlapSeconds: OVERLAP_SECONDS } },
      demo: { customers: 6, orders: 6 },
    });
    // Intake as the web app runs it, on its own pool, behind real HTTP; the shop delivers its webhooks to it.
    web = createDbClient(database().url, { max: 3, applicationName: 'shopverse-web' });
    intake = createServer((request, response) => {
      void readBody(request)
        .then(async (rawBody) => {
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
          answers.push({ status: answer.status, outcome: answer.outcome, queued: answer.queued });
          response.writeHead(answer.status).end();
        })
        .catch((error: unknown) => {
          // As the web app would answer: a 500, which the assertions on the answers then show.
          answers.push({ status: 500, outcome: String(error) });
          response.writeHead(500).end();
        });
    });
    await ensureWebhookSubscriptions(harness.shopify, `${await listen(intake)}/api/webhooks/shopify`);
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => intake?.close(resolve));
    await web?.close();
    await harness?.stop();
  });

  it('stops the sync while disconnected and resumes it from the cursor, through the same links', async () => {
    // Setup: the us store fully synced by its first poll; a second store writing to the same org, with its own
    // links and cursors (seeded: the harness has one shop).
    const { sql, db } = database();
    await harness.syncEach('store__poll', [{}]);
    expect(await sql`select shopify_gid, error_message from sync_attempts where outcome = 'failed'`).toEqual([]);
    const [connection] = await sql<{ org_id: string }[]>`
      select org_id::text from store_connections where store_id = ${harness.storeId}`;
    const orgId = connection?.org_id ?? '';
    const other = await upsertStore(db, harness.box, {
      key: 'eu',
      shopDomain: 'seeded-eu.myshopify.com',
      name: 'Seeded EU',
      apiVersion: '2025-01',
    });
    await connectStoreToOrg(db, other.id, orgId);
    await sql`
      insert into entity_links (store_id, shopify_type, shopify_gid, org_id, crm_table, crm_id, last_correlation_id)
      values (${other.id}, 'customer', 'gid://shopify/Customer/1', ${orgId}, 'contact', gen_random_uuid(),
              gen_random_uuid())`;
    await sql`
      insert into sync_cursors (store_id, entity, cursor_updated_at, cursor_gid)
      values (${other.id}, 'customer', now() - interval '1 hour', 'gid://shopify/Customer/1')`;
    const otherState = () =>
      sql`select 'link' as kind, id::text, crm_id::text as value from entity_links where store_id = ${other.id}
          union all
          select 'cursor', entity, cursor_updated_at::text || coalesce(cursor_gid, '') from sync_cursors
          where store_id = ${other.id}
          union all
          select 'connection', org_id::text, enabled::text from store_connections where store_id = ${other.id}
          order by 1, 2`;
    const otherBefore = await otherState();
    const links = () =>
      sql<{ id: string; shopify_gid: string; crm_id: string }[]>`
        select id::text, shopify_gid, crm_id::text from entity_links where store_id = ${harness.storeId}
        order by shopify_gid`;
    const linksBefore = await links();
    const cursorsBefore = await sql<{ entity: string; at: Date | string }[]>`
      select entity, cursor_updated_at as at from sync_cursors where store_id = ${harness.storeId} order by entity`;
    expect(cursorsBefore.map((row) => row.entity)).toEqual(['customer', 'order']);
    const [customer] = await sql<{ shopify_gid: string }[]>`
      select shopify_gid from entity_links where store_id = ${harness.storeId} and shopify_type = 'customer'
      order by shopify_gid limit 1`;
    // An order still open in the CRM: Dynamics refuses edits to a closed one (a failure of its own, not ours).
    const [open] = await crm<{ sv_shopifyid: string }>(`salesorders?$select=sv_shopifyid&$filter=statecode eq 0`);
    const [order] = await sql<{ shopify_gid: string }[]>`
      select shopify_gid from entity_links where store_id = ${harness.storeId} and shopify_type = 'order'
        and shopify_gid = ${`gid://shopify/Order/${open?.sv_shopifyid.replace(/^us_/, '') ?? ''}`}`;
    expect(order).toBeDefined();
    const customerGid = customer?.shopify_gid ?? '';
    const orderGid = order?.shopify_gid ?? '';
    // A sync waiting in the queue (an hour out), as a webhook's would be at the moment of disconnecting.
    const waitingId = await addJob(
      sql,
      'shopify_customer__sync',
      { storeId: harness.storeId, customerGid, correlationId: crypto.randomUUID(), source: 'manual' },
      { jobKey: `customer:${harness.storeId}:${customerGid}`, delaySeconds: 3600 },
    );
    const [waiting] = await sql<{ created_at: Date }[]>`
      select created_at from graphile_worker._private_jobs where id = ${waitingId}`;

    // Action: disconnect through the admin API.
    const disconnected = await execute<{ disconnectStore: { status: string; orgs: unknown[] } }>(
      `mutation ($storeId: ID!) { disconnectStore(storeId: $storeId, reason: "merchant paused the integration") {
        status orgs { id } } }`,
      { storeId: harness.storeId },
    );

    // Assertions: disconnected; the connection kept but disabled; the waiting job gone; the cursors rewound to before
    // it by the overlap; links as they were; the other store untouched.
    expect(disconnected.disconnectStore).toEqual({ status: 'DISCONNECTED', orgs: [] });
    expect(
      await sql`select enabled from store_connections where store_id = ${harness.storeId} and org_id = ${orgId}`,
    ).toEqual([{ enabled: false }]);
    expect(await sql`select 1 from graphile_worker._private_jobs where id = ${waitingId}`).toEqual([]);
    const waitingAt = new Date(waiting?.created_at ?? 0);
    const horizon = waitingAt.getTime() - OVERLAP_SECONDS * 1000;
    const cursorsAfter = await sql<{ entity: string; at: Date | string }[]>`
      select entity, cursor_updated_at as at from sync_cursors where store_id = ${harness.storeId} order by entity`;
    expect(cursorsAfter.map((row) => [row.entity, new Date(row.at).getTime()])).toEqual(
      cursorsBefore.map((row) => [row.entity, Math.min(new Date(row.at).getTime(), horizon)]),
    );
    expect(await links()).toEqual(linksBefore);
    expect(await otherState()).toEqual(otherBefore);
    const [audit] = await sql<{ details: { reason: string; jobsRemoved: number } }[]>`
      select details from audit_events where action = 'store.disconnect' and target_id = ${harness.storeId}`;
    expect(audit?.details).toMatchObject({ reason: 'merchant paused the integration', jobsRemoved: 1 });

    // Action: while disconnected, a customer renamed, an order tagged and a customer created in the shop, and a poll
    // of the store asked for.
    const renamed = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: customerGid, firstName: 'WhileAway' } } },
    );
    expect(renamed.customerUpdate.userErrors).toEqual([]);
    const tagged = await harness.shopify.request<{ orderUpdate: { userErrors: unknown[] } }>(
      `mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: orderGid, tags: ['while-disconnected'] } } },
    );
    expect(tagged.orderUpdate.userErrors).toEqual([]);
    const created = await harness.shopify.request<{
      customerCreate: { customer: { id: string; legacyResourceId: string } | null; userErrors: unknown[] };
    }>(
      `mutation($input: CustomerInput!) {
        customerCreate(input: $input) { customer { id legacyResourceId } userErrors { field message } } }`,
      { variables: { input: { firstName: 'Newcomer', lastName: 'Away', email: 'newcomer.away@example.com' } } },
    );
    expect(created.customerCreate.userErrors).toEqual([]);
    const newGid = created.customerCreate.customer?.id ?? '';
    const newKey = `us_${created.customerCreate.customer?.legacyResourceId ?? ''}`;
    await until(
      () => Promise.resolve(answers.length >= 3 ? true : undefined),
      'the shop to deliver its webhooks to intake',
    );
    await addJob(sql, 'store__poll', { storeId: harness.storeId });
    await queueIdle();

    // Assertions: every delivery acknowledged and stored, none queued, each said so in the sync log; nothing else
    // was attempted, no job of the store is left, and the CRM does not know the changes.
    expect(answers.every((answer) => answer.status === 200 && answer.queued === false)).toBe(true);
    // One statement, so a delivery arriving late cannot fall between the counts.
    const [log] = await sql<{ held: number; other: number; unprocessed: number; processed: number }[]>`
      select
        (select count(*)::int from sync_attempts where store_id = ${harness.storeId}
           and started_at >= ${waitingAt.toISOString()} and outcome = 'skipped'
           and error_code = 'store.disconnected') as held,
        (select count(*)::int from sync_attempts where store_id = ${harness.storeId}
           and started_at >= ${waitingAt.toISOString()} and error_code is distinct from 'store.disconnected') as other,
        (select count(*)::int from webhook_deliveries
           where store_id = ${harness.storeId} and processed_at is null) as unprocessed,
        (select count(*)::int from webhook_deliveries
           where store_id = ${harness.storeId} and processed_at is not null) as processed`;
    expect(log?.unprocessed).toBeGreaterThanOrEqual(3);
    expect(log).toEqual({ held: log?.unprocessed, other: 0, unprocessed: log?.unprocessed, processed: 0 });
    expect(await sql`select 1 from dead_letters`).toEqual([]);
    const [contactAway] = await crm<{ firstname: string }>(
      `contacts?$select=firstname&$filter=sv_shopifyid eq 'us_${customerGid.split('/').at(-1) ?? ''}'`,
    );
    expect(contactAway?.firstname).not.toBe('WhileAway');
    expect(await crm(`contacts?$select=contactid&$filter=sv_shopifyid eq '${newKey}'`)).toEqual([]);

    // Action: reconnect.
    const reconnected = await execute<{ reconnectStore: { status: string; orgs: { id: string }[] } }>(
      `mutation ($storeId: ID!) { reconnectStore(storeId: $storeId) { status orgs { id } } }`,
      { storeId: harness.storeId },
    );
    await until(async () => {
      const [contact] = await crm<{ firstname: string }>(
        `contacts?$select=firstname&$filter=sv_shopifyid eq 'us_${customerGid.split('/').at(-1) ?? ''}'`,
      );
      const fresh = await crm(`contacts?$select=contactid&$filter=sv_shopifyid eq '${newKey}'`);
      return contact?.firstname === 'WhileAway' && fresh.length === 1 ? true : undefined;
    }, 'the changes made while disconnected to reach the CRM');
    await queueIdle();

    // Assertions: active and writing again; the changes and the new customer arrived, each once; the old links are
    // the same rows pointing at the same CRM rows, plus one for the newcomer; the other store untouched.
    expect(reconnected.reconnectStore).toEqual({ status: 'ACTIVE', orgs: [{ id: orgId }] });
    expect(await sql`select shopify_gid, error_message from sync_attempts where outcome = 'failed'`).toEqual([]);
    const [salesOrder] = await crm<{ description: string | null }>(
      `salesorders?$select=description&$filter=sv_shopifyid eq 'us_${orderGid.split('/').at(-1) ?? ''}'`,
    );
    expect(salesOrder?.description).toContain('while-disconnected');
    expect(await duplicates('contacts')).toEqual([]);
    expect(await duplicates('salesorders')).toEqual([]);
    const linksAfter = await links();
    expect(linksAfter.filter((link) => link.shopify_gid !== newGid)).toEqual(linksBefore);
    expect(linksAfter.map((link) => link.shopify_gid)).toContain(newGid);
    expect(await otherState()).toEqual(otherBefore);
    // The deliveries kept while disconnected were processed after the reconnection.
    expect(
      await sql`select count(*)::int as unprocessed from webhook_deliveries
                where store_id = ${harness.storeId} and processed_at is null`,
    ).toEqual([{ unprocessed: 0 }]);
    expect(
      await sql`select action from audit_events where target_id = ${harness.storeId} order by occurred_at`,
    ).toEqual([{ action: 'store.disconnect' }, { action: 'store.reconnect' }]);
  }, 180_000);
});

/**
 * The queue side of a disconnection, on the database alone: which jobs go (waiting ones of the store, those naming
 * its deliveries and backfills), which stay (running ones, every other store's), how far the cursors go back, and
 * what a reconnection queues or refuses.
 */
describe('disconnectStore and reconnectStore in the database', () => {
  const database = useTestDatabase();
  const box = SecretBox.fromBase64(generateSecretKey());

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
  });

  const delivery = (storeId: string, eventId: string) => ({
    storeId,
    eventId,
    topic: 'customers/update',
    webhookId: null,
    shopifyTriggeredAt: null,
    headers: { 'x-shopify-topic': 'customers/update' },
    body: '{"id":1,"admin_graphql_api_id":"gid://shopify/Customer/1"}',
    correlationId: crypto.randomUUID(),
  });

  it('removes the waiting jobs of the store only, rewinds its cursors, and reconnects it with its deliveries', async () => {
    // Setup: stores a and b writing to one org, each with a delivery and a waiting sync; a also has a running sync
    // (queued an hour ago) and a backfill with its job; both have cursors.
    const { db, sql } = database();
    const [a, b, lone] = await Promise.all(
      ['a', 'b', 'lone'].map((key) =>
        upsertStore(db, box, { key, shopDomain: `${key}.myshopify.com`, name: `Store ${key}`, apiVersion: '2025-01' }),
      ),
    );
    if (!a || !b || !lone) throw new Error('stores were not made');
    const org = await upsertCrmOrg(db, box, {
      name: 'Org',
      url: 'https://org.example.com',
      apiUrl: 'https://org.example.com/api/data/v9.2/',
      tenantId: 't',
      clientId: 'c',
    });
    await connectStoreToOrg(db, a.id, org.id);
    await connectStoreToOrg(db, b.id, org.id);
    await storeDelivery(sql, delivery(a.id, 'a-1'));
    await storeDelivery(sql, delivery(b.id, 'b-1'));
    const sync = (storeId: string) =>
      addJob(sql, 'shopify_customer__sync', {
        storeId,
        customerGid: 'gid://shopify/Customer/1',
        correlationId: crypto.randomUUID(),
      });
    await sync(a.id);
    const running = await sync(a.id);
    await sql`update graphile_worker._private_jobs
              set locked_at = now(), locked_by = 'test-worker', created_at = now() - interval '1 hour'
              where id = ${running}`;
    const otherSync = await sync(b.id);
    const [backfill] = await sql<{ id: string }[]>`
      insert into backfills (store_id, entity, status, correlation_id, requested_by)
      values (${a.id}, 'customer', 'syncing', gen_random_uuid(), 'test') returning id::text`;
    await addJob(sql, 'store__backfill', { backfillId: backfill?.id });
    for (const store of [a, b]) {
      await sql`insert into sync_cursors (store_id, entity, cursor_updated_at)
                values (${store.id}, 'customer', now()), (${store.id}, 'order', now() - interval '2 hours')`;
    }
    const [runningJob] = await sql<{ created_at: Date | string }[]>`
      select created_at from graphile_worker._private_jobs where id = ${running}`;
    const cursorsOf = (storeId: string) =>
      sql<{ entity: string; at: string; gid: string | null }[]>`
        select entity, cursor_updated_at::text as at, cursor_gid as gid from sync_cursors
        where store_id = ${storeId} order by entity`;
    const cursorsOfA = await cursorsOf(a.id);
    const cursorsOfB = await cursorsOf(b.id);
    const jobsOfB = await sql<{ id: string }[]>`
      select id::text from graphile_worker._private_jobs
      where payload->>'storeId' = ${b.id}
         or payload->>'deliveryId' in (select id::text from webhook_deliveries where store_id = ${b.id})`;

    // Action
    const report = await disconnectStore(sql, { storeId: a.id, overlapSeconds: 60, now: new Date() });

    // Assertions: the delivery's, the waiting sync's and the backfill's jobs gone; the running one and b's stay; a's
    // newer cursor back to the running job minus a minute, its older one left; the backfill cancelled; b untouched.
    expect(report).toMatchObject({ orgIds: [org.id], jobsRemoved: 3, jobsRunning: 1 });
    expect(report?.backfillsCancelled).toEqual([backfill?.id]);
    const left = await sql<{ id: string }[]>`select id::text from graphile_worker._private_jobs order by id`;
    expect(left.map((row) => row.id).sort()).toEqual([running, ...jobsOfB.map((row) => row.id)].sort());
    expect(left.map((row) => row.id)).toContain(otherSync);
    const horizon = new Date(new Date(runningJob?.created_at ?? 0).getTime() - 60_000);
    const rewound = await cursorsOf(a.id);
    expect(rewound.map((row) => [row.entity, new Date(row.at).getTime()])).toEqual([
      ['customer', horizon.getTime()],
      ['order', new Date(cursorsOfA[1]?.at ?? 0).getTime()],
    ]);
    expect(await cursorsOf(b.id)).toEqual(cursorsOfB);
    expect(await sql`select status from backfills where id = ${backfill?.id ?? ''}`).toEqual([{ status: 'cancelled' }]);
    expect(await sql`select store_id::text, enabled from store_connections order by enabled`).toEqual([
      { store_id: a.id, enabled: false },
      { store_id: b.id, enabled: true },
    ]);

    // Action: a delivery while disconnected, twice (Shopify retries); then reconnect.
    const first = await storeDelivery(sql, delivery(a.id, 'a-2'));
    const again = await storeDelivery(sql, delivery(a.id, 'a-2'));
    const jobsBefore = await sql`select 1 from graphile_worker._private_jobs`;
    const result = await reconnectStore(sql, a.id, new Date());

    // Assertions: stored once, logged once, queued nothing; the reconnection queues both deliveries of a that had no
    // job and its poll, enables its connection and makes it active.
    expect(first).toMatchObject({ kind: 'stored', queued: false });
    expect(again).toEqual({ kind: 'duplicate' });
    expect(jobsBefore).toHaveLength(left.length);
    expect(await sql`select outcome, error_code from sync_attempts where store_id = ${a.id}`).toEqual([
      { outcome: 'skipped', error_code: 'store.disconnected' },
    ]);
    expect(result).toMatchObject({ kind: 'reconnected', orgIds: [org.id], deliveriesQueued: 2 });
    expect(await sql`select key from graphile_worker._private_jobs where key = ${`poll:${a.id}`}`).toHaveLength(1);
    expect(await sql`select status from stores where id = ${a.id}`).toEqual([{ status: 'active' }]);
    expect(await sql`select enabled from store_connections where store_id = ${a.id}`).toEqual([{ enabled: true }]);

    // Action / Assertions: what a reconnection refuses.
    expect(await reconnectStore(sql, a.id, new Date())).toEqual({ kind: 'not_disconnected', status: 'active' });
    await disconnectStore(sql, { storeId: lone.id, overlapSeconds: 60, now: new Date() });
    expect(await reconnectStore(sql, lone.id, new Date())).toEqual({ kind: 'no_connection' });
    expect(await sql`select status from stores where id = ${lone.id}`).toEqual([{ status: 'disconnected' }]);
  });
});
