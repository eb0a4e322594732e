import type { ShopifyAddress } from './address';
import type { MoneyBag } from './money';

export interface ShopifyTaxLine {
  title: string;
  /** The rate as Shopify gives it (0.2 for 20 %), as a decimal string. */
  rate: string | null;
  price: MoneyBag;
}

export interface ShopifyLineItem {
  gid: string;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  variantGid: string | null;
  quantity: number;
  /** After removals and refunds. */
  currentQuantity: number;
  taxable: boolean;
  originalUnitPrice: MoneyBag;
  /** Each discount application's share of this line. */
  discountAllocations: MoneyBag[];
  taxLines: ShopifyTaxLine[];
}

export interface ShopifyShippingLine {
  gid: string | null;
  title: string;
  code: string | null;
  originalPrice: MoneyBag;
  discountedPrice: MoneyBag;
  /**
   * After refunds of shipping, where the source says (REST `current_discounted_price_set`); absent when it does not,
   * and then the discounted price stands.
   */
  currentDiscountedPrice?: MoneyBag | null;
  taxLines: ShopifyTaxLine[];
}

export interface ShopifyDiscountApplication {
  kind: 'code' | 'automatic' | 'manual' | 'script';
  /** The code, or the title of an automatic or manual discount. */
  label: string | null;
  allocationMethod: string;
  targetSelection: string;
  targetType: string;
  value: { kind: 'amount'; amount: string; currency: string } | { kind: 'percentage'; percentage: string };
}

/** The totals of an order: as placed (original) and after edits and refunds (current). */
export interface ShopifyOrderTotals {
  total: MoneyBag;
  subtotal: MoneyBag | null;
  tax: MoneyBag | null;
  discounts: MoneyBag | null;
  shipping: MoneyBag;
  refunded: MoneyBag;
  currentTotal: MoneyBag;
  currentSubtotal: MoneyBag;
  currentTax: MoneyBag;
  currentDiscounts: MoneyBag;
}

/** A Shopify order in the sync's own terms. */
export interface ShopifyOrder {
  gid: string;
  legacyId: string;
  /** The display name, e.g. "#1042" or "WEB1349". */
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  test: boolean;
  tags: string[];
  poNumber: string | null;
  sourceName: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string;
  /** ISO 4217 of the shop's money, and of what the customer saw. */
  currency: string;
  presentmentCurrency: string;
  taxesIncluded: boolean;
  customerGid: string | null;
  companyGid: string | null;
  companyLocationGid: string | null;
  billingAddress: ShopifyAddress | null;
  shippingAddress: ShopifyAddress | null;
  totals: ShopifyOrderTotals;
  lineItems: ShopifyLineItem[];
  shippingLines: ShopifyShippingLine[];
  taxLines: ShopifyTaxLine[];
  discountApplications: ShopifyDiscountApplication[];
}
