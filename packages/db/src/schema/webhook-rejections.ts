import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Webhook requests refused at intake (bad HMAC, unknown shop), counted per shop, reason and day: nothing of a refused
 * request is stored but this count, since its body cannot be trusted. The console shows it, because a run of bad
 * signatures usually means a rotated app secret.
 */
export const webhookRejections = pgTable(
  'webhook_rejections',
  {
    /** `X-Shopify-Shop-Domain` as sent (unverified), or `(none)`. */
    shopDomain: text('shop_domain').notNull(),
    /**
     * `hmac` (signature did not verify), `unknown_shop` (no connected store has this domain) or `headers` (signed,
     * but without a topic or event id).
     */
    reason: text('reason').notNull(),
    day: date('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'webhook_rejections_pkey', columns: [t.shopDomain, t.reason, t.day] }),
    check('webhook_rejections_count_positive', sql`${t.count} >= 0`),
  ],
);

export type WebhookRejection = typeof webhookRejections.$inferSelect;
