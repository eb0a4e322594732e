import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSecretKey, parseSecretKey, SecretBox, upsertStore } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { signShopifyWebhook } from '@shopverse/shopify';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleServer, MAX_DELIVERY_BYTES, type RequestHandler } from './console-server';

const SHOP = 'demo-us.myshopify.com';
const SECRET = 'whsec-test-secret';

describe('the console server', () => {
  const database = useTestDatabase();
  const box = new SecretBox(parseSecretKey(generateSecretKey()));
  // Stands in for Next's request handler: records what reached it and answers as a page would.
  const reachedNext: string[] = [];
  const next: RequestHandler = (request, response) => {
    reachedNext.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/plain' }).end('from next');
  };
  let server: Server;
  let base = '';

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    await upsertStore(database().db, box, {
      key: 'us',
      shopDomain: SHOP,
      name: 'Demo US',
      apiVersion: '2025-01',
      webhookSecret: SECRET,
    });
    server = createConsoleServer({ client: database(), box, next });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    reachedNext.length = 0;
  });

  const post = (path: string, body: string, eventId: string, secret = SECRET) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-topic': 'orders/updated',
        'x-shopify-event-id': eventId,
        'x-shopify-webhook-id': `delivery-${eventId}`,
        'x-shopify-hmac-sha256': signShopifyWebhook(body, secret),
      },
      body,
    });

  it('stores a signed delivery once, with its job, and answers as the Next route does', async () => {
    // Setup: an id past 2^53, which must be kept byte for byte.
    const body = '{"id":820982911946154508,"note":"ünïcode"}';

    // Action
    const first = await post('/api/webhooks/shopify', body, 'event-1');
    const repeat = await post('/api/webhooks/shopify?from=retry', body, 'event-1');

    // Assertions
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('vary')).toContain('next-router-state-tree');
    expect(await first.json()).toEqual({ outcome: 'stored' });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ outcome: 'duplicate' });
    const rows = await database().sql<{ body: string; headers: Record<string, string> }[]>`
      select body, headers from webhook_deliveries where event_id = 'event-1'`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.body).toBe(body);
    expect(rows[0]?.headers['x-shopify-topic']).toBe('orders/updated');
    const [jobs] = await database().sql<{ count: number }[]>`
      select count(*)::int as count from graphile_worker._private_jobs`;
    expect(jobs?.count).toBe(1);
    expect(reachedNext).toEqual([]);
  });

  it('refuses a bad signature with 401, keeping only a count', async () => {
    // Setup
    const body = '{"id":2}';

    // Action
    const answer = await post('/api/webhooks/shopify', body, 'event-2', 'not-the-secret');

    // Assertions
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({
      outcome: 'refused',
      reason: "the HMAC signature does not verify with the store's webhook secret",
    });
    expect(await database().sql`select 1 from webhook_deliveries where event_id = 'event-2'`).toHaveLength(0);
    expect(await database().sql`select shop_domain, reason, count from webhook_rejections`).toEqual([
      { shop_domain: SHOP, reason: 'hmac', count: 1 },
    ]);
    expect(reachedNext).toEqual([]);
  });

  it('refuses a body over the size limit with 413 before holding it, and stores nothing', async () => {
    // Setup
    const body = `{"note":"${'x'.repeat(MAX_DELIVERY_BYTES)}"}`;

    // Action
    const answer = await post('/api/webhooks/shopify', body, 'event-huge');

    // Assertions
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ outcome: 'refused' });
    expect(await database().sql`select 1 from webhook_deliveries where event_id = 'event-huge'`).toHaveLength(0);
    expect(reachedNext).toEqual([]);
  });

  it('hands every other request to Next: other paths, other methods, near misses of the webhook path', async () => {
    // Action
    const answers = await Promise.all([
      fetch(`${base}/`),
      fetch(`${base}/api/health`),
      fetch(`${base}/api/graphql`, { method: 'POST', body: '{"query":"{ __typename }"}' }),
      fetch(`${base}/api/webhooks/shopify`),
      fetch(`${base}/api/webhooks/shopify/`, { method: 'POST', body: '{}' }),
    ]);

    // Assertions
    expect(await Promise.all(answers.map((answer) => answer.text()))).toEqual(Array(5).fill('from next'));
    expect(reachedNext.sort()).toEqual(
      [
        'GET /',
        'GET /api/health',
        'POST /api/graphql',
        'GET /api/webhooks/shopify',
        'POST /api/webhooks/shopify/',
      ].sort(),
    );
  });
});
