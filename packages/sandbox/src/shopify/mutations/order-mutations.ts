/** orderUpdate, orderCancel, orderClose, orderMarkAsPaid and refundCreate. */
import { randomUUID } from 'node:crypto';
import { addBags, type Bag, shareOfBag, subBags, ZERO } from '../money';
import * as totals from '../order-totals';
import type { OrderRecord, RefundLineRecord, TransactionRecord } from '../records';
import { change, gid, idOf, type PendingChange, type ShopStore } from '../store';
import { addressFromInput, type MailingAddressInput } from './address-input';
import type { UserError } from './customer-mutations';
import { presentmentAmount } from './money-input';

function findOrder(store: ShopStore, id: unknown): OrderRecord | undefined {
  const orderId = idOf(id, 'Order');
  return orderId === null ? undefined : store.orders.get(orderId);
}

const notFound = (field: string[]): UserError[] => [{ field, message: 'Order does not exist' }];

/** OrderInput */
export interface OrderUpdateInput {
  id: string;
  email?: string | null;
  note?: string | null;
  tags?: string[] | null;
  poNumber?: string | null;
  shippingAddress?: MailingAddressInput | null;
  customAttributes?: { key: string; value: string }[] | null;
}

export function orderUpdate(
  store: ShopStore,
  input: OrderUpdateInput,
): { orderId: number | null; userErrors: UserError[] } {
  const order = findOrder(store, input.id);
  if (!order) return { orderId: null, userErrors: notFound(['id']) };
  if (input.email !== undefined) order.email = input.email;
  if (input.note !== undefined) order.note = input.note;
  if (input.poNumber !== undefined) order.poNumber = input.poNumber;
  if (input.tags) order.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (input.customAttributes)
    order.customAttributes = input.customAttributes.map((a) => ({ key: a.key, value: a.value }));
  if (input.shippingAddress) order.shippingAddress = addressFromInput(store.newId(), input.shippingAddress);
  order.updatedAt = store.bump(order.updatedAt);
  store.commit([change('orders/updated', gid('Order', order.id))]);
  return { orderId: order.id, userErrors: [] };
}

function newTransaction(
  store: ShopStore,
  order: OrderRecord,
  kind: TransactionRecord['kind'],
  amount: Bag,
  gateway: string,
  parentId: number | null,
): TransactionRecord {
  const now = store.now();
  const t: TransactionRecord = {
    id: store.newId(),
    kind,
    status: 'SUCCESS',
    gateway,
    amount,
    createdAt: now,
    processedAt: now,
    parentId,
    authorizationCode: null,
    test: order.test,
    paymentId: `sim-${store.newId()}`,
  };
  order.transactions.push(t);
  store.own(t.id, 'OrderTransaction', order.id);
  return t;
}

/** How much of a SALE/CAPTURE is still refundable. */
function refundableFrom(order: OrderRecord, parent: TransactionRecord): Bag {
  const refunded = order.transactions
    .filter((t) => t.parentId === parent.id && t.kind === 'REFUND' && t.status === 'SUCCESS')
    .reduce((acc, t) => addBags(acc, t.amount), ZERO);
  return subBags(parent.amount, refunded);
}

