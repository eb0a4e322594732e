/**
 * One simulated shop's in-memory state: records by id, id and order-number allocation, `updatedAt` bumping and the
 * change feed behind `ShopHandle.onChange`. Mutations change records through this class and then call `commit`, so
 * that every merchant action raises its topics once, with one event id (SHOPIFY.md: X-Shopify-Event-Id).
 */
import { randomUUID } from 'node:crypto';
import type { ShopChange, ShopTopic } from './shop-handle';
import type {
  BulkOperationRecord,
  CompanyContactRecord,
  CompanyLocationRecord,
  CompanyRecord,
  CustomerRecord,
  OrderRecord,
  WebhookSubscriptionRecord,
} from './records';

/** Plan presets with their bucket size and restore rate (SHOPIFY.md, "GraphQL rate limits"). */
export const PLAN_LIMITS = {
  standard: { bucket: 2000, restoreRate: 100, displayName: 'Basic' },
  advanced: { bucket: 4000, restoreRate: 200, displayName: 'Advanced' },
  plus: { bucket: 20000, restoreRate: 1000, displayName: 'Shopify Plus' },
  enterprise: { bucket: 40000, restoreRate: 2000, displayName: 'Commerce Components' },
} as const;

/** A shop plan preset name. */
export type ShopPlan = keyof typeof PLAN_LIMITS;

/** How one simulated shop is set up. */
export interface ShopConfig {
  /** e.g. demo-us.myshopify.com */
  domain: string;
  name: string;
  /** The Admin API token clients send as X-Shopify-Access-Token. */
  accessToken: string;
  plan: ShopPlan;
  currencyCode: string;
  taxesIncluded: boolean;
  ianaTimezone: string;
  /** Order name prefix, "#" by default (the BC connector's store uses "WEB"). */
  orderNamePrefix?: string;
  /** An app installed on the store that may use the client-credentials grant instead of a fixed token. */
  app?: { clientId: string; clientSecret: string; scopes: string[] };
  /**
   * Where the shop's ids start (13 digits, below 2^53). By default each shop of a simulator gets its own range; two
   * shops given one base hand out the same numeric ids, as two real shops may.
   */
  idBase?: number;
}

/** A change to raise once the mutation that made it has finished. */
export type PendingChange = Omit<ShopChange, 'shop' | 'eventId' | 'occurredAt'>;

/** Which order a nested object (line item, refund, fulfilment, transaction…) belongs to. */
export type ChildKind =
  | 'LineItem'
  | 'Refund'
  | 'Fulfillment'
  | 'FulfillmentLineItem'
  | 'FulfillmentOrder'
  | 'FulfillmentOrderLineItem'
  | 'OrderTransaction'
  | 'Return'
  | 'ReturnLineItem'
  | 'ShippingLine';

/** One shop's records, ids, clock and change listeners. */
export class ShopStore {
  readonly customers = new Map<number, CustomerRecord>();
  readonly orders = new Map<number, OrderRecord>();
  readonly companies = new Map<number, CompanyRecord>();
  readonly companyLocations = new Map<number, CompanyLocationRecord>();
  readonly companyContacts = new Map<number, CompanyContactRecord>();
  readonly webhookSubscriptions = new Map<number, WebhookSubscriptionRecord>();
  readonly bulkOperations = new Map<number, BulkOperationRecord>();
  /** Order ids by customer id, for numberOfOrders, amountSpent and Customer.orders. */
  readonly ordersByCustomer = new Map<number, Set<number>>();
  /** Nested object id -> owning order id, so that `node(id:)` finds line items, refunds and the like. */
  readonly owners = new Map<number, { kind: ChildKind; orderId: number }>();
  readonly shopId: number;
  readonly createdAt: Date;
  private nextId: number;
  private nextOrderNumber = 1001;
  private readonly listeners = new Set<(change: ShopChange) => void>();

  constructor(
    readonly config: ShopConfig,
    readonly clock: () => Date,
    idBase: number,
  ) {
    // Shopify ids are 13-digit numbers today; stay below 2^53 so records can key on numbers, yet look realistic.
    this.nextId = idBase;
    this.shopId = this.newId();
    this.createdAt = clock();
  }

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  allocateOrderNumber(): number {
    const number = this.nextOrderNumber;
    this.nextOrderNumber += 1;
    return number;
  }

  now(): Date {
    return this.clock();
  }

  /** The next `updatedAt` for an object last changed at `previous`: the clock, but always later than before. */
  bump(previous: Date): Date {
    const now = this.clock();
    return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
  }

  linkCustomerOrder(customerId: number, orderId: number): void {
    let set = this.ordersByCustomer.get(customerId);
    if (!set) {
      set = new Set();
      this.ordersByCustomer.set(customerId, set);
    }
    set.add(orderId);
  }

  own(id: number, kind: ChildKind, orderId: number): void {
    this.owners.set(id, { kind, orderId });
  }

  onChange(listener: (change: ShopChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Raises the topics of one merchant action, after it is committed, sharing one event id. */
  commit(changes: PendingChange[]): void {
    if (changes.length === 0) return;
    const eventId = randomUUID();
    const occurredAt = this.clock();
    for (const change of changes) {
      const full: ShopChange = { ...change, shop: this.config.domain, eventId, occurredAt };
      for (const listener of [...this.listeners]) listener(full);
    }
  }
}

/** Builds a change for `commit`. */
export function change(topic: ShopTopic, gid: string, extra: Partial<PendingChange> = {}): PendingChange {
  return { topic, gid, ...extra };
}

/** `gid://shopify/<type>/<id>` */
export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

/** Splits a gid into its type and numeric id; null if it is not a Shopify gid. */
export function parseGid(value: unknown): { type: string; id: number } | null {
  if (typeof value !== 'string') return null;
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  return { type: match[1], id: Number(match[2]) };
}

/** The numeric id of a gid of the given type, or null. */
export function idOf(value: unknown, type: string): number | null {
  const parsed = parseGid(value);
  return parsed && parsed.type === type ? parsed.id : null;
}
