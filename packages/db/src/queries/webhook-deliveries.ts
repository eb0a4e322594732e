import { eq, sql } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import type { Database } from '../client';
import { stores, webhookDeliveries, type WebhookDelivery, webhookRejections } from '../schema';
import type { SecretBox } from '../secrets';
import { addJob } from './jobs';

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
 * Stores a delivery and queues its processing in one transaction: either both are there or neither, so a delivery
 * is acknowledged only once nothing can lose it. A repeat (same event and topic: Shopify resends on retry) is stored
 * once and queues nothing; the answer says which.
 */
export async function storeDelivery(
  tx: TransactionSql,
  input: DeliveryInput,
): Promise<{ kind: 'stored'; id: string } | { kind: 'duplicate' }> {
  const [row] = await tx<{ id: string }[]>`
    insert into webhook_deliveries
      (store_id, event_id, topic, webhook_id, shopify_triggered_at, headers, body, correlation_id)
    values (${input.storeId}, ${input.eventId}, ${input.topic}, ${input.webhookId},
            ${input.shopifyTriggeredAt?.toISOString() ?? null}, ${JSON.stringify(input.headers)}::jsonb,
            ${input.body}, ${input.correlationId})
    on conflict (store_id, event_id, topic) do nothing
    returning id`;
  if (!row) return { kind: 'duplicate' };
  await addJob(tx, 'shopify_delivery__process', { deliveryId: row.id, correlationId: input.correlationId });
  return { kind: 'stored', id: row.id };
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
