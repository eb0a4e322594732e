import { FULFILLMENT_CREATE, FULFILLMENT_ORDERS, ORDER_CANCEL, REFUND_CREATE } from './documents';
import { format } from './money';
import { pick, pickString, type DemoContext, type DemoOperation } from './operation';
import type { PlannedOrder } from './orders';
import type { Prng } from './prng';
import { CARRIERS } from './tables';

/**
 * What happens to an order after it is placed: full or partial fulfilment, full or partial refund, cancellation.
 * Each step reads the ids it needs (line items, the captured transaction, fulfilment order lines) from earlier results.
 */

interface CreatedOrder {
  id: string;
  totalPriceSet: { presentmentMoney: { amount: string; currencyCode: string } };
  lineItems: { nodes: { id: string; quantity: number }[] };
  transactions: {
    id: string;
    kind: string;
    status: string;
    gateway: string | null;
    amountSet: { presentmentMoney: { amount: string } };
  }[];
}

function createdOrder(context: DemoContext, key: string): CreatedOrder {
  return pick(context, key, ['orderCreate', 'order']) as CreatedOrder;
}

/** The captured sale a refund must name as its parent ("A refund can happen only after a capture is processed"). */
function sale(order: CreatedOrder): { id: string; gateway: string; amount: string } {
  const found = order.transactions.find((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS');
  if (!found) throw new Error(`${order.id} has no captured sale to refund`);
  return { id: found.id, gateway: found.gateway ?? 'manual', amount: found.amountSet.presentmentMoney.amount };
}

interface FulfillmentOrders {
  order: {
    fulfillmentOrders: {
      nodes: { id: string; status: string; lineItems: { nodes: { id: string; remainingQuantity: number }[] } }[];
    };
  };
}

function fulfilmentOperations(prng: Prng, plan: PlannedOrder, partial: boolean): DemoOperation[] {
  const listKey = `${plan.key}:fulfillment-orders`;
  const carrier = prng.pick(CARRIERS);
  const number = `${prng.int(100000, 999999)}${prng.int(100000, 999999)}`;
  return [
    {
      key: listKey,
      document: FULFILLMENT_ORDERS,
      variables: (c) => ({ id: pickString(c, plan.key, ['orderCreate', 'order', 'id']) }),
    },
    {
      key: `${plan.key}:fulfillment`,
      document: FULFILLMENT_CREATE,
      variables: (context) => {
        const open = (context.result(listKey) as FulfillmentOrders).order.fulfillmentOrders.nodes.filter((fo) =>
          fo.lineItems.nodes.some((line) => line.remainingQuantity > 0),
        );
        const first = open[0];
        if (!first) throw new Error(`${plan.key}: nothing left to fulfil`);
        // Partial: one unit of the first line; full: every open fulfilment order, all its lines.
        const line = first.lineItems.nodes.find((l) => l.remainingQuantity > 0);
        const byOrder = partial
          ? [{ fulfillmentOrderId: first.id, fulfillmentOrderLineItems: [{ id: line?.id, quantity: 1 }] }]
          : open.map((fo) => ({ fulfillmentOrderId: fo.id }));
        return {
          fulfillment: {
            lineItemsByFulfillmentOrder: byOrder,
            trackingInfo: { company: carrier.company, number, url: carrier.url(number) },
            notifyCustomer: false,
          },
        };
      },
    },
  ];
}

function refundOperation(plan: PlannedOrder, full: boolean): DemoOperation {
  const { money } = plan;
  const currency = money.currencies.presentment;
  return {
    key: `${plan.key}:refund`,
    document: REFUND_CREATE,
    variables: (context) => {
      const order = createdOrder(context, plan.key);
      const parent = sale(order);
      const lines = order.lineItems.nodes;
      if (full) {
        return {
          input: {
            orderId: order.id,
            currency,
            note: 'Order returned in full',
            shipping: { fullRefund: true },
            refundLineItems: lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity, restockType: 'NO_RESTOCK' })),
            transactions: [
              {
                orderId: order.id,
                parentId: parent.id,
                kind: 'REFUND',
                gateway: parent.gateway,
                // What was captured: a full refund returns the payment, which may differ from the order total.
                amount: parent.amount,
              },
            ],
          },
        };
      }
      // One unit of the first line, refunded at no more than it was charged after discounts (plus added tax).
      const planned = money.lines[0];
      const line = lines[0];
      if (!planned || !line) throw new Error(`${plan.key}: no line to refund`);
      const charged =
        planned.gross.presentment - planned.discount.presentment + (money.taxesIncluded ? 0n : planned.tax.presentment);
      const perUnit = charged / BigInt(planned.quantity);
      return {
        input: {
          orderId: order.id,
          currency,
          note: 'Arrived damaged',
          refundLineItems: [{ lineItemId: line.id, quantity: 1, restockType: 'NO_RESTOCK' }],
          transactions: [
            {
              orderId: order.id,
              parentId: parent.id,
              kind: 'REFUND',
              gateway: parent.gateway,
              amount: format(perUnit, currency),
            },
          ],
        },
      };
    },
  };
}

function cancelOperation(prng: Prng, plan: PlannedOrder): DemoOperation {
  const reason = prng.pick(['CUSTOMER', 'FRAUD', 'INVENTORY', 'DECLINED', 'OTHER']);
  return {
    key: `${plan.key}:cancel`,
    document: ORDER_CANCEL,
    variables: (c) => ({
      orderId: pickString(c, plan.key, ['orderCreate', 'order', 'id']),
      reason,
      refund: plan.payment === 'paid',
      restock: true,
      staffNote: reason === 'FRAUD' ? 'Chargeback risk flagged by the payment provider' : null,
    }),
  };
}

/** Decides and writes the follow-ups of one order. */
export function generateFollowUps(prng: Prng, plan: PlannedOrder): DemoOperation[] {
  const units = plan.money.lines.reduce((n, l) => n + l.quantity, 0);
  const shippable = plan.money.shipping.length > 0;
  const fulfilRoll = prng.next();
  const fulfilment = !shippable
    ? null
    : fulfilRoll < 0.55
      ? 'full'
      : fulfilRoll < 0.72 && units >= 2
        ? 'partial'
        : null;
  const refundRoll = prng.next();
  const refund = plan.payment !== 'paid' ? null : refundRoll < 0.1 ? 'full' : refundRoll < 0.24 ? 'partial' : null;
  const cancel = fulfilment === null && refund === null && prng.chance(0.12);
  const operations: DemoOperation[] = [];
  if (fulfilment) operations.push(...fulfilmentOperations(prng, plan, fulfilment === 'partial'));
  if (refund) operations.push(refundOperation(plan, refund === 'full'));
  if (cancel) operations.push(cancelOperation(prng, plan));
  return operations;
}
