/**
 * An order's refunds and fulfillments from the Admin GraphQL node (packages/shopify documents/order-events.ts) to the
 * canonical ShopifyOrderEvents. The shapes are written out here because sync-core imports nothing internal; the
 * generated types of those documents are assignable to them.
 */
import type { MoneyBag } from '../models/money';
import type { ShopifyFulfillment, ShopifyOrderEvents, ShopifyRefund } from '../models/order-events';
import type { GqlMoneyBag } from './graphql-shapes';

/** RefundLineItem as the order documents select it. */
export interface GqlRefundLine {
  lineItem: { id: string };
  quantity: number;
  restockType: string;
  subtotalSet: GqlMoneyBag;
  totalTaxSet: GqlMoneyBag;
}

/** Refund as the order documents select it; its lines complete (every page read). */
export interface GqlRefund {
  id: string;
  /** Nullable in the 2025-01 schema. */
  createdAt?: string | null;
  note?: string | null;
  totalRefundedSet: GqlMoneyBag;
  refundLineItems: { nodes: GqlRefundLine[] };
}

/** Fulfillment as the order documents select it; its lines complete (every page read). */
export interface GqlFulfillment {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: string;
  trackingInfo: { company?: string | null; number?: string | null; url?: string | null }[];
  fulfillmentLineItems: { nodes: { lineItem: { id: string }; quantity?: number | null }[] };
}

/** The part of an Order node the events are read from. */
export interface GqlOrderEvents {
  updatedAt: string;
  refunds: GqlRefund[];
  fulfillments: GqlFulfillment[];
}

const bag = (value: GqlMoneyBag): MoneyBag => ({
  shop: { amount: value.shopMoney.amount, currency: value.shopMoney.currencyCode },
  presentment: { amount: value.presentmentMoney.amount, currency: value.presentmentMoney.currencyCode },
});

function refund(node: GqlRefund, orderUpdatedAt: string): ShopifyRefund {
  return {
    gid: node.id,
    // The schema lets createdAt be null; a refund updates its order, so the order's updatedAt is the latest it can be.
    createdAt: node.createdAt ?? orderUpdatedAt,
    note: node.note ?? null,
    totalRefunded: bag(node.totalRefundedSet),
    lines: node.refundLineItems.nodes.map((line) => ({
      lineItemGid: line.lineItem.id,
      quantity: line.quantity,
      restockType: line.restockType,
      subtotal: bag(line.subtotalSet),
      totalTax: bag(line.totalTaxSet),
    })),
  };
}

const present = (values: (string | null | undefined)[]): string[] =>
  values.filter((value): value is string => typeof value === 'string' && value.length > 0);

function fulfillment(node: GqlFulfillment): ShopifyFulfillment {
  return {
    gid: node.id,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    status: node.status,
    // One carrier per fulfillment in practice: Shopify's admin sets the company for all of its tracking numbers.
    trackingCompany: present(node.trackingInfo.map((info) => info.company))[0] ?? null,
    trackingNumbers: present(node.trackingInfo.map((info) => info.number)),
    trackingUrls: present(node.trackingInfo.map((info) => info.url)),
    lines: node.fulfillmentLineItems.nodes.map((line) => ({
      lineItemGid: line.lineItem.id,
      // Nullable in the schema; a fulfillment line without a quantity fulfilled nothing countable.
      quantity: line.quantity ?? 0,
    })),
  };
}

/** The refunds and fulfillments of an Order node, in the order Shopify lists them; ids stay gids. */
export function orderEventsFromGraphql(node: GqlOrderEvents): ShopifyOrderEvents {
  return {
    refunds: node.refunds.map((r) => refund(r, node.updatedAt)),
    fulfillments: node.fulfillments.map(fulfillment),
  };
}
