import { decimalToJsonNumber } from '../map/json-number';
import type { ShopifyOrder } from '../models/order';
import type { ShopifyOrderEvents } from '../models/order-events';
import type { CrmValue } from '../plan/plan-row';

/**
 * The salesorder states and statuses Dynamics knows (DATAVERSE.md; sales_Order.cdm.json): 0 Active (1 New,
 * 2 Pending), 1 Submitted (3 In Progress), 2 Canceled (4 No Money), 3 Fulfilled (100001 Complete, 100002 Partial),
 * 4 Invoiced (100003). Each pair below is one the platform accepts.
 */
export type CrmOrderStatus =
  | { statecode: 0; statuscode: 1 | 2 }
  | { statecode: 1; statuscode: 3 }
  | { statecode: 2; statuscode: 4 }
  | { statecode: 3; statuscode: 100001 | 100002 }
  | { statecode: 4; statuscode: 100003 };

/** The message that closes an order, when the target is a closed state (FulfillSalesOrder or CancelSalesOrder). */
export type CrmOrderClosing =
  { action: 'fulfill'; status: 100001 | 100002 } | { action: 'cancel'; status: 4; reason: string };

/**
 * Where a Shopify order belongs in Dynamics: state and status, the message that gets it there if it is a closed
 * state, our status columns, and why (for the sync log). A function of the order's current Shopify state only.
 */
export type CrmOrderState = CrmOrderStatus & {
  closing: CrmOrderClosing | null;
  /** `<prefix>_financialstatus`, `_fulfillmentstatus`, `_cancelreason`, `_refundedamount`, `_refundcount`. */
  columns: Record<string, CrmValue>;
  /** One sentence a person reads in the sync log. */
  why: string;
};

/** Options of {@link crmOrderState}. */
export interface CrmOrderStateOptions {
  /** The publisher prefix of our columns, without the underscore (`sv`). */
  prefix: string;
  /** Which of Shopify's money sets the CRM order is kept in (store setting). */
  currency: 'shop' | 'presentment';
}

/** One step towards a target state that Dynamics allows, or the reason there is none (a person decides). */
export type StateStep =
  | { kind: 'setState'; statecode: 0 | 1; statuscode: 1 | 2 | 3 }
  | { kind: 'fulfill'; status: 100001 | 100002 }
  | { kind: 'cancel'; status: 4; reason: string }
  | { kind: 'conflict'; reason: string };

/** A CRM order's state and status as read back (numbers from the Web API). */
export interface CrmStateRead {
  statecode: number;
  statuscode: number;
}

const STATE_NAMES: Record<number, string> = {
  0: 'Active',
  1: 'Submitted',
  2: 'Canceled',
  3: 'Fulfilled',
  4: 'Invoiced',
};
const STATUS_NAMES: Record<number, string> = {
  1: 'New',
  2: 'Pending',
  3: 'In Progress',
  4: 'No Money',
  100001: 'Complete',
  100002: 'Partial',
  100003: 'Invoiced',
};

/** "Fulfilled (Partial)", for messages a person reads. */
export function describeCrmStatus(status: CrmStateRead): string {
  const state = STATE_NAMES[status.statecode] ?? `state ${status.statecode}`;
  const reason = STATUS_NAMES[status.statuscode] ?? `status ${status.statuscode}`;
  return `${state} (${reason})`;
}

/**
 * Financial statuses in which the money is not (or not all) in: authorised but not captured, partly captured,
 * waiting, or given up (an expired or voided authorisation). Shopify's GraphQL enum; webhook bodies give it in lower
 * case, hence the normalisation below.
 */
