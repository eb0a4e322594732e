/**
 * What hangs off an order besides its lines: OrderTransaction, Refund and RefundLineItem, Fulfillment and
 * FulfillmentLineItem (with trackingInfo), FulfillmentOrder and its line items, Return and ReturnLineItem.
 */
import { paginate } from '../connection';
import { addBags, formatDecimal, shareOfBag, subBags, ZERO } from '../money';
import { lineNetFor, lineOriginalTotal, lineOwnDiscount } from '../order-totals';
import type {
  FulfillmentOrderRecord,
  FulfillmentRecord,
  OrderRecord,
  RefundRecord,
  ReturnRecord,
  TransactionRecord,
} from '../records';
import { gid, type ShopStore } from '../store';
import { iso, moneyBag, moneyV2, type ViewContext } from './common';
import type { ListArgs } from './resource-lists';
import { LineItemView } from './line-item-view';
import { OrderView } from './order-view';

function lineView(order: OrderRecord, lineItemId: number): LineItemView | null {
  const line = order.lineItems.find((l) => l.id === lineItemId);
  return line ? new LineItemView(order, line) : null;
}

function orderView(store: ShopStore, order: OrderRecord): unknown {
  return new OrderView(store, order);
}

export function transactionView(store: ShopStore, order: OrderRecord, t: TransactionRecord): unknown {
  const parent = t.parentId === null ? null : order.transactions.find((p) => p.id === t.parentId);
  const refundedFromThis = order.transactions
    .filter((r) => r.parentId === t.id && r.kind === 'REFUND' && r.status === 'SUCCESS')
    .reduce((acc, r) => acc + r.amount.pres, 0);
  const manual = t.gateway === 'manual' || t.gateway === 'cash';
  return {
    __typename: 'OrderTransaction',
    id: gid('OrderTransaction', t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway:
      t.gateway === 'bogus' ? '(For Testing) Bogus Gateway' : t.gateway.replace(/^\w/, (c) => c.toUpperCase()),
    manualPaymentGateway: manual,
    amountSet: moneyBag(t.amount, order),
    amount: formatDecimal(t.amount.shop, order.currencyCode),
    createdAt: iso(t.createdAt),
    processedAt: iso(t.processedAt),
    authorizationCode: t.authorizationCode,
    authorizationExpiresAt: null,
    errorCode: null,
    test: t.test,
    paymentId: t.paymentId,
    receiptJson: '{}',
    accountNumber: null,
    // The test gateway ("bogus") pays with Shopify's test card 1, whose details real stores report like this
    // (real-store-responses/graphql-order-transactions-response_ms-bc-connector.json); other gateways carry none.
    paymentDetails:
      t.gateway === 'bogus'
        ? {
            __typename: 'CardPaymentDetails',
            avsResultCode: null,
            cvvResultCode: null,
            bin: '1',
            number: '•••• •••• •••• 1',
            company: 'Bogus',
            name: null,
            expirationMonth: null,
            expirationYear: null,
            paymentMethodName: 'bogus',
            wallet: null,
          }
        : null,
    fees: [],
    user: null,
    amountRoundingSet: null,
    shopifyPaymentsSet: null,
    paymentIcon: null,
    settlementCurrency: null,
    settlementCurrencyRate: null,
    multiCapturable: false,
    manuallyCapturable: false,
    totalUnsettledSet: moneyBag(t.kind === 'AUTHORIZATION' && t.status === 'SUCCESS' ? t.amount : ZERO, order),
    maximumRefundableV2:
      t.kind === 'SALE' || t.kind === 'CAPTURE'
        ? moneyV2(t.amount.pres - refundedFromThis, order.presentmentCurrencyCode)
        : null,
    parentTransaction: () => (parent ? transactionView(store, order, parent) : null),
    order: () => orderView(store, order),
  };
}

export function refundView(store: ShopStore, order: OrderRecord, r: RefundRecord): unknown {
  const transactions = order.transactions.filter((t) => r.transactionIds.includes(t.id));
  const refunded = transactions.filter((t) => t.status === 'SUCCESS').reduce((acc, t) => addBags(acc, t.amount), ZERO);
  const lines = r.lines.map((l) => ({
    __typename: 'RefundLineItem',
    id: gid('RefundLineItem', l.id),
    lineItem: lineView(order, l.lineItemId),
    quantity: l.quantity,
    restockType: l.restockType,
    restocked: l.restockType !== 'NO_RESTOCK',
    location: null,
    priceSet: moneyBag(l.price, order),
    subtotalSet: moneyBag(l.subtotal, order),
    totalTaxSet: moneyBag(l.totalTax, order),
  }));
  return {
    __typename: 'Refund',
    id: gid('Refund', r.id),
    legacyResourceId: String(r.id),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    note: r.note,
    duties: [],
    staffMember: null,
    totalRefundedSet: moneyBag(refunded, order),
    order: () => orderView(store, order),
    return: () => {
      const ret = order.returns.find((x) => x.id === r.returnId);
      return ret ? returnView(store, order, ret) : null;
    },
    refundLineItems: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        r.lines,
        args,
        (l) => l.id,
        (l) => lines[r.lines.indexOf(l)],
        ctx.bulk,
      ),
    transactions: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        transactions,
        args,
        (t) => t.id,
        (t) => transactionView(store, order, t),
        ctx.bulk,
      ),
    refundShippingLines: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        r.shipping.pres === 0 && r.shipping.shop === 0 ? [] : [{ id: r.id }],
        args,
        (s) => s.id,
        () => ({
          __typename: 'RefundShippingLine',
          shippingLine: null,
          subtotalAmountSet: moneyBag(r.shipping, order),
          taxAmountSet: moneyBag(ZERO, order),
        }),
        ctx.bulk,
      ),
    orderAdjustments: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        [],
        args,
        () => 0,
        () => null,
        ctx.bulk,
      ),
  };
}

