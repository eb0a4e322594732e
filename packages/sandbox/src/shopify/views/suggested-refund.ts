/**
 * Order.suggestedRefund: what refunding some line quantities (and shipping) would return, and the refund
 * transactions to send with their captured parents (SHOPIFY.md: a REFUND needs a SALE or CAPTURE parent).
 */
import { addBags, type Bag, shareOfBag, subBags, ZERO } from '../money';
import { presentmentAmount } from '../mutations/money-input';
import * as totals from '../order-totals';
import type { OrderRecord } from '../records';
import { gid, idOf, type ShopStore } from '../store';
import { moneyBag } from './common';
import { LineItemView } from './line-item-view';
import { transactionView } from './order-parts-view';

/** Arguments of Order.suggestedRefund. */
export interface SuggestedRefundArgs {
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null }[] | null;
  refundShipping?: boolean | null;
  shippingAmount?: string | null;
  suggestFullRefund?: boolean | null;
}

function min(a: Bag, b: Bag): Bag {
  return a.pres <= b.pres ? a : b;
}

export function suggestedRefund(store: ShopStore, order: OrderRecord, args: SuggestedRefundArgs): unknown {
  const c = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode, ratePpm: order.exchangeRatePpm };
  const requested = args.suggestFullRefund
    ? order.lineItems.map((l) => ({
        lineItemId: gid('LineItem', l.id),
        quantity: l.quantity,
        restockType: 'NO_RESTOCK',
      }))
    : (args.refundLineItems ?? []);
  let subtotal = ZERO;
  let tax = ZERO;
  let cartDiscount = ZERO;
  const lines = requested.flatMap((r) => {
    const line = order.lineItems.find((l) => l.id === idOf(r.lineItemId, 'LineItem'));
    if (!line) return [];
    const quantity = Math.min(r.quantity, line.quantity - totals.refundedQuantity(order, line.id));
    if (quantity <= 0) return [];
    const lineSubtotal = totals.lineNetFor(line, quantity);
    const lineTax = shareOfBag(totals.lineTax(line), quantity, line.quantity);
    const across = line.discountAllocations
      .filter((a) => order.discountApplications[a.applicationIndex]?.allocationMethod === 'ACROSS')
      .reduce((acc, a) => addBags(acc, a.amount), ZERO);
    subtotal = addBags(subtotal, lineSubtotal);
    tax = addBags(tax, lineTax);
    cartDiscount = addBags(cartDiscount, shareOfBag(across, quantity, line.quantity));
    return [
      {
        __typename: 'RefundLineItem',
        id: null,
        lineItem: new LineItemView(order, line),
        quantity,
        restockType: r.restockType ?? 'NO_RESTOCK',
        restocked: (r.restockType ?? 'NO_RESTOCK') !== 'NO_RESTOCK',
        location: null,
        priceSet: moneyBag(totals.lineNetFor(line, 1), order),
        subtotalSet: moneyBag(lineSubtotal, order),
        totalTaxSet: moneyBag(lineTax, order),
      },
    ];
  });
  const shippingLeft = subBags(
    subBags(totals.shippingTotal(order), totals.shippingDiscount(order)),
    order.refunds.reduce((acc, r) => addBags(acc, r.shipping), ZERO),
  );
  const shipping =
    args.refundShipping || args.suggestFullRefund
      ? shippingLeft
      : args.shippingAmount
        ? min(presentmentAmount(args.shippingAmount, c) ?? ZERO, shippingLeft)
        : ZERO;
  const maximum = totals.netPayment(order);
  const wanted = addBags(subtotal, shipping, order.taxesIncluded ? ZERO : tax);
  const amount = min(wanted, maximum);
  // Spread the amount over the captured transactions, each up to what it still can refund.
  let left = amount;
  const suggestions = order.transactions
    .filter((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS')
    .flatMap((parent) => {
      const refunded = order.transactions
        .filter((t) => t.parentId === parent.id && t.kind === 'REFUND' && t.status === 'SUCCESS')
        .reduce((acc, t) => addBags(acc, t.amount), ZERO);
      const refundable = subBags(parent.amount, refunded);
      const take = min(left, refundable);
      if (take.pres <= 0) return [];
      left = subBags(left, take);
      const view = transactionView(store, order, parent) as Record<string, unknown>;
      return [
        {
          __typename: 'SuggestedOrderTransaction',
          kind: 'SUGGESTED_REFUND',
          amountSet: moneyBag(take, order),
          maximumRefundableSet: moneyBag(refundable, order),
          gateway: parent.gateway,
          formattedGateway: view.formattedGateway,
          accountNumber: null,
          paymentDetails: view.paymentDetails,
          parentTransaction: view,
        },
      ];
    });
  return {
    __typename: 'SuggestedRefund',
    amountSet: moneyBag(amount, order),
    maximumRefundableSet: moneyBag(maximum, order),
    subtotalSet: moneyBag(subtotal, order),
    discountedSubtotalSet: moneyBag(subtotal, order),
    totalTaxSet: moneyBag(tax, order),
    totalCartDiscountAmountSet: moneyBag(cartDiscount, order),
    totalDutiesSet: moneyBag(ZERO, order),
    refundDuties: [],
    refundLineItems: lines,
    shipping: {
      amountSet: moneyBag(shipping, order),
      maximumRefundableSet: moneyBag(shippingLeft, order),
      taxSet: moneyBag(ZERO, order),
    },
    suggestedTransactions: suggestions,
  };
}
