import { createHash } from 'node:crypto';
import type { Money } from '../models/money';
import type { ShopifyOrder } from '../models/order';
import type { ShopifyFulfillment, ShopifyOrderEvents, ShopifyRefund } from '../models/order-events';
import { describeCancelReason, normalizeFinancialStatus } from './order-lifecycle';

/** What happened to the order, one kind per timeline entry. */
export type TimelineKind = 'placed' | 'paid' | 'fulfilled' | 'fulfillment-cancelled' | 'refunded' | 'cancelled';

/**
 * One entry of the order's sales activity, written as an annotation (note). `key` is the annotation's id: the same
 * event always gives the same key, so `PATCH annotations(<key>)` on a replay updates the note instead of adding a
 * second one. `customerKey` is the id of the same note on the customer's contact or account (an annotation has one
 * regarding row).
 */
export interface TimelineEntry {
  key: string;
  customerKey: string;
  kind: TimelineKind;
  /** annotation.subject, at most 500 characters (DATAVERSE.md). */
  subject: string;
  notetext: string;
  /** When it happened in Shopify (ISO 8601), never when we synced it. */
  occurredAt: string;
}

/** Options of {@link orderTimeline}. */
export interface OrderTimelineOptions {
  /** The store's key (`us`): part of every entry's key, so two stores' orders never share a note. */
  storeKey: string;
  /** Which of Shopify's money sets the notes quote (store setting). */
  currency: 'shop' | 'presentment';
}

/** annotation.subject's length (DATAVERSE.md, "Tables"). */
export const SUBJECT_MAX = 500;

/**
 * The name space of our timeline keys (an RFC 4122 name-based UUID needs one). Chosen once for Shopverse; changing it
 * would give every existing note a new id, so every note would be written a second time.
 */
export const TIMELINE_NAMESPACE = '6f1c2b0e-52a4-4c8e-9d1a-3b7f0e8c4d21';

/**
 * A name-based UUID, version 5 (RFC 4122 section 4.3): SHA-1 over the name space's 16 bytes and the name, with the
 * version and variant bits set. Deterministic: the same name gives the same UUID on every machine and every replay.
 */
export function uuidV5(name: string, namespace: string = TIMELINE_NAMESPACE): string {
  const space = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (space.length !== 16) throw new Error(`"${namespace}" is not a UUID`);
  const bytes = createHash('sha1').update(space).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Financial statuses that mean the order was paid in full at some point (a refund needs a captured payment). */
const PAID = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);

/**
 * Fulfilment statuses that mean goods left (or were handed over). OPEN and PENDING have not shipped yet; ERROR and
 * FAILURE never did; CANCELLED gets its own entry if it had shipped before (see below).
 */
const SHIPPED = new Set(['SUCCESS']);

const money = (value: Money) => `${value.amount} ${value.currency}`;
const isZero = (amount: string) => /^-?0*(\.0*)?$/.test(amount);

function clip(subject: string): string {
  return subject.length <= SUBJECT_MAX ? subject : `${subject.slice(0, SUBJECT_MAX - 1)}…`;
}

/**
 * The timeline of an order: placed, paid, each fulfilment (and its cancellation), each refund, cancelled; in the
 * order they happened. Derived from the order's current state and events only, so a replay gives the same entries
 * with the same keys, and an entry, once it exists, exists in every later state of the order (Shopify does not
 * un-pay, un-refund or un-cancel an order), so that no note is ever orphaned or duplicated.
 */