/** FulfillmentLineItem */
export function fulfillmentLineView(order: OrderRecord, l: FulfillmentRecord['lines'][number]): unknown {
  const line = order.lineItems.find((x) => x.id === l.lineItemId);
  const original = line ? shareOfBag(lineOriginalTotal(line), l.quantity, line.quantity) : ZERO;
  const discounted = line
    ? shareOfBag(subBags(lineOriginalTotal(line), lineOwnDiscount(order, line)), l.quantity, line.quantity)
    : ZERO;
  return {
    __typename: 'FulfillmentLineItem',
    id: gid('FulfillmentLineItem', l.id),
    quantity: l.quantity,
    lineItem: lineView(order, l.lineItemId),
    originalTotalSet: moneyBag(original, order),
    discountedTotalSet: moneyBag(discounted, order),
  };
}

export function fulfillmentView(store: ShopStore, order: OrderRecord, f: FulfillmentRecord): unknown {
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', f.id),
    legacyResourceId: String(f.id),
    name: f.name,
    status: f.status,
    displayStatus: f.status === 'CANCELLED' ? 'CANCELED' : f.deliveredAt ? 'DELIVERED' : 'FULFILLED',
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
    deliveredAt: iso(f.deliveredAt),
    estimatedDeliveryAt: null,
    inTransitAt: null,
    requiresShipping: true,
    location: null,
    originAddress: null,
    service: null,
    totalQuantity: f.lines.reduce((acc, l) => acc + l.quantity, 0),
    trackingInfo: (args: { first?: number | null }) =>
      f.tracking.slice(0, args.first ?? undefined).map((t) => ({ __typename: 'FulfillmentTrackingInfo', ...t })),
    fulfillmentLineItems: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        f.lines,
        args,
        (l) => l.id,
        (l) => fulfillmentLineView(order, l),
        ctx.bulk,
      ),
    order: () => orderView(store, order),
  };
}

export function fulfillmentOrderView(store: ShopStore, order: OrderRecord, fo: FulfillmentOrderRecord): unknown {
  const remaining = fo.lines.reduce((acc, l) => acc + l.remainingQuantity, 0);
  const total = fo.lines.reduce((acc, l) => acc + l.totalQuantity, 0);
  const status = order.cancelledAt
    ? 'CANCELLED'
    : remaining === 0 && total > 0
      ? 'CLOSED'
      : remaining === total
        ? 'OPEN'
        : 'IN_PROGRESS';
  return {
    __typename: 'FulfillmentOrder',
    id: gid('FulfillmentOrder', fo.id),
    orderId: gid('Order', order.id),
    orderName: order.name,
    orderProcessedAt: iso(order.processedAt),
    createdAt: iso(fo.createdAt),
    updatedAt: iso(fo.updatedAt),
    status,
    requestStatus: 'UNSUBMITTED',
    fulfillAt: null,
    fulfillBy: null,
    fulfillmentHolds: [],
    order: () => orderView(store, order),
    lineItems: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        fo.lines,
        args,
        (l) => l.id,
        (l) => {
          const line = order.lineItems.find((x) => x.id === l.lineItemId);
          return {
            __typename: 'FulfillmentOrderLineItem',
            id: gid('FulfillmentOrderLineItem', l.id),
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
            lineItem: lineView(order, l.lineItemId),
            sku: line?.sku ?? null,
            productTitle: line?.title ?? '',
            variantTitle: line?.variantTitle ?? null,
            vendor: line?.vendor ?? null,
            requiresShipping: line?.requiresShipping ?? true,
            variant: null,
            image: null,
            inventoryItemId: null,
            warnings: [],
          };
        },
        ctx.bulk,
      ),
  };
}

export function returnView(store: ShopStore, order: OrderRecord, r: ReturnRecord): unknown {
  const fulfillmentLines = order.fulfillments.flatMap((f) => f.lines);
  return {
    __typename: 'Return',
    id: gid('Return', r.id),
    name: r.name,
    status: r.status,
    totalQuantity: r.lines.reduce((acc, l) => acc + l.quantity, 0),
    decline: null,
    returnShippingFees: [],
    order: () => orderView(store, order),
    refunds: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        order.refunds.filter((x) => x.returnId === r.id),
        args,
        (x) => x.id,
        (x) => refundView(store, order, x),
        ctx.bulk,
      ),
    returnLineItems: (args: ListArgs, ctx: ViewContext) =>
      paginate(
        r.lines,
        args,
        (l) => l.id,
        (l) => {
          const fl = fulfillmentLines.find((x) => x.id === l.fulfillmentLineItemId);
          const line = fl ? order.lineItems.find((x) => x.id === fl.lineItemId) : undefined;
          const refunded = order.refunds
            .filter((x) => x.returnId === r.id)
            .flatMap((x) => x.lines)
            .filter((x) => x.lineItemId === fl?.lineItemId)
            .reduce((acc, x) => acc + x.quantity, 0);
          return {
            __typename: 'ReturnLineItem',
            id: gid('ReturnLineItem', l.id),
            quantity: l.quantity,
            returnReason: l.returnReason,
            returnReasonNote: l.returnReasonNote,
            customerNote: null,
            refundedQuantity: Math.min(refunded, l.quantity),
            refundableQuantity: Math.max(0, l.quantity - refunded),
            restockingFee: null,
            fulfillmentLineItem: fl ? fulfillmentLineView(order, fl) : null,
            withCodeDiscountedTotalPriceSet: moneyBag(line ? lineNetFor(line, l.quantity) : ZERO, order),
          };
        },
        ctx.bulk,
      ),
  };
}
