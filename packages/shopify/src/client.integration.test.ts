import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookDispatcher } from '@shopverse/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, reassemble } from './bulk';
import { startBulkQuery, waitForBulkOperation } from './bulk-operations';
import { systemClock } from './client';
import { ORDERS_PAGE } from './documents/orders';
import type { OrdersPageQuery } from './generated/admin.generated';
import { pages } from './paginate';
import { simulatedShop } from './testing/simulated-shop';
import { verifyShopifyWebhook } from './verify-webhook';
import { ensureWebhookSubscriptions } from './webhook-subscriptions';

type OrderNode = OrdersPageQuery['orders']['nodes'][number];

describe('the Shopify client against the simulated store', () => {
  let setup: Awaited<ReturnType<typeof simulatedShop>>;
  beforeAll(async () => {
    setup = await simulatedShop({ plan: 'plus', customers: 20, orders: 60 });
  });
  afterAll(async () => {
    await setup.simulator.close();
  });

  it('pages through every order with pages sized under the cost maximum, never throttled', async () => {
    // Action
    const seen: OrderNode[] = [];
    for await (const page of pages<OrdersPageQuery, OrderNode>(setup.client, {
      document: ORDERS_PAGE,
      connection: (data) => data.orders,
      first: 1,
    })) {
      seen.push(...page);
    }
    // Assertions
    expect(new Set(seen.map((order) => order.id)).size).toBe(60);
    const responses = setup.events.filter((event) => event.kind === 'response');
    expect(responses.every((event) => (event.requestedCost ?? 0) <= 1000)).toBe(true);
    expect(setup.events.filter((event) => event.kind === 'throttled')).toEqual([]);
    expect(responses.length).toBeLessThan(60);
  });

  it('reassembles a bulk query into exactly what paging returns', async () => {
    // Setup
    const paged = new Map<string, string[]>();
    for await (const page of pages<OrdersPageQuery, OrderNode>(setup.client, {
      document: ORDERS_PAGE,
      connection: (data) => data.orders,
      first: 1,
    })) {
      for (const order of page)
        paged.set(
          order.id,
          order.lineItems.nodes.map((line) => line.id),
        );
    }
    // Action
    const id = await startBulkQuery(
      setup.client,
      '{ orders { edges { node { id lineItems { edges { node { id } } } } } } }',
    );
    const done = await waitForBulkOperation(setup.client, id, { clock: systemClock, intervalMs: 50 });
    const response = await fetch(done.url ?? '');
    const bulk = new Map<string, string[]>();
    for await (const record of reassemble(jsonLines(response.body!))) {
      bulk.set(
        String(record.node.id),
        (record.children.LineItem ?? []).map((line) => String(line.id)),
      );
    }
    // Assertions
    expect(done.status).toBe('COMPLETED');
    expect(done.objectCount).toBe(String(bulk.size + [...bulk.values()].flat().length));
    expect(bulk).toEqual(paged);
  });

  it('subscribes the sync’s topics once: a second run changes nothing', async () => {
    // Action
    const first = await ensureWebhookSubscriptions(setup.client, 'https://shopverse.example/api/webhooks/shopify');
    const second = await ensureWebhookSubscriptions(setup.client, 'https://shopverse.example/api/webhooks/shopify');
    // Assertions
    expect(first.created.length).toBeGreaterThan(10);
    expect(second).toEqual({ created: [], kept: first.created, replaced: [] });
  });

  it('accepts a delivery signed with the app secret and rejects it under another', async () => {
    // Setup: a receiver that checks each delivery's HMAC with our verifier.
    const verdicts: { right: boolean; wrong: boolean }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const hmac = request.headers['x-shopify-hmac-sha256'] as string | undefined;
        verdicts.push({
          right: verifyShopifyWebhook(body, hmac, 'app-secret'),
          wrong: verifyShopifyWebhook(body, hmac, 'other'),
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const dispatcher = createWebhookDispatcher({ shop: setup.shop, secret: 'app-secret' });
    await ensureWebhookSubscriptions(setup.client, url, ['CUSTOMERS_CREATE'], (candidate) => candidate === url);
    // Action
    await setup.shop.execute('mutation { customerCreate(input: { email: "hmac@example.com" }) { customer { id } } }');
    for (let waited = 0; verdicts.length === 0 && waited < 5000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    dispatcher.close();
    receiver.close();
    // Assertions
    expect(verdicts[0]).toEqual({ right: true, wrong: false });
  });
});
