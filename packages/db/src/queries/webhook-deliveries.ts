import { eq, sql } from 'drizzle-orm';
import type { Sql, TransactionSql } from 'postgres';
import type { Database } from '../client';
import { stores, webhookDeliveries, type WebhookDelivery, webhookRejections } from '../schema';
import type { SecretBox } from '../secrets';
import { STORE_DISCONNECTED } from './store-disconnect';

/** The connected store a shop domain names, with its webhook secret opened; null for a shop we do not know. */
export async function webhookSecretOfShop(
  db: Database,
  box: SecretBox,
  shopDomain: string,
): Promise<{ storeId: string; secret: string } | null> {
  const [row] = await db
    .select({ id: stores.id, secret: stores.webhookSecretEncrypted, status: stores.status })
    .from(stores)
    .where(eq(stores.shopDomain, shopDomain.toLowerCase()));
  if (!row?.secret || row.status === 'disconnected') return null;
  return { storeId: row.id, secret: box.open(row.secret, 'stores.webhook_secret') };
}

export interface DeliveryInput {
  storeId: string;
  eventId: string;
  topic: string;
  webhookId: string | null;
  shopifyTriggeredAt: Date | null;
  headers: Record<string, string>;
  body: string;
  correlationId: string;
}

/**
 * Stores deliveries and queues the processing of each in one statement (hence one transaction): for each delivery
 * either both are there or neither, so a delivery is acknowledged only once nothing can lose it. Many at once,
 * because intake must answer bursts quickly and each commit waits for the disk: see `DeliveryBatcher` in the web app.
 * A repeat (same store, event and topic: Shopify resends on retry), in the database or earlier in the same call, is
 * stored once and queues nothing; the answers, in the order of `inputs`, say which.
 */
export async function storeDeliveries(
  sql: Sql | TransactionSql,
  inputs: readonly DeliveryInput[],
): Promise<({ kind: 'stored'; id: string; queued: boolean } | { kind: 'duplicate' })[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input, ord) => ({
    ord,
    store_id: input.storeId,
    event_id: input.eventId,
    topic: input.topic,
    webhook_id: input.webhookId,
    shopify_triggered_at: input.shopifyTriggeredAt?.toISOString() ?? null,
    headers: input.headers,
    body: input.body,
    correlation_id: input.correlationId,
  }));
  const stored = await sql<{ id: string; correlation_id: string; queued: boolean }[]>`
    with input as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(
        ord int, store_id uuid, event_id text, topic text, webhook_id text, shopify_triggered_at timestamptz,
        headers jsonb, body text, correlation_id uuid)
    ),
    stored as (
      insert into webhook_deliveries
        (store_id, event_id, topic, webhook_id, shopify_triggered_at, headers, body, correlation_id)
      select store_id, event_id, topic, webhook_id, shopify_triggered_at, headers, body, correlation_id
      -- One order of keys for every statement, so two concurrent groups holding the same key never deadlock.
      from input order by store_id, event_id, topic, ord
      on conflict (store_id, event_id, topic) do nothing
      returning id, store_id, event_id, topic, correlation_id, received_at
    ),
    -- A disconnected store's deliveries are kept (Shopify would retry, then delete the subscription) but not queued:
    -- its reconnection queues them. Read in this statement, so a disconnection holds from the moment it commits.
    held as (
      select stored.*, stores.name from stored join stores on stores.id = stored.store_id
      where stores.status = 'disconnected'
    ),
    logged as (
      insert into sync_attempts
        (correlation_id, store_id, entity, direction, outcome, error_code, error_message, request, source,
         received_at, started_at, finished_at)
      select correlation_id, store_id, split_part(topic, '/', 1), 'shopify_to_crm', 'skipped', ${STORE_DISCONNECTED},
             'Delivery ' || event_id || ' (' || topic || ') was stored but not queued: store ' || name ||
               ' is disconnected. Reconnect the store on the Stores page to process it; its poll then reads every ' ||
               'change made meanwhile.',
             json_build_object('deliveryId', id, 'topic', topic)::jsonb, 'webhook',
             received_at, clock_timestamp(), clock_timestamp()
      from held
    ),
    -- One add_jobs call for the whole group, not add_job per row: add_job is add_jobs of one, and each call upserts the
    -- task, inserts and notifies on its own, which cost PostgreSQL more than the rest of the statement (intake bench).
    queued as (
      select count(*) as jobs
      from graphile_worker.add_jobs((
        select array_agg((
          'shopify_delivery__process',
          json_build_object('deliveryId', stored.id, 'correlationId', stored.correlation_id),
          null, null, null, null, null, null
        )::graphile_worker.job_spec)
        from stored where stored.id not in (select id from held)
      ))
    )
    select stored.id::text, stored.correlation_id::text, held.id is null as queued
    from stored left join held on held.id = stored.id, queued`;
  // Each input has its own correlation id, so it tells which of them were stored.
  const byCorrelation = new Map(stored.map((row) => [row.correlation_id, row]));
  return inputs.map((input) => {
    const row = byCorrelation.get(input.correlationId);
    return row ? { kind: 'stored', id: row.id, queued: row.queued } : { kind: 'duplicate' };
  });
}

/** Stores one delivery and queues its processing; see {@link storeDeliveries}. */
export async function storeDelivery(
  sql: Sql | TransactionSql,
  input: DeliveryInput,
): Promise<{ kind: 'stored'; id: string; queued: boolean } | { kind: 'duplicate' }> {
  const [result] = await storeDeliveries(sql, [input]);
  if (!result) throw new Error(`Storing delivery ${input.eventId} (${input.topic}) gave no answer.`);
  return result;
}

/** Counts a refused webhook request (the only trace it leaves). */
export async function countRejection(db: Database, shopDomain: string, reason: string, now: Date): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  await db
    .insert(webhookRejections)
    .values({ shopDomain, reason, day, count: 1 })
    .onConflictDoUpdate({
      target: [webhookRejections.shopDomain, webhookRejections.reason, webhookRejections.day],
      set: { count: sql`${webhookRejections.count} + 1` },
    });
}

/** One delivery by id. */
export async function deliveryById(db: Database, id: string): Promise<WebhookDelivery | undefined> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

/** Marks a delivery as turned into its sync jobs. */
export async function markDeliveryProcessed(db: Database, id: string, now: Date): Promise<void> {
  await db.update(webhookDeliveries).set({ processedAt: now }).where(eq(webhookDeliveries.id, id));
}