const AWAITING_PAYMENT = new Set(['PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'EXPIRED', 'VOIDED']);

/** Shopify's display financial status in the GraphQL enum's spelling, or null when Shopify gives none. */
export function normalizeFinancialStatus(status: string | null): string | null {
  const text = status?.trim().toUpperCase() ?? '';
  return text === '' ? null : text;
}

/**
 * Shopify's fulfilment status in the GraphQL enum's spelling. The REST body says `null` for unfulfilled and `partial`
 * for partially fulfilled (SHOPIFY.md webhooks; the sandbox's order-body.ts), GraphQL `UNFULFILLED` and
 * `PARTIALLY_FULFILLED`.
 */
export function normalizeFulfillmentStatus(status: string | null): string {
  const text = status?.trim().toUpperCase() ?? '';
  if (text === '' || text === 'NULL') return 'UNFULFILLED';
  if (text === 'PARTIAL') return 'PARTIALLY_FULFILLED';
  return text;
}

/** Shopify's OrderCancelReason, said for a person (the CRM's orderclose subject and the timeline). */
const CANCEL_REASONS: Record<string, string> = {
  CUSTOMER: 'the customer changed or cancelled the order',
  DECLINED: 'the payment was declined',
  FRAUD: 'the order was fraudulent',
  INVENTORY: 'items were unavailable',
  STAFF: 'a staff error',
  OTHER: 'another reason',
};

/** The cancel reason code as Shopify's GraphQL enum spells it (`customer` in webhook bodies), `OTHER` when none. */
export function normalizeCancelReason(reason: string | null): string {
  const text = reason?.trim().toUpperCase() ?? '';
  return text === '' ? 'OTHER' : text;
}

/** "Cancelled in Shopify: the payment was declined (DECLINED)". */
export function describeCancelReason(reason: string | null): string {
  const code = normalizeCancelReason(reason);
  return `${CANCEL_REASONS[code] ?? code.toLowerCase().replace(/_/g, ' ')} (${code})`;
}

/**
 * The CRM state of an order, from its CURRENT Shopify state (DESIGN.md principle 3: never from the order in which
 * webhooks arrived, so replays and late deliveries land in the same place). The mapping, and why:
 *
 * - Cancelled in Shopify (`cancelledAt`) -> Canceled (2, 4 No Money) through CancelSalesOrder, with the reason. This
 *   wins over everything else: a cancelled order that was also fully refunded is Canceled, not Fulfilled.
 * - Fulfilled in Shopify (`FULFILLED`) -> Fulfilled Complete (3, 100001) through FulfillSalesOrder.
 * - Partially fulfilled AND closed (archived) in Shopify -> Fulfilled Partial (3, 100002): the merchant has said the
 *   rest will not ship. While the order is still open it stays Active instead: Fulfilled Partial is a closed state
 *   (DATAVERSE.md: only active orders can be edited; a closed order cannot be fulfilled again), so choosing it early
 *   would refuse the later "Complete", further line edits and our own status columns. Our fulfilment column says
 *   PARTIALLY_FULFILLED meanwhile.
 * - Everything else is Active: 2 Pending while the money is not in (pending, authorised, partly paid, expired or
 *   voided), 1 New otherwise (paid, refunded in part or whole, or nothing to pay).
 *   Submitted (1, 3) is never chosen, although "paid" suggests it: Submitted is read-only too (DATAVERSE.md,
 *   "Read-only states"), and Dynamics offers no way back to Active, so a paid order would refuse Shopify's order
 *   edits, later refunds on our columns, and fulfilment statuses. A fully refunded but not cancelled order also stays
 *   Active: Shopify can still fulfil or exchange on it, and CancelSalesOrder could not be undone.
 * - `closedAt` otherwise changes nothing: Shopify archives orders that are done (and can reopen them); the state the
 *   rest of the order calls for is the one that counts.
 */
export function crmOrderState(
  order: ShopifyOrder,
  events: ShopifyOrderEvents,
  options: CrmOrderStateOptions,
): CrmOrderState {
  const financial = normalizeFinancialStatus(order.financialStatus);
  const fulfillment = normalizeFulfillmentStatus(order.fulfillmentStatus);
  const columns = statusColumns(order, events, options, financial, fulfillment);
  if (order.cancelledAt !== null) {
    const reason = describeCancelReason(order.cancelReason);
    return {
      statecode: 2,
      statuscode: 4,
      closing: { action: 'cancel', status: 4, reason },
      columns,
      why: `Cancelled in Shopify: ${reason}.`,
    };
  }
  if (fulfillment === 'FULFILLED') {
    return {
      statecode: 3,
      statuscode: 100001,
      closing: { action: 'fulfill', status: 100001 },
      columns,
      why: 'Every line is fulfilled in Shopify.',
    };
  }
  if (fulfillment === 'PARTIALLY_FULFILLED' && order.closedAt !== null) {
    return {
      statecode: 3,
      statuscode: 100002,
      closing: { action: 'fulfill', status: 100002 },
      columns,
      why: 'Partially fulfilled and closed (archived) in Shopify: the rest will not ship.',
    };
  }
  if (financial !== null && AWAITING_PAYMENT.has(financial)) {
    return {
      statecode: 0,
      statuscode: 2,
      closing: null,
      columns,
      why: `Open in Shopify, payment ${financial.toLowerCase().replace(/_/g, ' ')}.`,
    };
  }
  return {
    statecode: 0,
    statuscode: 1,
    closing: null,
    columns,
    why: `Open in Shopify${financial ? `, ${financial.toLowerCase().replace(/_/g, ' ')}` : ''}.`,
  };
}

function statusColumns(
  order: ShopifyOrder,
  events: ShopifyOrderEvents,
  options: CrmOrderStateOptions,
  financial: string | null,
  fulfillment: string,
): Record<string, CrmValue> {
  const column = (name: string) => `${options.prefix}_${name}`;
  const refunded = order.totals.refunded[options.currency].amount;
  return {
    [column('financialstatus')]: financial,
    [column('fulfillmentstatus')]: fulfillment,
    [column('cancelreason')]: order.cancelledAt === null ? null : normalizeCancelReason(order.cancelReason),
    // Shopify's own total of what was paid back (totalRefundedSet), never a sum of ours: an exchange or a return
    // without money back is a refund of zero and must not count twice. A Decimal column takes a JSON number.
    [column('refundedamount')]: decimalToJsonNumber(refunded, column('refundedamount')),
    [column('refundcount')]: events.refunds.length,
  };
}

/** Whether a CRM order takes line and header edits: only Active ones do (DATAVERSE.md); a new one is created Active. */
export function isEditable(current: CrmStateRead | null): boolean {
  return current === null || current.statecode === 0;
}

/**
 * The steps that take a CRM order from its current state to the target, through what Dynamics allows
 * (the sandbox's dataverse/state.ts and writes/table-rules.ts follow the same rules):
 * - an update may change the status within Active, or move Active to Submitted, and only while the order is Active;
 * - FulfillSalesOrder and CancelSalesOrder close an Active or Submitted order, never a closed one;
 * - Canceled, Fulfilled and Invoiced are final for us (ConvertSalesOrderToInvoice is a person's decision).
 * A target it cannot reach is one `conflict` step, for a person: a forbidden transition is never attempted.
 * `current` null is an order about to be created, which Dynamics creates Active (New).
 */
export function planStateTransition(current: CrmStateRead | null, target: CrmOrderState): StateStep[] {
  const from: CrmStateRead = current ?? { statecode: 0, statuscode: 1 };
  if (from.statecode === target.statecode && from.statuscode === target.statuscode) return [];
  const conflict = (why: string): StateStep[] => [
    {
      kind: 'conflict',
      reason:
        `The CRM order is ${describeCrmStatus(from)} but Shopify calls for ${describeCrmStatus(target)} ` +
        `(${target.why}) ${why}`,
    },
  ];
  if (from.statecode === 0 || from.statecode === 1) {
    if (target.closing?.action === 'fulfill') return [{ kind: 'fulfill', status: target.closing.status }];
    if (target.closing?.action === 'cancel') return [{ kind: 'cancel', status: 4, reason: target.closing.reason }];
    if (target.statecode === 0 || target.statecode === 1) {
      if (from.statecode === 1 && target.statecode === 0)
        return conflict('Dynamics cannot reopen a Submitted order; set it back to Active by hand if it should be.');
      return [{ kind: 'setState', statecode: target.statecode, statuscode: target.statuscode }];
    }
    return conflict('Dynamics has no message that reaches it from here.');
  }
  if (from.statecode === 4) return conflict('The order is invoiced in Dynamics; the sync no longer changes its state.');
  if (from.statecode === 2 || from.statecode === 3)
    return conflict('A closed order cannot change state in Dynamics; a person decides what to do.');
  return conflict(`The CRM state ${from.statecode} is unknown to the sync.`);
}
