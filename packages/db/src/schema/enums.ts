import { pgEnum } from 'drizzle-orm/pg-core';

/**
 * Postgres enums. Adding a value is a generated migration (`ALTER TYPE ... ADD VALUE`); removing or renaming one
 * needs a hand-reviewed migration, so keep these to sets that are closed by nature.
 */

/** Whether a store is synced. `paused`: no jobs run, data is kept; `disconnected`: uninstalled or token revoked. */
export const storeStatus = pgEnum('store_status', ['active', 'paused', 'disconnected']);
export type StoreStatus = (typeof storeStatus.enumValues)[number];

/** The Shopify entities a mapping can be written for (one active mapping per store and entity). */
export const mappingEntity = pgEnum('mapping_entity', ['customer', 'company', 'order', 'refund', 'fulfillment']);
export type MappingEntity = (typeof mappingEntity.enumValues)[number];

/** The kind of Shopify object a link or a queued merge points at; the gid says the same, this is for indexes. */
export const shopifyType = pgEnum('shopify_type', [
  'customer',
  'company',
  'company_location',
  /** An account named after the company on a customer's address (settings `contactWithAccount`); gid `gid://shopify/AddressCompany/<hash of the name>`. */
  'address_company',
  /** A guest checkout's buyer (an order without a customer), by email; gid `gid://shopify/GuestCheckout/<hash of the email>`. */
  'guest_checkout',
  'order',
  'line_item',
  'refund',
  'fulfillment',
]);
export type ShopifyType = (typeof shopifyType.enumValues)[number];

/** Which way a sync attempt wrote. */
export const syncDirection = pgEnum('sync_direction', ['shopify_to_crm', 'crm_to_shopify']);
export type SyncDirection = (typeof syncDirection.enumValues)[number];

/**
 * What one sync attempt did. `unchanged`: same content hash, nothing written; `skipped`: not in scope (settings,
 * older than what was synced); `ambiguous`: parked in `merge_queue`; `retrying`: failed, and the job will retry.
 */
export const syncOutcome = pgEnum('sync_outcome', [
  'created',
  'updated',
  'unchanged',
  'skipped',
  'ambiguous',
  'failed',
  'retrying',
]);
export type SyncOutcome = (typeof syncOutcome.enumValues)[number];

/**
 * How an error is handled: `transient` (429, 5xx, timeout: retry with backoff), `dependency` (a record it needs is
 * not synced yet: sync that first), `permanent` (validation: no retry, a person must act).
 */
export const errorClass = pgEnum('error_class', ['transient', 'dependency', 'permanent']);
export type ErrorClass = (typeof errorClass.enumValues)[number];

/** The state of an ambiguous match awaiting a person. */
export const mergeStatus = pgEnum('merge_status', ['open', 'resolved', 'dismissed']);
export type MergeStatus = (typeof mergeStatus.enumValues)[number];

/** What an API token may do, from least to most: `viewer` reads; `operator` also acts (replay, resolve); `admin` all. */
export const apiTokenRole = pgEnum('api_token_role', ['viewer', 'operator', 'admin']);
export type ApiTokenRole = (typeof apiTokenRole.enumValues)[number];
