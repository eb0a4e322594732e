import type { MoneyBag } from './money';

/** One refunded line of a refund. */
export interface ShopifyRefundLine {
  lineItemGid: string;
  quantity: number;
  /** RETURN, CANCEL, NO_RESTOCK, LEGACY_RESTOCK: whether and how the goods went back into stock. */
  restockType: string;
  subtotal: MoneyBag;
  totalTax: MoneyBag;
}

/** A refund of an order (partial or full), as Shopify records it. */
export interface ShopifyRefund {
  gid: string;
  createdAt: string;
  note: string | null;
  /** What was paid back, in shop and presentment money (zero for a return without money back). */
  totalRefunded: MoneyBag;
  lines: ShopifyRefundLine[];
}

/** A fulfillment of (some of) an order's lines, with its tracking. */
export interface ShopifyFulfillment {
  gid: string;
  createdAt: string;
  updatedAt: string;
  /** SUCCESS, CANCELLED, ERROR, FAILURE, OPEN, PENDING. */
  status: string;
  trackingCompany: string | null;
  trackingNumbers: string[];
  trackingUrls: string[];
  lines: { lineItemGid: string; quantity: number }[];
}

/** What happened to an order after it was placed: read with the order, never from the order of webhooks. */
export interface ShopifyOrderEvents {
  refunds: ShopifyRefund[];
  fulfillments: ShopifyFulfillment[];
}
