import { index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamptz } from './columns';
import { stores } from './stores';

/**
 * Every webhook delivery, stored before it is acknowledged, in the same transaction as the job that processes it.
 * Shopify delivers at least once and resends the original payload on retry, so the unique key turns a repeat into
 * a no-op.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** `X-Shopify-Event-Id`: shared by every delivery of one merchant action, retries included; the dedupe key. */
    eventId: text('event_id').notNull(),
    /** `X-Shopify-Topic`, e.g. `orders/updated`. */
    topic: text('topic').notNull(),
    /** `X-Shopify-Webhook-Id`: one per delivery; kept for questions to Shopify support. */
    webhookId: text('webhook_id'),
    /** `X-Shopify-Triggered-At`: when the event happened in Shopify, not when we received it. */
    shopifyTriggeredAt: timestamptz('shopify_triggered_at'),
    /** Request headers by lower-cased name, for diagnosis (API version, shop domain, HMAC as received). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    /**
     * Raw request body, exactly as received. Text, not jsonb: the HMAC is over the raw bytes, and numeric ids in it
     * can exceed 2^53, so it is parsed only by the adapters that know this.
     */
    body: text('body').notNull(),
    /** Correlation id assigned at intake; follows the change to the CRM row. */
    correlationId: uuid('correlation_id').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    /** When `shopify_delivery__process` finished with it; null while queued. */
    processedAt: timestamptz('processed_at'),
  },
  (t) => [
    // Intake: dedupe of repeated deliveries.
    unique('webhook_deliveries_store_id_event_id_topic_key').on(t.storeId, t.eventId, t.topic),
    // Console: "latest deliveries of this store".
    index('webhook_deliveries_store_id_received_at_idx').on(t.storeId, t.receivedAt),
    // Stats and /metrics: deliveries of every store by day.
    index('webhook_deliveries_received_at_idx').on(t.receivedAt),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDelivery = typeof webhookDeliveries.$inferInsert;
