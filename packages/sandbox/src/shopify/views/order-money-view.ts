/**
 * The money fields of Order: original and current totals (current = after refunds removed quantities), taxes,
 * discounts, shipping, payments; MoneyBags with shop and presentment amounts, and the deprecated shop-currency
 * `Money` strings still in 2025-01.
 */
import { addBags, type Bag, formatDecimal, shareOfBag, subBags, ZERO } from '../money';
import * as totals from '../order-totals';
import type { OrderRecord } from '../records';
import { moneyBag } from './common';

export class OrderMoneyView {
  constructor(protected readonly o: OrderRecord) {}

  protected bag(amount: Bag): unknown {
    return moneyBag(amount, this.o);
  }
  protected shopAmount(amount: Bag): string {
    return formatDecimal(amount.shop, this.o.currencyCode);
  }

  subtotalPriceSet(): unknown {
    return this.bag(totals.subtotal(this.o, false));
  }
  currentSubtotalPriceSet(): unknown {
    return this.bag(totals.subtotal(this.o, true));
  }
  totalPriceSet(): unknown {
    return this.bag(totals.totalPrice(this.o, false));
  }
  originalTotalPriceSet(): unknown {
    return this.bag(totals.totalPrice(this.o, false));
  }
  currentTotalPriceSet(): unknown {
    return this.bag(totals.totalPrice(this.o, true));
  }
  totalTaxSet(): unknown {
    return this.bag(totals.totalTax(this.o, false));
  }
  currentTotalTaxSet(): unknown {
    return this.bag(totals.totalTax(this.o, true));
  }
  totalDiscountsSet(): unknown {
    return this.bag(totals.totalDiscounts(this.o, false));
  }
  currentTotalDiscountsSet(): unknown {
    return this.bag(totals.totalDiscounts(this.o, true));
  }
  private cartDiscount(current: boolean): Bag {
    let amount = ZERO;
    for (const l of this.o.lineItems) {
      const across = l.discountAllocations
        .filter((a) => this.o.discountApplications[a.applicationIndex]?.allocationMethod === 'ACROSS')
        .reduce((acc, a) => addBags(acc, a.amount), ZERO);
      amount = addBags(amount, current ? shareOfBag(across, totals.currentQuantity(this.o, l), l.quantity) : across);
    }
    return amount;
  }
  cartDiscountAmountSet(): unknown {
    return this.bag(this.cartDiscount(false));
  }
  currentCartDiscountAmountSet(): unknown {
    return this.bag(this.cartDiscount(true));
  }
  totalShippingPriceSet(): unknown {
    return this.bag(totals.shippingTotal(this.o));
  }
  currentShippingPriceSet(): unknown {
    return this.bag(subBags(totals.shippingTotal(this.o), totals.shippingDiscount(this.o)));
  }
  totalRefundedSet(): unknown {
    return this.bag(totals.payments(this.o).refunded);
  }
  totalRefundedShippingSet(): unknown {
    return this.bag(this.o.refunds.reduce((acc, r) => addBags(acc, r.shipping), ZERO));
  }
  totalReceivedSet(): unknown {
    return this.bag(totals.payments(this.o).captured);
  }
  netPaymentSet(): unknown {
    return this.bag(totals.netPayment(this.o));
  }
  totalOutstandingSet(): unknown {
    return this.bag(totals.totalOutstanding(this.o));
  }
  totalCapturableSet(): unknown {
    return this.bag(totals.payments(this.o).authorized);
  }
  totalTipReceivedSet(): unknown {
    return this.bag(ZERO);
  }
  refundDiscrepancySet(): unknown {
    return this.bag(ZERO);
  }
  currentTotalDutiesSet(): null {
    return null;
  }
  originalTotalDutiesSet(): null {
    return null;
  }
  currentTotalAdditionalFeesSet(): null {
    return null;
  }
  originalTotalAdditionalFeesSet(): null {
    return null;
  }
  /** Cash rounding applies to cash payments in some currencies; no simulated payment is rounded. */
  totalCashRoundingAdjustment(): unknown {
    return { paymentSet: this.bag(ZERO), refundSet: this.bag(ZERO) };
  }
  additionalFees(): unknown[] {
    return [];
  }
  subtotalPrice(): string {
    return this.shopAmount(totals.subtotal(this.o, false));
  }
  totalPrice(): string {
    return this.shopAmount(totals.totalPrice(this.o, false));
  }
  totalTax(): string {
    return this.shopAmount(totals.totalTax(this.o, false));
  }
  totalDiscounts(): string {
    return this.shopAmount(totals.totalDiscounts(this.o, false));
  }
  totalShippingPrice(): string {
    return this.shopAmount(totals.shippingTotal(this.o));
  }
  totalRefunded(): string {
    return this.shopAmount(totals.payments(this.o).refunded);
  }
  totalReceived(): string {
    return this.shopAmount(totals.payments(this.o).captured);
  }
  netPayment(): string {
    return this.shopAmount(totals.netPayment(this.o));
  }
}
