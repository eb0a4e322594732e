/** fulfillmentCreate (through fulfilment orders, as 2025-01 requires) and returnCreate. */
import { displayFulfillmentStatus } from '../order-totals';
import type { OrderRecord } from '../records';
import { change, gid, idOf, type ShopStore } from '../store';
import type { UserError } from './customer-mutations';

type Tracking = { company: string | null; number: string | null; url: string | null };

/** Records a fulfilment of the given fulfilment-order lines on `order` (no validation, no topics). */
export function fulfilOrder(
  store: ShopStore,
  order: OrderRecord,
  parts: { foLineId: number; quantity: number }[],
  tracking: Tracking | null,
): number {
  const now = store.now();
  const lines: { id: number; lineItemId: number; quantity: number }[] = [];
  for (const part of parts) {
    for (const fo of order.fulfillmentOrders) {
      const line = fo.lines.find((l) => l.id === part.foLineId);
      if (!line || part.quantity === 0) continue;
      line.remainingQuantity -= part.quantity;
      fo.updatedAt = now;
      lines.push({ id: store.newId(), lineItemId: line.lineItemId, quantity: part.quantity });
    }
  }
  const fulfillment = {
    id: store.newId(),
    name: `${order.name}.${order.fulfillments.length + 1}`,
    createdAt: now,
    updatedAt: now,
    status: 'SUCCESS' as const,
    deliveredAt: null,
    tracking: tracking && (tracking.number || tracking.company || tracking.url) ? [tracking] : [],
    lines,
  };
  order.fulfillments.push(fulfillment);
  store.own(fulfillment.id, 'Fulfillment', order.id);
  for (const l of lines) store.own(l.id, 'FulfillmentLineItem', order.id);
  return fulfillment.id;
}

/** FulfillmentInput */
export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
  trackingInfo?: {
    number?: string | null;
    url?: string | null;
    company?: string | null;
    numbers?: string[] | null;
    urls?: string[] | null;
  } | null;
  notifyCustomer?: boolean | null;
}

export function fulfillmentCreate(
  store: ShopStore,
  input: FulfillmentInput,
): { fulfillmentId: number | null; userErrors: UserError[] } {
  const parts: { foLineId: number; quantity: number }[] = [];
  let order: OrderRecord | undefined;
  for (const [i, group] of input.lineItemsByFulfillmentOrder.entries()) {
    const field = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i), 'fulfillmentOrderId'];
    const foId = idOf(group.fulfillmentOrderId, 'FulfillmentOrder');
    const owner = foId === null ? undefined : store.owners.get(foId);
    const candidate = owner?.kind === 'FulfillmentOrder' ? store.orders.get(owner.orderId) : undefined;
    const fo = candidate?.fulfillmentOrders.find((f) => f.id === foId);
    if (!candidate || !fo)
      return { fulfillmentId: null, userErrors: [{ field, message: 'Fulfillment order does not exist.' }] };
    if (order && order.id !== candidate.id)
      return {
        fulfillmentId: null,
        userErrors: [{ field, message: 'All fulfillment orders must belong to the same order.' }],
      };
    if (candidate.cancelledAt)
      return {
        fulfillmentId: null,
        userErrors: [{ field, message: 'Fulfillment order is not in a fulfillable state.' }],
      };
    order = candidate;
    const requested = group.fulfillmentOrderLineItems?.length
      ? group.fulfillmentOrderLineItems.map((l) => ({
          foLineId: idOf(l.id, 'FulfillmentOrderLineItem') ?? -1,
          quantity: l.quantity,
        }))
      : fo.lines.map((l) => ({ foLineId: l.id, quantity: l.remainingQuantity }));
    for (const r of requested) {
      const line = fo.lines.find((l) => l.id === r.foLineId);
      if (!line || r.quantity < 0 || r.quantity > line.remainingQuantity)
        return {
          fulfillmentId: null,
          userErrors: [{ field: null, message: 'Invalid fulfillment order line item quantity requested.' }],
        };
    }
    parts.push(...requested);
  }
  if (!order || parts.every((p) => p.quantity === 0))
    return {
      fulfillmentId: null,
      userErrors: [{ field: null, message: 'Fulfillment order has no remaining line items to fulfill.' }],
    };
  const t = input.trackingInfo;
  const tracking = t
    ? { company: t.company ?? null, number: t.number ?? t.numbers?.[0] ?? null, url: t.url ?? t.urls?.[0] ?? null }
    : null;
  const id = fulfilOrder(store, order, parts, tracking);
  order.updatedAt = store.bump(order.updatedAt);
  const orderGid = gid('Order', order.id);
  const status = displayFulfillmentStatus(order);
  store.commit([
    change('fulfillments/create', gid('Fulfillment', id), { orderGid }),
    change(status === 'FULFILLED' ? 'orders/fulfilled' : 'orders/partially_fulfilled', orderGid),
    change('orders/updated', orderGid),
  ]);
  return { fulfillmentId: id, userErrors: [] };
}

/** ReturnInput */
export interface ReturnInput {
  orderId: string;
  returnLineItems: {
    fulfillmentLineItemId: string;
    quantity: number;
    returnReason: string;
    returnReasonNote?: string | null;
  }[];
  requestedAt?: string | null;
}

export function returnCreate(
  store: ShopStore,
  input: ReturnInput,
): { returnId: number | null; orderId: number | null; userErrors: (UserError & { code: string })[] } {
  const orderId = idOf(input.orderId, 'Order');
  const order = orderId === null ? undefined : store.orders.get(orderId);
  if (!order)
    return {
      returnId: null,
      orderId: null,
      userErrors: [{ field: ['returnInput', 'orderId'], message: 'Order does not exist.', code: 'NOT_FOUND' }],
    };
  const fulfilled = order.fulfillments.flatMap((f) => f.lines);
  const lines = [];
  for (const [i, l] of input.returnLineItems.entries()) {
    const flId = idOf(l.fulfillmentLineItemId, 'FulfillmentLineItem');
    const fl = fulfilled.find((x) => x.id === flId);
    const field = ['returnInput', 'returnLineItems', String(i)];
    if (!fl)
      return {
        returnId: null,
        orderId: null,
        userErrors: [
          {
            field: [...field, 'fulfillmentLineItemId'],
            message: 'Fulfillment line item does not exist.',
            code: 'NOT_FOUND',
          },
        ],
      };
    const alreadyReturned = order.returns
      .flatMap((r) => r.lines)
      .filter((x) => x.fulfillmentLineItemId === fl.id)
      .reduce((acc, x) => acc + x.quantity, 0);
    if (l.quantity < 1 || l.quantity > fl.quantity - alreadyReturned)
      return {
        returnId: null,
        orderId: null,
        userErrors: [
          { field: [...field, 'quantity'], message: 'Quantity is not available for return.', code: 'INVALID' },
        ],
      };
    lines.push({
      id: store.newId(),
      fulfillmentLineItemId: fl.id,
      quantity: l.quantity,
      returnReason: l.returnReason,
      returnReasonNote: l.returnReasonNote ?? '',
    });
  }
  const record = {
    id: store.newId(),
    name: `${order.name}-R${order.returns.length + 1}`,
    createdAt: store.now(),
    status: 'OPEN' as const,
    lines,
  };
  order.returns.push(record);
  store.own(record.id, 'Return', order.id);
  for (const l of lines) store.own(l.id, 'ReturnLineItem', order.id);
  order.updatedAt = store.bump(order.updatedAt);
  store.commit([change('orders/updated', gid('Order', order.id))]);
  return { returnId: record.id, orderId: order.id, userErrors: [] };
}
