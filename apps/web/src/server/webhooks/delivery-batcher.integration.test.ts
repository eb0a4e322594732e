import { randomUUID } from 'node:crypto';
import {
  createDbClient,
  type DbClient,
  type DeliveryInput,
  upsertStore,
  generateSecretKey,
  parseSecretKey,
  SecretBox,
} from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryBatcher } from './delivery-batcher';

describe('DeliveryBatcher', () => {
  const database = useTestDatabase();
  let client: DbClient;
  let storeId = '';

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    const box = new SecretBox(parseSecretKey(generateSecretKey()));
    const store = await upsertStore(database().db, box, {
      key: 'us',
      shopDomain: 'demo-us.myshopify.com',
      name: 'Demo US',
      apiVersion: '2025-01',
      webhookSecret: 'secret',
    });
    storeId = store.id;
    client = createDbClient(database().url, { max: 3 });
  });

  afterAll(async () => {
    await client?.close();
  });

  const delivery = (eventId: string): DeliveryInput => ({
    storeId,
    eventId,
    topic: 'orders/updated',
    webhookId: null,
    shopifyTriggeredAt: null,
    headers: { 'x-shopify-event-id': eventId },
    body: `{"id":${eventId.length}}`,
    correlationId: randomUUID(),
  });

  it('stores concurrent deliveries in groups: each event once, one job each, repeats in one group included', async () => {
    // Setup: 300 deliveries at once, 60 of them repeats of earlier events (some land in the same group).
    const batcher = new DeliveryBatcher(client, { maxBatch: 40, maxInFlight: 2 });
    const events = Array.from({ length: 240 }, (_, index) => `event-${index}`);
    const inputs = [...events, ...events.slice(0, 60)].map(delivery);

    // Action
    const results = await Promise.all(inputs.map((input) => batcher.store(input)));

    // Assertions: the first of each event is stored (in order of arrival), every later copy is a duplicate.
    expect(results.slice(0, 240).every((result) => result.kind === 'stored')).toBe(true);
    expect(results.slice(240).every((result) => result.kind === 'duplicate')).toBe(true);
    const [counts] = await database().sql<{ rows: number; jobs: number }[]>`
      select (select count(*)::int from webhook_deliveries) as rows,
             (select count(*)::int from graphile_worker.jobs where task_identifier = 'shopify_delivery__process') as jobs`;
    expect(counts).toEqual({ rows: 240, jobs: 240 });
    const stored = results.flatMap((result) => (result.kind === 'stored' ? [result.id] : []));
    expect(new Set(stored).size).toBe(240);
  });

  it('answers a repeat of an event stored earlier as a duplicate and queues nothing for it', async () => {
    // Setup
    const batcher = new DeliveryBatcher(client);

    // Action
    const again = await batcher.store(delivery('event-7'));

    // Assertions
    expect(again).toEqual({ kind: 'duplicate' });
    const [counts] = await database().sql<{ jobs: number }[]>`
      select count(*)::int as jobs from graphile_worker.jobs where task_identifier = 'shopify_delivery__process'`;
    expect(counts?.jobs).toBe(240);
  });

  it('says when it is drained: every delivery handed in before is committed', async () => {
    // Setup: more deliveries than one group, so some wait behind the groups in flight.
    const batcher = new DeliveryBatcher(client, { maxBatch: 10, maxInFlight: 1 });
    const events = Array.from({ length: 35 }, (_, index) => `drain-${index}`);
    const pending = events.map((event) => batcher.store(delivery(event)));

    // Action
    await batcher.drained();

    // Assertions: all stored by then, and drained at once when nothing is waiting.
    const [counts] = await database().sql<{ rows: number }[]>`
      select count(*)::int as rows from webhook_deliveries where event_id like 'drain-%'`;
    expect(counts?.rows).toBe(35);
    expect((await Promise.all(pending)).every((result) => result.kind === 'stored')).toBe(true);
    await expect(batcher.drained()).resolves.toBeUndefined();
  });
});
