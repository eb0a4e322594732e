import type { ExecutionResult } from 'graphql';

/** Webhook topics the simulated shop raises, in Shopify's REST spelling. */
export type ShopTopic =
  | 'orders/create'
  | 'orders/updated'
  | 'orders/cancelled'
  | 'orders/fulfilled'
  | 'orders/partially_fulfilled'
  | 'orders/paid'
  | 'orders/edited'
  | 'refunds/create'
  | 'fulfillments/create'
  | 'customers/create'
  | 'customers/update'
  | 'customers/delete'
  | 'companies/create'
  | 'bulk_operations/finish';

/** One thing that happened in a shop, raised once per topic it triggers. */
export interface ShopChange {
  /** e.g. demo-us.myshopify.com */
  shop: string;
  topic: ShopTopic;
  /** The object the topic is about: `gid://shopify/Order/…`, `gid://shopify/Refund/…`, `gid://shopify/BulkOperation/…`. */
  gid: string;
  /** For refunds and fulfilments: the order they belong to. */
  orderGid?: string;
  /**
   * Shared by every topic one merchant action raises (Shopify's X-Shopify-Event-Id): an orderCreate raises
   * orders/create and orders/paid with the same event id.
   */
  eventId: string;
  occurredAt: Date;
  /** For customers/delete (the object is gone): what the REST body needs, e.g. `{ id, phone, addresses: [] }`. */
  deleted?: Record<string, unknown>;
}

/**
 * What other parts of the sandbox (webhook dispatcher, demo-data loader) may use of a simulated shop. `execute` runs a
 * document against the shop's Admin schema in-process, with no cost accounting or throttling (it is the simulator
 * talking to itself, not an API client).
 */
export interface ShopHandle {
  domain: string;
  apiVersion: string;
  execute(document: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
  /** Calls `listener` after each change is committed; returns the unsubscribe function. */
  onChange(listener: (change: ShopChange) => void): () => void;
}
