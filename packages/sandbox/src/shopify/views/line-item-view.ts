/** LineItem, ShippingLine, TaxLine, DiscountApplication (three types) and DiscountAllocation views. */
import { formatDecimal, shareOfBag, subBags } from '../money';
import {
  currentQuantity,
  fulfilledQuantity,
  lineDiscountTotal,
  lineNetFor,
  lineOriginalTotal,
  lineOwnDiscount,
  refundedQuantity,
  unfulfilledQuantity,
} from '../order-totals';
import type {
  DiscountAllocationRecord,
  DiscountApplicationRecord,
  LineItemRecord,
  OrderRecord,
  ShippingLineRecord,
  TaxLineRecord,
} from '../records';
import { gid } from '../store';
import { attributes, moneyBag, moneyV2 } from './common';

/** Rates are stored in parts per million; the schema's `rate` is a Float such as 0.21. */
function ppmToFloat(ppm: number): number {
  return ppm / 1_000_000;
}

export function taxLine(t: TaxLineRecord, order: OrderRecord): unknown {
  return {
    __typename: 'TaxLine',
    title: t.title,
    rate: ppmToFloat(t.ratePpm),
    ratePercentage: ppmToFloat(t.ratePpm * 100),
    priceSet: moneyBag(t.price, order),
    channelLiable: t.channelLiable,
    source: 'Shopify',
  };
}

export function discountApplication(d: DiscountApplicationRecord, order: OrderRecord): unknown {
  const value =
    d.value.kind === 'percentage'
      ? { __typename: 'PricingPercentageValue', percentage: d.value.percentage }
      : moneyV2(d.value.amount.pres, order.presentmentCurrencyCode);
  const common = {
    __typename: d.kind,
    index: d.index,
    allocationMethod: d.allocationMethod,
    targetSelection: d.targetSelection,
    targetType: d.targetType,
    value,
  };
  if (d.kind === 'DiscountCodeApplication') return { ...common, code: d.code ?? '' };
  if (d.kind === 'AutomaticDiscountApplication') return { ...common, title: d.title };
  return { ...common, title: d.title, description: d.description };
}

export function discountAllocation(a: DiscountAllocationRecord, order: OrderRecord): unknown {
  const application = order.discountApplications[a.applicationIndex];
  return {
    __typename: 'DiscountAllocation',
    allocatedAmountSet: moneyBag(a.amount, order),
    allocatedAmount: moneyV2(a.amount.shop, order.currencyCode),
    discountApplication: application ? discountApplication(application, order) : null,
  };
}

export function shippingLine(s: ShippingLineRecord, order: OrderRecord): unknown {
  const discount = s.discountAllocations.reduce(
    (acc, a) => ({ shop: acc.shop + a.amount.shop, pres: acc.pres + a.amount.pres }),
    { shop: 0, pres: 0 },
  );
  return {
    __typename: 'ShippingLine',
    id: gid('ShippingLine', s.id),
    title: s.title,
    code: s.code,
    source: s.source,
    carrierIdentifier: null,
    deliveryCategory: null,
    phone: null,
    shippingRateHandle: null,
    custom: s.source === null || s.source === 'shopify' ? s.code === null : false,
    isRemoved: false,
    originalPriceSet: moneyBag(s.price, order),
    discountedPriceSet: moneyBag(subBags(s.price, discount), order),
    currentDiscountedPriceSet: moneyBag(subBags(s.price, discount), order),
    taxLines: s.taxLines.map((t) => taxLine(t, order)),
    discountAllocations: s.discountAllocations.map((a) => discountAllocation(a, order)),
  };
}

export class LineItemView {
  readonly __typename = 'LineItem';

  constructor(
    private readonly order: OrderRecord,
    private readonly l: LineItemRecord,
  ) {}

