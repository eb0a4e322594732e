import { generateSecretKey, parseSecretKey, SecretBox, upsertStore } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { signShopifyWebhook } from '@shopverse/shopify';
import { Logger, runMigrations } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiveShopifyWebhook } from './intake';

const quiet = new Logger(() => () => undefined);
const SHOP = 'demo-us.myshopify.com';
const SECRET = 'whsec-test-secret';

describe('Shopify webhook intake', () => {
  const database = useTestDatabase();
  const box = new SecretBox(parseSecretKey(generateSecretKey()));

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: quiet });
    await upsertStore(database().db, box, {
      key: 'us',
      shopDomain: SHOP,
      name: 'Demo US',
      apiVersion: '2025-01',
      webhookSecret: SECRET,
    });
  });

  const deliver = (body: string, headers: Record<string, string>) =>
    receiveShopifyWebhook({
      client: database(),
      box,
      headers: new Headers(headers),
      rawBody: Buffer.from(body),
      now: new Date('2026-11-26T12:00:00Z'),
    });
  const signed = (body: string, eventId: string) => ({
    'x-shopify-shop-domain': SHOP,
    'x-shopify-topic': 'customers/update',
    'x-shopify-event-id': eventId,
    'x-shopify-webhook-id': `delivery-${eventId}`,
    'x-shopify-triggered-at': '2026-11-26T11:59:59.123Z',
    'x-shopify-hmac-sha256': signShopifyWebhook(body, SECRET),
  });
  const jobs = () =>
    database().sql<{ identifier: string; payload: { deliveryId: string; correlationId: string } }[]>`
      select tasks.identifier, jobs.payload
      from graphile_worker._private_jobs jobs join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id`;

  it('stores a signed delivery with its processing job, once however often Shopify repeats it', async () => {
    // Setup: a body whose id exceeds 2^53, kept byte for byte.
    const body = '{"id":706405506930370084,"admin_graphql_api_id":"gid://shopify/Customer/706405506930370084"}';

    // Action
    const first = await deliver(body, signed(body, 'event-1'));
    const repeat = await deliver(body, signed(body, 'event-1'));

    // Assertions
    expect(first).toMatchObject({ status: 200, outcome: 'stored' });
    expect(repeat).toEqual({ status: 200, outcome: 'duplicate' });
    const rows = await database().sql<
      { body: string; topic: string; correlation_id: string; headers: Record<string, string> }[]
    >`
      select body, topic, correlation_id, headers from webhook_deliveries`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ body, topic: 'customers/update', correlation_id: first.correlationId });
    expect(rows[0]?.headers['x-shopify-event-id']).toBe('event-1');
    expect(await jobs()).toEqual([
      {
        identifier: 'shopify_delivery__process',
        payload: { deliveryId: first.deliveryId, correlationId: first.correlationId },
      },
    ]);
  });

  it('refuses a bad signature and an unknown shop, keeping only a count', async () => {
    // Setup
    const body = '{"id":1}';
    const forged = { ...signed(body, 'event-2'), 'x-shopify-hmac-sha256': signShopifyWebhook(body, 'wrong') };
    const stranger = { ...signed(body, 'event-3'), 'x-shopify-shop-domain': 'someone-else.myshopify.com' };

    // Action
    const answers = [await deliver(body, forged), await deliver(body, forged), await deliver(body, stranger)];

    // Assertions
    expect(answers.map((answer) => [answer.status, answer.outcome])).toEqual([
      [401, 'refused'],
      [401, 'refused'],
      [401, 'refused'],
    ]);
    expect(
      await database().sql`select 1 from webhook_deliveries where event_id in ('event-2', 'event-3')`,
    ).toHaveLength(0);
    expect(await database().sql`select shop_domain, reason, count from webhook_rejections order by reason`).toEqual([
      { shop_domain: SHOP, reason: 'hmac', count: 2 },
      { shop_domain: 'someone-else.myshopify.com', reason: 'unknown_shop', count: 1 },
    ]);
  });
});