export function orderTimeline(
  order: ShopifyOrder,
  events: ShopifyOrderEvents,
  options: OrderTimelineOptions,
): TimelineEntry[] {
  const entry = (kind: TimelineKind, eventGid: string | null, at: string, subject: string, notetext: string) => {
    const name = `${options.storeKey}:${order.gid}:${kind}:${eventGid ?? 'once'}`;
    return {
      key: uuidV5(name),
      customerKey: uuidV5(`${name}:customer`),
      kind,
      subject: clip(subject),
      notetext,
      occurredAt: at,
    };
  };
  const titles = new Map(
    order.lineItems.map((line) => [line.gid, line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title]),
  );
  const lineText = (lineItemGid: string, quantity: number) => `${quantity} × ${titles.get(lineItemGid) ?? lineItemGid}`;
  const entries: TimelineEntry[] = [
    entry(
      'placed',
      null,
      order.processedAt,
      `Order ${order.name} placed in Shopify`,
      [`Order ${order.name} was placed on ${order.processedAt}`, order.sourceName ? ` (${order.sourceName})` : '', '.']
        .join('')
        .concat(order.test ? ' This is a test order.' : ''),
    ),
  ];
  const financial = normalizeFinancialStatus(order.financialStatus);
  if ((financial !== null && PAID.has(financial)) || events.refunds.some((refund) => !isRefundZero(refund, options))) {
    // The order's transactions are not read with it, so the time the payment was captured is unknown here: the
    // entry is dated when the order was processed, which is the capture time for the usual checkout (paid at once)
    // and, above all, the same on every replay.
    entries.push(
      entry(
        'paid',
        null,
        order.processedAt,
        `Order ${order.name} paid`,
        `Shopify reports the payment of order ${order.name} as received.`,
      ),
    );
  }
  for (const fulfillment of events.fulfillments) entries.push(...fulfillmentEntries(fulfillment));
  for (const refund of events.refunds) entries.push(refundEntry(refund));
  if (order.cancelledAt !== null) {
    const reason = describeCancelReason(order.cancelReason);
    entries.push(
      entry(
        'cancelled',
        null,
        order.cancelledAt,
        `Order ${order.name} cancelled in Shopify`,
        `Order ${order.name} was cancelled in Shopify on ${order.cancelledAt}: ${reason}.`,
      ),
    );
  }
  // Stable order: by time, then by key, so two entries of the same second always come out alike.
  return entries.sort((a, b) =>
    a.occurredAt === b.occurredAt ? (a.key < b.key ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1,
  );

  function fulfillmentEntries(fulfillment: ShopifyFulfillment): TimelineEntry[] {
    const status = fulfillment.status.toUpperCase();
    // A fulfilment cancelled after it shipped still shipped once: it keeps its entry and gets a second one. Shopify
    // does not say whether a cancelled fulfilment had shipped; its tracking numbers are the evidence we take, so a
    // cancelled one without tracking (most likely never shipped) has no entry.
    const cancelled = status === 'CANCELLED';
    if (!SHIPPED.has(status) && !(cancelled && fulfillment.trackingNumbers.length > 0)) return [];
    const carrier = fulfillment.trackingCompany ?? 'no carrier given';
    const tracking = fulfillment.trackingNumbers.map((number, index) => {
      const url = fulfillment.trackingUrls[index];
      return url ? `${number} (${url})` : number;
    });
    const links = fulfillment.trackingUrls.slice(fulfillment.trackingNumbers.length);
    const lines = fulfillment.lines.map((line) => `- ${lineText(line.lineItemGid, line.quantity)}`);
    const shipped = entry(
      'fulfilled',
      fulfillment.gid,
      fulfillment.createdAt,
      `Order ${order.name} fulfilled${fulfillment.trackingCompany ? ` by ${fulfillment.trackingCompany}` : ''}`,
      [
        `Shipped with ${carrier}.`,
        `Tracking: ${[...tracking, ...links].join(', ') || 'none'}.`,
        ...(lines.length > 0 ? ['Lines:', ...lines] : []),
      ].join('\n'),
    );
    if (!cancelled) return [shipped];
    return [
      shipped,
      entry(
        'fulfillment-cancelled',
        fulfillment.gid,
        fulfillment.updatedAt,
        `Order ${order.name}: a fulfilment was cancelled`,
        `The fulfilment shipped with ${carrier} on ${fulfillment.createdAt} was cancelled in Shopify.`,
      ),
    ];
  }

  function refundEntry(refund: ShopifyRefund): TimelineEntry {
    const amount = refund.totalRefunded[options.currency];
    const zero = isZero(amount.amount);
    const lines = refund.lines.map(
      (line) =>
        `- ${lineText(line.lineItemGid, line.quantity)}: ${money(line.subtotal[options.currency])}, ` +
        `tax ${money(line.totalTax[options.currency])}, restock ${line.restockType.toLowerCase().replace(/_/g, ' ')}`,
    );
    return entry(
      'refunded',
      refund.gid,
      refund.createdAt,
      zero ? `Order ${order.name}: return recorded, no money back` : `Order ${order.name} refunded ${money(amount)}`,
      [
        zero ? 'Items returned or exchanged without a refund of money.' : `Refunded ${money(amount)}.`,
        ...(lines.length > 0 ? ['Lines:', ...lines] : []),
        ...(refund.note ? [`Note: ${refund.note}`] : []),
      ].join('\n'),
    );
  }
}

function isRefundZero(refund: ShopifyRefund, options: OrderTimelineOptions): boolean {
  return isZero(refund.totalRefunded[options.currency].amount);
}
