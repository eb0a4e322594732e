/**
 * Everything about an order that Shopify derives rather than stores: line and order totals (original and current,
 * i.e. after refunds remove quantities), taxes, discounts, payment sums and the display statuses. SHOPIFY.md:
 * "currentTotalPriceSet is the total after returns: refunded line items drop out of it at their discounted,
 * tax-inclusive price".
 */
import { addBags, type Bag, shareOfBag, subBags, ZERO } from './money';
import type { LineItemRecord, OrderRecord, TaxLineRecord } from './records';

const sum = (bags: Bag[]): Bag => addBags(ZERO, ...bags);

export function lineOriginalTotal(line: LineItemRecord): Bag {
  return { shop: line.unitPrice.shop * line.quantity, pres: line.unitPrice.pres * line.quantity };
}

/** All discounts allocated to the line, order-level ones included. */
export function lineDiscountTotal(line: LineItemRecord): Bag {
  return sum(line.discountAllocations.map((a) => a.amount));
}

/** Discounts aimed at this line alone (not spread ACROSS the order): what `discountedTotalSet` subtracts. */
export function lineOwnDiscount(order: OrderRecord, line: LineItemRecord): Bag {
  return sum(
    line.discountAllocations
      .filter((a) => order.discountApplications[a.applicationIndex]?.allocationMethod !== 'ACROSS')
      .map((a) => a.amount),
  );
}

export function lineTax(line: LineItemRecord): Bag {
  return sum(line.taxLines.map((t) => t.price));
}

export function refundedQuantity(order: OrderRecord, lineItemId: number): number {
  let total = 0;
  for (const refund of order.refunds)
    for (const r of refund.lines) if (r.lineItemId === lineItemId) total += r.quantity;
  return total;
}

export function fulfilledQuantity(order: OrderRecord, lineItemId: number): number {
  let total = 0;
  for (const f of order.fulfillments) {
    if (f.status !== 'SUCCESS') continue;
    for (const l of f.lines) if (l.lineItemId === lineItemId) total += l.quantity;
  }
  return total;
}

/** The line's quantity minus what refunds removed (LineItem.currentQuantity). */
export function currentQuantity(order: OrderRecord, line: LineItemRecord): number {
  return Math.max(0, line.quantity - refundedQuantity(order, line.id));
}

export function unfulfilledQuantity(order: OrderRecord, line: LineItemRecord): number {
  return Math.max(0, currentQuantity(order, line) - fulfilledQuantity(order, line.id));
}

/** Price of the line after every discount, for `quantity` of its units. */
export function lineNetFor(line: LineItemRecord, quantity: number): Bag {
  return shareOfBag(subBags(lineOriginalTotal(line), lineDiscountTotal(line)), quantity, line.quantity);
}

export function shippingTotal(order: OrderRecord): Bag {
  return sum(order.shippingLines.map((s) => s.price));
}

export function shippingDiscount(order: OrderRecord): Bag {
  return sum(order.shippingLines.flatMap((s) => s.discountAllocations.map((a) => a.amount)));
}

function shippingTax(order: OrderRecord): Bag {
  return sum(order.shippingLines.flatMap((s) => s.taxLines.map((t) => t.price)));
}

/** Subtotal: line prices after discounts, before shipping (tax-inclusive when the order's prices are). */
export function subtotal(order: OrderRecord, current: boolean): Bag {
  return sum(order.lineItems.map((l) => lineNetFor(l, current ? currentQuantity(order, l) : l.quantity)));
}

export function totalTax(order: OrderRecord, current: boolean): Bag {
  const lines = order.lineItems.map((l) =>
    current ? shareOfBag(lineTax(l), currentQuantity(order, l), l.quantity) : lineTax(l),
  );
  return addBags(sum(lines), shippingTax(order));
}

export function totalDiscounts(order: OrderRecord, current: boolean): Bag {
  const lines = order.lineItems.map((l) =>
    current ? shareOfBag(lineDiscountTotal(l), currentQuantity(order, l), l.quantity) : lineDiscountTotal(l),
  );
  return addBags(sum(lines), shippingDiscount(order));
}