  id(): string {
    return gid('LineItem', this.l.id);
  }
  title(): string {
    return this.l.title;
  }
  name(): string {
    return this.l.variantTitle ? `${this.l.title} - ${this.l.variantTitle}` : this.l.title;
  }
  variantTitle(): string | null {
    return this.l.variantTitle;
  }
  sku(): string | null {
    return this.l.sku;
  }
  vendor(): string | null {
    return this.l.vendor;
  }
  quantity(): number {
    return this.l.quantity;
  }
  currentQuantity(): number {
    return currentQuantity(this.order, this.l);
  }
  refundableQuantity(): number {
    return this.l.quantity - refundedQuantity(this.order, this.l.id);
  }
  unfulfilledQuantity(): number {
    return unfulfilledQuantity(this.order, this.l);
  }
  fulfillableQuantity(): number {
    return unfulfilledQuantity(this.order, this.l);
  }
  nonFulfillableQuantity(): number {
    return this.l.quantity - currentQuantity(this.order, this.l);
  }
  fulfillmentStatus(): string {
    return fulfilledQuantity(this.order, this.l.id) > 0 ? 'fulfilled' : 'unfulfilled';
  }
  taxable(): boolean {
    return this.l.taxable;
  }
  requiresShipping(): boolean {
    return this.l.requiresShipping;
  }
  isGiftCard(): boolean {
    return this.l.giftCard;
  }
  restockable(): boolean {
    return this.refundableQuantity() > 0;
  }
  merchantEditable(): boolean {
    return currentQuantity(this.order, this.l) > 0;
  }
  customAttributes(): unknown {
    return attributes(this.l.customAttributes);
  }
  /** No POS staff or bundles are simulated. */
  staffMember(): null {
    return null;
  }
  lineItemGroup(): null {
    return null;
  }
  sellingPlan(): null {
    return null;
  }
  contract(): null {
    return null;
  }
  duties(): unknown[] {
    return [];
  }
  /** No product catalogue is simulated: a product or variant id given to orderCreate is kept only on the line. */
  product(): null {
    return null;
  }
  variant(): null {
    return null;
  }
  originalUnitPriceSet(): unknown {
    return moneyBag(this.l.unitPrice, this.order);
  }
  originalTotalSet(): unknown {
    return moneyBag(lineOriginalTotal(this.l), this.order);
  }
  /** Excludes order-level (ACROSS) discounts, as the schema describes. */
  discountedTotalSet(): unknown {
    return moneyBag(subBags(lineOriginalTotal(this.l), lineOwnDiscount(this.order, this.l)), this.order);
  }
  discountedUnitPriceSet(): unknown {
    const total = subBags(lineOriginalTotal(this.l), lineOwnDiscount(this.order, this.l));
    return moneyBag(shareOfBag(total, 1, this.l.quantity), this.order);
  }
  discountedUnitPriceAfterAllDiscountsSet(): unknown {
    return moneyBag(lineNetFor(this.l, 1), this.order);
  }
  totalDiscountSet(): unknown {
    return moneyBag(lineDiscountTotal(this.l), this.order);
  }
  unfulfilledOriginalTotalSet(): unknown {
    const qty = unfulfilledQuantity(this.order, this.l);
    return moneyBag({ shop: this.l.unitPrice.shop * qty, pres: this.l.unitPrice.pres * qty }, this.order);
  }
  unfulfilledDiscountedTotalSet(): unknown {
    const total = subBags(lineOriginalTotal(this.l), lineOwnDiscount(this.order, this.l));
    return moneyBag(shareOfBag(total, unfulfilledQuantity(this.order, this.l), this.l.quantity), this.order);
  }
  originalUnitPrice(): string {
    return formatDecimal(this.l.unitPrice.shop, this.order.currencyCode);
  }
  taxLines(args: { first?: number | null }): unknown[] {
    return this.l.taxLines.slice(0, args.first ?? undefined).map((t) => taxLine(t, this.order));
  }
  discountAllocations(): unknown[] {
    return this.l.discountAllocations.map((a) => discountAllocation(a, this.order));
  }
}
