import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '@shopverse/db/testing';
import { createDbClient, type DbClient } from '@shopverse/db';
import { ensureWebhookSubscriptions, readOrdersWithEvents } from '@shopverse/shopify';
import { orderEventsFromRest, orderFromRest, type ShopifyOrder, type ShopifyOrderEvents } from '@shopverse/sync-core';
import { receiveShopifyWebhook } from '@shopverse/web/webhook-intake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until } from './sync-harness';

const ORDER_TAGS = `#graphql
  mutation DeliveryTags($input: OrderInput!) {
    orderUpdate(input: $input) { order { id } userErrors { message } }
  }
`;

interface Receiver {
  url: string;
  /** The last `orders/updated` body of each order. */
  bodies: Map<string, unknown>;
  /** Where deliveries go besides: our real intake, once set. */
  intake?: (headers: Headers, rawBody: Buffer) => Promise<unknown>;
  close(): Promise<void>;
}

/** A webhook endpoint over real HTTP keeping each order's last body, and handing every delivery on to `intake`. */
async function startReceiver(): Promise<Receiver> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      if (request.headers['x-shopify-topic'] === 'orders/updated') {
        const body = JSON.parse(rawBody.toString('utf8')) as { admin_graphql_api_id: string };
        receiver.bodies.set(body.admin_graphql_api_id, body);
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      void (receiver.intake?.(headers, rawBody) ?? Promise.resolve()).then(() => response.writeHead(200).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/webhooks`,
    bodies: new Map(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return receiver;
}

describe("an order's delivery and the Admin API describe the same order", () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let receiver: Receiver;
  let web: DbClient | undefined;
  const read: { order: ShopifyOrder; events: ShopifyOrderEvents }[] = [];
  /** An order with money refunded: its body gives no refund total in both currencies. */
  const refunded = (events: ShopifyOrderEvents) =>
    events.refunds.some((refund) => Number(refund.totalRefunded.shop.amount) !== 0);

  const all = async <T>(path: string): Promise<T[]> => {
    const rows: T[] = [];
    for await (const page of harness.dataverse.query<T>(path)) rows.push(...page);
    return rows;
  };

  beforeAll(async () => {
    harness = await startSyncHarness(database, {
      settings: {},
      demo: { customers: 20, orders: 40 },
      worker: false,
    });
    receiver = await startReceiver();
    await ensureWebhookSubscriptions(harness.shopify, receiver.url);
    // Read first: the pages are sorted by updatedAt, which each change moves to the end.
    const before: ShopifyOrder[] = [];
    for await (const page of readOrdersWithEvents(harness.shopify)) before.push(...page.map((entry) => entry.order));
    for (const order of before) {
      await harness.shopify.request(ORDER_TAGS, {
        variables: { input: { id: order.gid, tags: [...order.tags, 'delivered'] } },
      });
    }
    await until(
      () => Promise.resolve(receiver.bodies.size >= 40 ? true : undefined),
      'an orders/updated delivery of each order',
    );
    for await (const page of readOrdersWithEvents(harness.shopify)) read.push(...page);
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
    await web?.close();
    await harness?.stop();
  });

  it('maps every body to the canonical order and events the API gives, or refuses it for a refund it cannot total', () => {
    // Assertions: each readable body is the API's order, field by field; the rest have a refund with money.
    let readable = 0;
    const kinds = { fulfilled: 0, refunded: 0, b2b: 0, discounted: 0, shipped: 0, foreign: 0 };
    for (const { order, events } of read) {
      const body = receiver.bodies.get(order.gid);
      expect(body, order.name).toBeDefined();
      if (refunded(events)) {
        expect(() => [orderFromRest(body), orderEventsFromRest(body)], order.name).toThrow(/amount_set/);
        kinds.refunded += 1;
        continue;
      }
      expect({ order: orderFromRest(body), events: orderEventsFromRest(body) }, order.name).toEqual({ order, events });
      readable += 1;
      if (events.fulfillments.length > 0) kinds.fulfilled += 1;
      if (order.companyGid) kinds.b2b += 1;
      if (order.discountApplications.length > 0) kinds.discounted += 1;
      if (order.shippingLines.length > 0) kinds.shipped += 1;
      if (order.presentmentCurrency !== order.currency) kinds.foreign += 1;
    }
    // The demo shop's orders cover what the mapping reads: each kind is among the orders compared.
    expect(readable).toBeGreaterThan(20);
    for (const [kind, count] of Object.entries(kinds)) expect(count, `orders ${kind}`).toBeGreaterThan(0);
  });

  it('syncs a changed order from its delivery without asking Shopify, and a refunded one from the API', async () => {
    // Setup: every order synced once (read from the API), then deliveries through our real intake.
    await harness.startWorker();
    await harness.syncEach(
      'shopify_order__sync',
      read.map(({ order }) => ({ orderGid: order.gid })),
    );
    const client = createDbClient(database().url, { max: 2, applicationName: 'shopverse-web' });
    web = client;
    receiver.intake = (headers, rawBody) =>
      receiveShopifyWebhook({ client, box: harness.box, headers, rawBody, now: new Date() });
    // Orders Dynamics still lets us edit: not cancelled, not wholly fulfilled.
    const open = read.filter(({ order }) => !order.cancelledAt && order.fulfillmentStatus !== 'FULFILLED');
    const plain = open.filter(({ events }) => !refunded(events)).slice(0, 5);
    const withRefund = open.find(({ events }) => refunded(events));
    if (!withRefund || plain.length < 5) throw new Error('the demo shop has too few open orders');
    const changed = [...plain, withRefund].map(({ order }) => order);
    const since = new Date();

    // Action: a person tags each order in Shopify; Shopify delivers orders/updated (a second later, so that its
    // updatedAt is past the one synced).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const order of changed) {
      await harness.shopify.request(ORDER_TAGS, {
        variables: { input: { id: order.gid, tags: [...order.tags, 'delivered', 'from-the-delivery'] } },
      });
    }

    // Assertions: each change written by a sync that took the order from the delivery, but the refunded one.
    const { sql } = database();
    const attempts = await until(async () => {
      const rows = await sql<{ gid: string; outcome: string; orderFrom: string | null }[]>`
        select shopify_gid as gid, outcome::text, request ->> 'orderFrom' as "orderFrom" from sync_attempts
        where entity = 'order' and source = 'webhook' and outcome = 'updated' and started_at >= ${since.toISOString()}`;
      return changed.every((order) => rows.some((row) => row.gid === order.gid)) ? rows : undefined;
    }, 'a webhook sync of each changed order');
    for (const order of changed) {
      const from = order === withRefund.order ? 'admin-api' : 'delivery';
      expect(
        attempts.filter((row) => row.gid === order.gid).map((row) => row.orderFrom),
        order.name,
      ).toEqual([from]);
      const [row] = await all<{ description: string }>(
        `salesorders?$select=description&$filter=sv_shopifyid eq 'us_${order.legacyId}'`,
      );
      expect(row?.description, order.name).toContain('from-the-delivery');
    }
    const failed = await sql`select shopify_gid from sync_attempts where outcome in ('failed', 'retrying')`;
    expect(failed).toEqual([]);
  });
});