export function totalPrice(order: OrderRecord, current: boolean): Bag {
  const base = addBags(subtotal(order, current), subBags(shippingTotal(order), shippingDiscount(order)));
  return order.taxesIncluded ? base : addBags(base, totalTax(order, current));
}

/** Order-level tax lines: the line and shipping tax lines summed by title and rate. */
export function orderTaxLines(order: OrderRecord, current: boolean): TaxLineRecord[] {
  const byKey = new Map<string, TaxLineRecord>();
  const add = (t: TaxLineRecord, price: Bag): void => {
    const key = `${t.title}|${t.ratePpm}`;
    const existing = byKey.get(key);
    if (existing) existing.price = addBags(existing.price, price);
    else byKey.set(key, { ...t, price });
  };
  for (const l of order.lineItems) {
    for (const t of l.taxLines) add(t, current ? shareOfBag(t.price, currentQuantity(order, l), l.quantity) : t.price);
  }
  for (const s of order.shippingLines) for (const t of s.taxLines) add(t, t.price);
  return [...byKey.values()];
}

/** Sums of successful transactions by what they did to the money. */
export function payments(order: OrderRecord): { captured: Bag; refunded: Bag; authorized: Bag } {
  const ok = order.transactions.filter((t) => t.status === 'SUCCESS');
  const of = (kinds: string[]): Bag => sum(ok.filter((t) => kinds.includes(t.kind)).map((t) => t.amount));
  const voided = new Set(ok.filter((t) => t.kind === 'VOID').map((t) => t.parentId));
  const captured = of(['SALE', 'CAPTURE']);
  // What is still authorised: authorisations not voided, less what was captured from them.
  const authorized = subBags(
    sum(ok.filter((t) => t.kind === 'AUTHORIZATION' && !voided.has(t.id)).map((t) => t.amount)),
    sum(ok.filter((t) => t.kind === 'CAPTURE' && t.parentId !== null).map((t) => t.amount)),
  );
  return { captured, refunded: of(['REFUND']), authorized };
}

export function netPayment(order: OrderRecord): Bag {
  const p = payments(order);
  return subBags(p.captured, p.refunded);
}

export function totalOutstanding(order: OrderRecord): Bag {
  if (order.cancelledAt) return { ...ZERO };
  const outstanding = subBags(totalPrice(order, true), netPayment(order));
  return { shop: Math.max(0, outstanding.shop), pres: Math.max(0, outstanding.pres) };
}

/** OrderDisplayFinancialStatus, from the transactions (or what orderCreate declared when none back it). */
export function displayFinancialStatus(order: OrderRecord): string {
  const p = payments(order);
  const voided = order.transactions.some((t) => t.kind === 'VOID' && t.status === 'SUCCESS');
  if (p.refunded.shop > 0 || p.refunded.pres > 0)
    return p.refunded.pres >= p.captured.pres ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  if (p.captured.pres > 0) return p.captured.pres >= totalPrice(order, true).pres ? 'PAID' : 'PARTIALLY_PAID';
  if (p.authorized.pres > 0) return 'AUTHORIZED';
  if (voided) return 'VOIDED';
  return order.declaredFinancialStatus ?? 'PENDING';
}

/** OrderDisplayFulfillmentStatus. */
export function displayFulfillmentStatus(order: OrderRecord): string {
  let open = 0;
  let fulfilled = 0;
  for (const l of order.lineItems) {
    open += currentQuantity(order, l);
    fulfilled += fulfilledQuantity(order, l.id);
  }
  const restocked = order.refunds.some((r) => r.lines.some((l) => l.restockType !== 'NO_RESTOCK'));
  if (open === 0 && fulfilled === 0 && restocked) return 'RESTOCKED';
  if (fulfilled === 0) return 'UNFULFILLED';
  return fulfilled >= open ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
}
