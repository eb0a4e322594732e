import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoneyBag } from '../models/money';
import type { ShopifyOrder } from '../models/order';
import type { ShopifyFulfillment, ShopifyOrderEvents, ShopifyRefund } from '../models/order-events';
import { crmOrderState, type CrmStateRead, planStateTransition, type StateStep } from './order-lifecycle';
import { orderTimeline, type TimelineEntry } from './order-timeline';

/**
 * The lifecycle's promise (issue 7, DESIGN.md principle 3): the CRM state is a function of the order's current Shopify
 * state, so however the webhooks of an order's history are delivered (any order, any number of times), the CRM order
 * ends in the same state with the same timeline entries, never a duplicate, never a forbidden transition.
 *
 * Shopify is modelled as a reducer over the events a merchant or customer causes, accepting only what Shopify
 * accepts. Each accepted event sends a webhook carrying the order as it was then. The worker, as DESIGN.md says,
 * syncs from a delivery only if it is newer (`updatedAt`) than what it synced last; the CRM is a small simulation of
 * Dynamics' rules for salesorder (after packages/sandbox/src/dataverse/state.ts and writes/table-rules.ts).
 */

const UNIT_CENTS = 1000;
const QUANTITY = 3;
const TOTAL_CENTS = UNIT_CENTS * QUANTITY;
const BASE_TIME = Date.parse('2026-11-01T10:00:00Z');
const REASONS = ['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'STAFF', 'OTHER'] as const;

/** What can happen to an order in Shopify after it is created. */
type ShopifyEvent =
  | { kind: 'pay' }
  | { kind: 'partialFulfil'; tracked: boolean }
  | { kind: 'fulfil'; tracked: boolean }
  | { kind: 'refund'; full: boolean }
  | { kind: 'cancel'; reason: (typeof REASONS)[number]; refund: boolean }
  | { kind: 'close' };

interface ShopifyModel {
  version: number;
  paid: boolean;
  /** Units fulfilled, units refunded (line quantity leaves currentQuantity), money refunded. */
  fulfilledUnits: number;
  refundedUnits: number;
  refundedCents: number;
  refunds: { cents: number; units: number; at: number }[];
  fulfillments: { units: number; tracked: boolean; at: number }[];
  cancelled: { reason: string; at: number } | null;
  closedAt: number | null;
}

const created = (): ShopifyModel => ({
  version: 0,
  paid: false,
  fulfilledUnits: 0,
  refundedUnits: 0,
  refundedCents: 0,
  refunds: [],
  fulfillments: [],
  cancelled: null,
  closedAt: null,
});

const openUnits = (model: ShopifyModel) => QUANTITY - model.refundedUnits - model.fulfilledUnits;

/**
 * Shopify's order after an event, or null when Shopify refuses it: a closed (archived) order takes nothing more here;
 * a cancelled order is neither paid nor fulfilled; an order with fulfilments cannot be cancelled; money is refunded
 * only once captured, and never more than was paid.
 */
function reduce(model: ShopifyModel, event: ShopifyEvent): ShopifyModel | null {
  if (model.closedAt !== null) return null;
  const at = model.version + 1;
  const next = { ...model, version: at };
  switch (event.kind) {
    case 'pay':
      if (model.paid || model.cancelled) return null;
      return { ...next, paid: true };
    case 'partialFulfil':
    case 'fulfil': {
      const units = event.kind === 'fulfil' ? openUnits(model) : 1;
      if (model.cancelled || openUnits(model) < 1 || (event.kind === 'partialFulfil' && openUnits(model) < 2))
        return null;
      return {
        ...next,
        fulfilledUnits: model.fulfilledUnits + units,
        fulfillments: [...model.fulfillments, { units, tracked: event.tracked, at }],
      };
    }
    case 'refund': {
      const left = TOTAL_CENTS - model.refundedCents;
      if (!model.paid || left === 0) return null;
      // A refund gives back unfulfilled units first (restocked), then returned ones.
      const units = event.full ? QUANTITY - model.refundedUnits : Math.min(1, QUANTITY - model.refundedUnits);
      const cents = event.full ? left : Math.min(UNIT_CENTS, left);
      return refunded(next, cents, units, at);
    }
    case 'cancel': {
      if (model.cancelled || model.fulfilledUnits > 0) return null;
      const cancelled = { ...next, cancelled: { reason: event.reason, at } };
      const left = TOTAL_CENTS - model.refundedCents;
      return event.refund && model.paid && left > 0
        ? refunded(cancelled, left, QUANTITY - model.refundedUnits, at)
        : cancelled;
    }
    case 'close':
      return { ...next, closedAt: at };
  }
}

function refunded(model: ShopifyModel, cents: number, units: number, at: number): ShopifyModel {
  return {
    ...model,
    refundedCents: model.refundedCents + cents,
    refundedUnits: model.refundedUnits + units,
    refunds: [...model.refunds, { cents, units, at }],
  };
}

const time = (step: number) => new Date(BASE_TIME + step * 60_000).toISOString();
const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const bag = (cents: number): MoneyBag => ({
  shop: { amount: amount(cents), currency: 'USD' },
  presentment: { amount: amount(cents), currency: 'EUR' },
});
const ORDER_GID = 'gid://shopify/Order/5001';
const LINE_GID = 'gid://shopify/LineItem/1';

/** Shopify's display statuses, as the sandbox's order-totals.ts derives them. */
function financialStatus(model: ShopifyModel): string {
  if (!model.paid) return 'PENDING';
  if (model.refundedCents === 0) return 'PAID';
  return model.refundedCents >= TOTAL_CENTS ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

function fulfillmentStatus(model: ShopifyModel): string {
  const current = QUANTITY - model.refundedUnits;
  if (model.fulfilledUnits === 0) return current === 0 ? 'RESTOCKED' : 'UNFULFILLED';
  return model.fulfilledUnits >= current ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
}

/** The order and its events as Shopify would give them at this point of its history. */
function snapshot(model: ShopifyModel): { order: ShopifyOrder; events: ShopifyOrderEvents } {
  const current = bag(TOTAL_CENTS - model.refundedCents);
  const zero = bag(0);
  const order: ShopifyOrder = {
    gid: ORDER_GID,
    legacyId: '5001',
    name: '#5001',
    email: 'ada@example.com',
    phone: null,
    createdAt: time(0),
    updatedAt: time(model.version),
    processedAt: time(0),
    cancelledAt: model.cancelled ? time(model.cancelled.at) : null,
    cancelReason: model.cancelled?.reason ?? null,
    closedAt: model.closedAt === null ? null : time(model.closedAt),
    test: false,
    tags: [],
    poNumber: null,
    sourceName: 'web',
    financialStatus: financialStatus(model),
    fulfillmentStatus: fulfillmentStatus(model),
    currency: 'USD',
    presentmentCurrency: 'EUR',
    taxesIncluded: false,
    customerGid: null,
    companyGid: null,
    companyLocationGid: null,
    billingAddress: null,
    shippingAddress: null,
    totals: {
      total: bag(TOTAL_CENTS),
      subtotal: bag(TOTAL_CENTS),
      tax: zero,
      discounts: zero,
      shipping: zero,
      refunded: bag(model.refundedCents),
      currentTotal: current,
      currentSubtotal: current,
      currentTax: zero,
      currentDiscounts: zero,
    },
    lineItems: [
      {
        gid: LINE_GID,
        sku: 'MUG',
        title: 'Mug',
        variantTitle: null,
        variantGid: null,
        quantity: QUANTITY,
        currentQuantity: QUANTITY - model.refundedUnits,
        taxable: false,
        originalUnitPrice: bag(UNIT_CENTS),
        discountAllocations: [],
        taxLines: [],
      },
    ],
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
  };
  const fulfillments = model.fulfillments.map((item, index): ShopifyFulfillment => ({
    gid: `gid://shopify/Fulfillment/${index + 1}`,
    createdAt: time(item.at),
    updatedAt: time(item.at),
    status: 'SUCCESS',
    trackingCompany: item.tracked ? 'UPS' : null,
    trackingNumbers: item.tracked ? [`1Z${index}`] : [],
    trackingUrls: item.tracked ? [`https://ups.example/1Z${index}`] : [],
    lines: [{ lineItemGid: LINE_GID, quantity: item.units }],
  }));
  const refunds = model.refunds.map((item, index): ShopifyRefund => ({
    gid: `gid://shopify/Refund/${index + 1}`,
    createdAt: time(item.at),
    note: null,
    totalRefunded: bag(item.cents),
    lines:
      item.units === 0
        ? []
        : [
            {
              lineItemGid: LINE_GID,
              quantity: item.units,
              restockType: 'RETURN',
              subtotal: bag(item.cents),
              totalTax: bag(0),
            },
          ],
  }));
  return { order, events: { fulfillments, refunds } };
}

/** The order's history: every event Shopify accepted, each with the order as it was right after it (create first). */
function history(events: ShopifyEvent[]): ReturnType<typeof snapshot>[] {
  let model = created();
  const snapshots = [snapshot(model)];
  for (const event of events) {
    const next = reduce(model, event);
    if (next === null) continue;
    model = next;
    snapshots.push(snapshot(model));
  }
  return snapshots;
}

/**
 * Dynamics' salesorder rules, as the sandbox enforces them: created Active (New); an update (columns or state) only
 * while Active, and never to a closed state; FulfillSalesOrder and CancelSalesOrder only from Active or Submitted,
 * with a status of their state.
 */
class SimulatedCrmOrder {
  statecode = 0;
  statuscode = 1;
  columns: Record<string, unknown> = {};

  update(columns: Record<string, unknown>): void {
    if (this.statecode !== 0) throw new Error('read only');
    Object.assign(this.columns, columns);
  }

  apply(step: StateStep): void {
    switch (step.kind) {
      case 'setState': {
        if (this.statecode !== 0) throw new Error('read only');
        const allowed = step.statecode === 0 ? [1, 2] : [3];
        if (!allowed.includes(step.statuscode)) throw new Error('invalid status for state');
        this.statecode = step.statecode;
        this.statuscode = step.statuscode;
        return;
      }
      case 'fulfill':
      case 'cancel':
        if (this.statecode !== 0 && this.statecode !== 1) throw new Error('only open orders can be closed');
        this.statecode = step.kind === 'fulfill' ? 3 : 2;
        this.statuscode = step.status;
        return;
      case 'conflict':
        return;
    }
  }

  read(): CrmStateRead {
    return { statecode: this.statecode, statuscode: this.statuscode };
  }
}

interface SyncOutcome {
  crm: CrmStateRead;
  columns: Record<string, unknown>;
  /** annotation id -> the note as first written (the worker writes a key it has not written before). */
  notes: Map<string, TimelineEntry>;
  conflicts: string[];
  annotationWrites: number;
}

/** The worker: skips a delivery not newer than what it synced; else writes columns while editable, the state steps,
 * and each timeline entry it has not written yet (PATCH annotations(<key>): an upsert by id). */
function deliver(
  snapshots: ReturnType<typeof snapshot>[],
  order: number[],
  currency: 'shop' | 'presentment',
): SyncOutcome {
  let crm: SimulatedCrmOrder | null = null;
  let synced = -1;
  const notes = new Map<string, TimelineEntry>();
  const conflicts: string[] = [];
  let annotationWrites = 0;
  for (const index of order) {
    const delivered = snapshots[index];
    if (!delivered || Date.parse(delivered.order.updatedAt) <= synced) continue;
    synced = Date.parse(delivered.order.updatedAt);
    const target = crmOrderState(delivered.order, delivered.events, { prefix: 'sv', currency });
    crm ??= new SimulatedCrmOrder();
    if (crm.statecode === 0) crm.update(target.columns);
    for (const step of planStateTransition(crm.read(), target)) {
      if (step.kind === 'conflict') conflicts.push(step.reason);
      crm.apply(step);
    }
    for (const entry of orderTimeline(delivered.order, delivered.events, { storeKey: 'us', currency })) {
      annotationWrites += 1;
      if (!notes.has(entry.key)) notes.set(entry.key, entry);
    }
  }
  return {
    crm: crm?.read() ?? { statecode: -1, statuscode: -1 },
    columns: crm?.columns ?? {},
    notes,
    conflicts,
    annotationWrites,
  };
}

/** The timeline a person should see, counted from the model rather than from orderTimeline. */
function expectedNoteCount(final: ReturnType<typeof snapshot>): number {
  const { order, events } = final;
  const paid = order.financialStatus !== 'PENDING' ? 1 : 0;
  return 1 + paid + events.fulfillments.length + events.refunds.length + (order.cancelledAt ? 1 : 0);
}

/** Checks one delivery order against the order's final Shopify state. */
function expectSameEnd(snapshots: ReturnType<typeof snapshot>[], order: number[], currency: 'shop' | 'presentment') {
  const final = snapshots[snapshots.length - 1];
  if (!final) throw new Error('a history has at least the created order');
  const target = crmOrderState(final.order, final.events, { prefix: 'sv', currency });
  const timeline = orderTimeline(final.order, final.events, { storeKey: 'us', currency });
  const outcome = deliver(snapshots, order, currency);
  // Same state, reached without a conflict or a refused step, whatever the delivery order.
  expect(outcome.conflicts).toEqual([]);
  expect(outcome.crm).toEqual({ statecode: target.statecode, statuscode: target.statuscode });
  if (target.statecode === 0) expect(outcome.columns).toEqual(target.columns);
  // Same notes: one per event, with the content the final state gives them.
  expect([...outcome.notes.keys()].sort()).toEqual(timeline.map((entry) => entry.key).sort());
  expect(outcome.notes.size).toBe(expectedNoteCount(final));
  for (const entry of timeline) expect(outcome.notes.get(entry.key)).toEqual(entry);
  return outcome;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

const event: fc.Arbitrary<ShopifyEvent> = fc.oneof(
  fc.constant({ kind: 'pay' as const }),
  fc.record({ kind: fc.constant('partialFulfil' as const), tracked: fc.boolean() }),
  fc.record({ kind: fc.constant('fulfil' as const), tracked: fc.boolean() }),
  fc.record({ kind: fc.constant('refund' as const), full: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), reason: fc.constantFrom(...REASONS), refund: fc.boolean() }),
  fc.constant({ kind: 'close' as const }),
);

/**
 * A history, and a delivery of it: every webhook at least once, some again, in any order. The value holds the events
 * and the delivery order only, so that a counterexample reads short; the snapshots are rebuilt from the events.
 */
const delivery = fc
  .record({
    events: fc.array(event, { maxLength: 10 }),
    currency: fc.constantFrom('shop' as const, 'presentment' as const),
  })
  .chain(({ events, currency }) => {
    const all = history(events).map((_, index) => index);
    return fc
      .array(fc.nat(all.length - 1), { maxLength: 2 * all.length })
      .chain((extra) => fc.shuffledSubarray([...all, ...extra], { minLength: all.length + extra.length }))
      .map((order) => ({ events, order, currency }));
  });

describe('order lifecycle under replay and reordering', () => {
  it('every delivery order of create, pay, partial fulfil, refund, fulfil, close ends alike', () => {
    // Setup
    const snapshots = history([
      { kind: 'pay' },
      { kind: 'partialFulfil', tracked: true },
      { kind: 'refund', full: false },
      { kind: 'fulfil', tracked: false },
      { kind: 'close' },
    ]);
    expect(snapshots).toHaveLength(6);

    // Action and Assertions: all 720 orders, each webhook once, then each delivered twice over.
    for (const order of permutations([0, 1, 2, 3, 4, 5])) {
      expectSameEnd(snapshots, order, 'shop');
      expectSameEnd(snapshots, [...order, ...order.slice().reverse()], 'presentment');
    }
    const end = deliver(snapshots, [5], 'shop');
    expect(end.crm).toEqual({ statecode: 3, statuscode: 100001 });
  });

  it('every delivery order of create, pay, partial refund, cancel with refund, close ends Canceled', () => {
    // Setup
    const snapshots = history([
      { kind: 'pay' },
      { kind: 'refund', full: false },
      { kind: 'cancel', reason: 'CUSTOMER', refund: true },
      { kind: 'fulfil', tracked: true },
      { kind: 'close' },
    ]);
    // Shopify refuses to fulfil a cancelled order: the fulfil is not part of the history.
    expect(snapshots).toHaveLength(5);

    // Action and Assertions
    for (const order of permutations([0, 1, 2, 3, 4])) {
      const outcome = expectSameEnd(snapshots, [...order, ...order], 'shop');
      expect(outcome.crm).toEqual({ statecode: 2, statuscode: 4 });
    }
  });

  it('a partially fulfilled order closed in Shopify ends Fulfilled Partial, whatever the delivery', () => {
    // Setup
    const snapshots = history([{ kind: 'pay' }, { kind: 'partialFulfil', tracked: true }, { kind: 'close' }]);

    // Action and Assertions
    for (const order of permutations([0, 1, 2, 3])) {
      expect(expectSameEnd(snapshots, order, 'shop').crm).toEqual({ statecode: 3, statuscode: 100002 });
    }
  });

  it('any history, delivered in any order any number of times, ends in the final state with its notes once', () => {
    fc.assert(
      fc.property(delivery, ({ events, order, currency }) => {
        const outcome = expectSameEnd(history(events), order, currency);
        // A replayed delivery writes nothing new: the note count is the events', not the deliveries'.
        expect(outcome.annotationWrites).toBeGreaterThanOrEqual(outcome.notes.size);
      }),
      { numRuns: 500 },
    );
  });

  it('a delivery of an old state after the final one changes nothing', () => {
    fc.assert(
      fc.property(delivery, ({ events, order, currency }) => {
        // Setup
        const snapshots = history(events);
        const last = snapshots.length - 1;

        // Action
        const first = deliver(snapshots, [last], currency);
        const replayed = deliver(snapshots, [last, ...order], currency);

        // Assertions
        expect(replayed.crm).toEqual(first.crm);
        expect([...replayed.notes.keys()].sort()).toEqual([...first.notes.keys()].sort());
      }),
      { numRuns: 200 },
    );
  });
});