export function orderCancel(
  store: ShopStore,
  args: { orderId: string; refund: boolean; restock: boolean; reason: string; staffNote?: string | null },
): { job: unknown; userErrors: (UserError & { code: string })[] } {
  const order = findOrder(store, args.orderId);
  if (!order)
    return { job: null, userErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }] };
  if (order.cancelledAt)
    return {
      job: null,
      userErrors: [{ field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' }],
    };
  const changes: PendingChange[] = [change('orders/cancelled', gid('Order', order.id))];
  const now = store.now();
  const refundLines: RefundLineRecord[] = order.lineItems
    .filter((l) => totals.currentQuantity(order, l) > 0)
    .map((l) => {
      const qty = totals.currentQuantity(order, l);
      return {
        id: store.newId(),
        lineItemId: l.id,
        quantity: qty,
        restockType: args.restock ? 'CANCEL' : 'NO_RESTOCK',
        price: totals.lineNetFor(l, 1),
        subtotal: totals.lineNetFor(l, qty),
        totalTax: shareOfBag(totals.lineTax(l), qty, l.quantity),
      };
    });
  const transactionIds: number[] = [];
  if (args.refund) {
    for (const parent of order.transactions.filter(
      (t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS',
    )) {
      const left = refundableFrom(order, parent);
      if (left.pres > 0)
        transactionIds.push(newTransaction(store, order, 'REFUND', left, parent.gateway, parent.id).id);
    }
  }
  if (refundLines.length > 0 || transactionIds.length > 0) {
    const refund = {
      id: store.newId(),
      createdAt: now,
      updatedAt: now,
      note: args.staffNote ?? null,
      lines: refundLines,
      transactionIds,
      shipping: { ...ZERO },
      returnId: null,
    };
    order.refunds.push(refund);
    store.own(refund.id, 'Refund', order.id);
    changes.push(change('refunds/create', gid('Refund', refund.id), { orderGid: gid('Order', order.id) }));
  }
  for (const fo of order.fulfillmentOrders) for (const l of fo.lines) l.remainingQuantity = 0;
  order.cancelledAt = now;
  order.cancelReason = args.reason;
  order.updatedAt = store.bump(order.updatedAt);
  changes.push(change('orders/updated', gid('Order', order.id)));
  store.commit(changes);
  // Shopify cancels in a background job; here it is done by the time the payload returns.
  return {
    job: { __typename: 'Job', id: `gid://shopify/Job/${randomUUID()}`, done: true, query: null },
    userErrors: [],
  };
}

export function orderClose(
  store: ShopStore,
  input: { id: string },
): { orderId: number | null; userErrors: UserError[] } {
  const order = findOrder(store, input.id);
  if (!order) return { orderId: null, userErrors: notFound(['id']) };
  if (!order.closedAt) {
    order.closedAt = store.now();
    order.updatedAt = store.bump(order.updatedAt);
    store.commit([change('orders/updated', gid('Order', order.id))]);
  }
  return { orderId: order.id, userErrors: [] };
}

export function orderMarkAsPaid(
  store: ShopStore,
  input: { id: string },
): { orderId: number | null; userErrors: UserError[] } {
  const order = findOrder(store, input.id);
  if (!order) return { orderId: null, userErrors: notFound(['id']) };
  const outstanding = totals.totalOutstanding(order);
  if (order.cancelledAt || outstanding.pres <= 0)
    return { orderId: null, userErrors: [{ field: ['id'], message: 'Order cannot be marked as paid.' }] };
  newTransaction(store, order, 'SALE', outstanding, 'manual', null);
  order.declaredFinancialStatus = null;
  order.updatedAt = store.bump(order.updatedAt);
  store.commit([change('orders/paid', gid('Order', order.id)), change('orders/updated', gid('Order', order.id))]);
  return { orderId: order.id, userErrors: [] };
}

/** RefundInput */
export interface RefundInput {
  orderId: string;
  note?: string | null;
  currency?: string | null;
  shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
  refundLineItems?:
    { lineItemId: string; quantity: number; restockType?: RefundLineRecord['restockType'] | null }[] | null;
  transactions?: { amount: string; gateway: string; kind: string; orderId: string; parentId?: string | null }[] | null;
}

export function refundCreate(
  store: ShopStore,
  input: RefundInput,
): { refundId: number | null; orderId: number | null; userErrors: UserError[] } {
  const fail = (
    field: string[] | null,
    message: string,
  ): { refundId: null; orderId: null; userErrors: UserError[] } => ({
    refundId: null,
    orderId: null,
    userErrors: [{ field, message }],
  });
  const order = findOrder(store, input.orderId);
  if (!order) return fail(['orderId'], 'Order does not exist');
  const c = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode, ratePpm: order.exchangeRatePpm };
  const lines: RefundLineRecord[] = [];
  for (const [i, r] of (input.refundLineItems ?? []).entries()) {
    const lineId = idOf(r.lineItemId, 'LineItem');
    const line = order.lineItems.find((l) => l.id === lineId);
    if (!line) return fail(['refundLineItems', String(i), 'lineItemId'], 'Line item does not exist');
    const refundable =
      line.quantity -
      totals.refundedQuantity(order, line.id) -
      lines.filter((x) => x.lineItemId === line.id).reduce((a, x) => a + x.quantity, 0);
    if (r.quantity < 1 || r.quantity > refundable)
      return fail(['refundLineItems', String(i), 'quantity'], 'Quantity cannot refund more items than were purchased');
    lines.push({
      id: store.newId(),
      lineItemId: line.id,
      quantity: r.quantity,
      restockType: r.restockType ?? 'NO_RESTOCK',
      price: totals.lineNetFor(line, 1),
      subtotal: totals.lineNetFor(line, r.quantity),
      totalTax: shareOfBag(totals.lineTax(line), r.quantity, line.quantity),
    });
  }
  const planned: { amount: Bag; parent: TransactionRecord; gateway: string }[] = [];
  for (const [i, t] of (input.transactions ?? []).entries()) {
    const field = ['transactions', String(i)];
    if (t.kind !== 'REFUND') return fail([...field, 'kind'], 'Kind must be refund');
    const parentId = idOf(t.parentId, 'OrderTransaction');
    const parent = order.transactions.find((x) => x.id === parentId);
    // SHOPIFY.md: a REFUND needs a captured parent (a SALE or CAPTURE).
    if (!parent || (parent.kind !== 'SALE' && parent.kind !== 'CAPTURE') || parent.status !== 'SUCCESS')
      return fail([...field, 'parentId'], 'A refund can happen only after a capture is processed');
    const amount = presentmentAmount(t.amount, c);
    if (!amount || amount.pres <= 0) return fail([...field, 'amount'], 'Amount is invalid');
    const already = planned.filter((p) => p.parent.id === parent.id).reduce((a, p) => a + p.amount.pres, 0);
    if (amount.pres + already > refundableFrom(order, parent).pres)
      return fail([...field, 'amount'], 'Amount cannot exceed the refundable amount of the parent transaction');
    planned.push({ amount, parent, gateway: t.gateway });
  }
  let shipping = { ...ZERO };
  if (input.shipping?.fullRefund) {
    const refunded = order.refunds.reduce((acc, r) => addBags(acc, r.shipping), ZERO);
    shipping = subBags(subBags(totals.shippingTotal(order), totals.shippingDiscount(order)), refunded);
  } else if (input.shipping?.amount) {
    const amount = presentmentAmount(input.shipping.amount, c);
    if (!amount) return fail(['shipping', 'amount'], 'Amount is invalid');
    shipping = amount;
  }
  if (lines.length === 0 && planned.length === 0 && shipping.pres === 0)
    return fail(null, 'Refund must contain line items, shipping or transactions');
  const now = store.now();
  const transactionIds = planned.map(
    (p) => newTransaction(store, order, 'REFUND', p.amount, p.gateway, p.parent.id).id,
  );
  const refund = {
    id: store.newId(),
    createdAt: now,
    updatedAt: now,
    note: input.note ?? null,
    lines,
    transactionIds,
    shipping,
    returnId: null,
  };
  order.refunds.push(refund);
  store.own(refund.id, 'Refund', order.id);
  for (const l of lines) {
    // A refunded quantity is no longer to be fulfilled.
    let toRemove = l.quantity;
    for (const fo of order.fulfillmentOrders)
      for (const fl of fo.lines)
        if (fl.lineItemId === l.lineItemId && toRemove > 0) {
          const take = Math.min(toRemove, fl.remainingQuantity);
          fl.remainingQuantity -= take;
          toRemove -= take;
        }
  }
  order.updatedAt = store.bump(order.updatedAt);
  store.commit([
    change('refunds/create', gid('Refund', refund.id), { orderGid: gid('Order', order.id) }),
    change('orders/updated', gid('Order', order.id)),
  ]);
  return { refundId: refund.id, orderId: order.id, userErrors: [] };
}
