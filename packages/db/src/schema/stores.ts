import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { storeStatus } from './enums';

/**
 * A Shopify store we sync from. The root of most data: deleting a store cascades to everything it owns (links,
 * deliveries, cursors, the sync log, queues), and sets `store_id` to null in `audit_events`.
 */
export const stores = pgTable(
  'stores',
  {
    id: id(),
    /**
     * Short stable key, lowercase letters and digits only. It is part of every CRM alternate key
     * (`sv_shopifyid = <key>_<legacy id>`), so it must never change once a store has synced, and it may not contain
     * the characters that break Dataverse key URLs (`/ < > * % & : \ ? +`).
     */
    key: text('key').notNull().unique('stores_key_key'),
    /** The permanent `*.myshopify.com` domain (not a custom domain); identifies the shop in webhook headers. */
    shopDomain: text('shop_domain').notNull().unique('stores_shop_domain_key'),
    /** Display name in the console. */
    name: text('name').notNull(),
    /** Admin API version used for this store's calls and webhooks, e.g. `2025-01`. */
    apiVersion: text('api_version').notNull(),
    /**
     * Where the Admin API of this shop is reached, when not at `https://<shop domain>` (the sandbox serves its shops
     * under `http://127.0.0.1:4001/shops/<shop domain>`). Null for real stores.
     */
    apiBaseUrl: text('api_base_url'),
    /** Admin API access token, sealed by `secrets.ts`; null until the store is connected. */
    accessTokenEncrypted: text('access_token_encrypted'),
    /** Secret for the webhook HMAC (the app's client secret), sealed by `secrets.ts`. */
    webhookSecretEncrypted: text('webhook_secret_encrypted'),
    /** Per-store sync settings; validated with zod by the settings module, never trusted as read. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Version of the `settings` shape, so old settings can be migrated when the schema of settings changes. */
    settingsVersion: integer('settings_version').notNull().default(1),
    status: storeStatus('status').notNull().default('active'),
    ...timestamps(),
  },
  (t) => [check('stores_key_format', sql`${t.key} ~ '^[a-z0-9]+$'`)],
);

export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
