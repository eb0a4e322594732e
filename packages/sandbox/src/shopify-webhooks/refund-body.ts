import { LINE_ITEM_FRAGMENT, lineItemBody, type GqlLineItem } from './line-item-body';
import {
  MONEY_BAG_FIELDS,
  RawNumber,
  gidTail,
  moneySet,
  optionalGidTail,
  shopAmount,
  time,
  type MoneyBag,
  type RestValue,
} from './rest-json';

/** Refunds in REST shape, after docs sample refunds_create.json (reference/shopify/webhooks/shopify-docs-samples-2026-04/). */

/** The fragment for a refund, as refunds/create sends it and orders/* nest it. */
export const REFUND_FRAGMENT = `#graphql
  fragment RestRefund on Refund {
    id createdAt note
    staffMember { id }
    return { id }
    totalRefundedSet { ${MONEY_BAG_FIELDS} }
    orderAdjustments(first: 250) { nodes { id reason amountSet { ${MONEY_BAG_FIELDS} } taxAmountSet { ${MONEY_BAG_FIELDS} } } }
    refundLineItems(first: 250) {
      nodes {
        id quantity restockType restocked
        location { id }
        subtotalSet { ${MONEY_BAG_FIELDS} }
        totalTaxSet { ${MONEY_BAG_FIELDS} }
        lineItem { ...RestLineItem }
      }
    }
    transactions(first: 250) {
      nodes {
        id kind gateway status createdAt processedAt test authorizationCode errorCode paymentId manualPaymentGateway
        user { id }
        parentTransaction { id }
        amountSet { ${MONEY_BAG_FIELDS} }
        amountRoundingSet { ${MONEY_BAG_FIELDS} }
        totalUnsettledSet { ${MONEY_BAG_FIELDS} }
      }
    }
  }
`;

/** refunds/create: the refund by id, with its order's id. */
export const REFUND_QUERY = `#graphql
  query RestRefundBody($id: ID!) {
    node(id: $id) {
      ... on Refund { ...RestRefund order { id } }
    }
  }
  ${REFUND_FRAGMENT}
  ${LINE_ITEM_FRAGMENT}
`;

interface GqlTransaction {
  id: string;
  kind: string;
  gateway: string | null;
  status: string;
  createdAt: string;
  processedAt: string | null;
  test: boolean;
  authorizationCode: string | null;
  errorCode: string | null;
  paymentId: string | null;
  manualPaymentGateway: boolean;
  user: { id: string } | null;
  parentTransaction: { id: string } | null;
  amountSet: MoneyBag;
  amountRoundingSet: MoneyBag | null;
  totalUnsettledSet: MoneyBag | null;
}

/** GraphQL `Refund` as {@link REFUND_FRAGMENT} selects it. */
export interface GqlRefund {
  id: string;
  createdAt: string | null;
  note: string | null;
  staffMember: { id: string } | null;
  return: { id: string } | null;
  totalRefundedSet: MoneyBag;
  orderAdjustments: {
    nodes: { id: string; reason: string | null; amountSet: MoneyBag; taxAmountSet: MoneyBag }[];
  };
  refundLineItems: {
    nodes: {
      id: string | null;
      quantity: number;
      restockType: string;
      restocked: boolean;
      location: { id: string } | null;
      subtotalSet: MoneyBag;
      totalTaxSet: MoneyBag;
      lineItem: GqlLineItem;
    }[];
  };
  transactions: { nodes: GqlTransaction[] };
}

/** Result of {@link REFUND_QUERY}. */
export interface RefundQueryResult {
  node: (GqlRefund & { order: { id: string } }) | null;
}

/** A zero in the currencies of `like`: a simulated shop charges no duties, so refunds return none. */
function zeroLike(like: MoneyBag): MoneyBag {
  return {
    shopMoney: { amount: '0.00', currencyCode: like.shopMoney.currencyCode },
    presentmentMoney: { amount: '0.00', currencyCode: like.presentmentMoney.currencyCode },
  };
}

/**
 * Unlike every other `*_set`, a transaction's `total_unsettled_set` names the currency `currency`, not `currency_code`
 * (docs sample refunds_create.json, and the inferred schema beside it).
 */
function unsettledSet(bag: MoneyBag): RestValue {
  return {
    presentment_money: { amount: bag.presentmentMoney.amount, currency: bag.presentmentMoney.currencyCode },
    shop_money: { amount: bag.shopMoney.amount, currency: bag.shopMoney.currencyCode },
  };
}

function transactionBody(transaction: GqlTransaction, orderGid: string): RestValue {
  return {
    id: gidTail(transaction.id),
    order_id: gidTail(orderGid),
    kind: transaction.kind.toLowerCase(),
    gateway: transaction.gateway ?? 'manual',
    status: transaction.status.toLowerCase(),
    // The gateway's human message is not in the GraphQL Admin API; a simulated gateway has none to give.
    message: null,
    created_at: time(transaction.createdAt),
    test: transaction.test,
    authorization: transaction.authorizationCode,
    // Point-of-sale fields: a simulated online shop has no POS locations or devices.
    location_id: null,
    user_id: optionalGidTail(transaction.user),
    parent_id: optionalGidTail(transaction.parentTransaction),
    processed_at: time(transaction.processedAt),
    device_id: null,
    error_code: transaction.errorCode?.toLowerCase() ?? null,
    // The channel that created the transaction is not in the GraphQL Admin API; a simulated shop has no channels, so
    // a fixed "external" marks that the refund came through the API.
    source_name: 'external',
    receipt: {},
    amount: shopAmount(transaction.amountSet),
    // REST gives the transaction currency only for multi-currency transactions; the amount is in shop money here.
    currency: null,
    payment_id: transaction.paymentId ?? transaction.id,
    total_unsettled_set: unsettledSet(transaction.totalUnsettledSet ?? zeroLike(transaction.amountSet)),
    manual_payment_gateway: transaction.manualPaymentGateway,
    amount_rounding: transaction.amountRoundingSet ? shopAmount(transaction.amountRoundingSet) : null,
    admin_graphql_api_id: transaction.id,
  };
}

/** The refund body: refunds/create sends it whole, orders/* nest it in `refunds`. */
export function refundBody(refund: GqlRefund, orderGid: string): RestValue {
  const lines = refund.refundLineItems.nodes;
  return {
    id: gidTail(refund.id),
    order_id: gidTail(orderGid),
    created_at: time(refund.createdAt),
    note: refund.note,
    user_id: optionalGidTail(refund.staffMember),
    processed_at: time(refund.createdAt),
    duties: [],
    total_duties_set: moneySet(zeroLike(refund.totalRefundedSet)),
    return: refund.return ? { id: gidTail(refund.return.id), admin_graphql_api_id: refund.return.id } : null,
    restock: lines.some((line) => line.restocked),
    // GraphQL's refundShippingLines have no documented REST shape in our references (every sample and production
    // exemplar holds an empty list); the refunded shipping still shows in the transactions' amounts.
    refund_shipping_lines: [],
    admin_graphql_api_id: refund.id,
    order_adjustments: refund.orderAdjustments.nodes.map((adjustment) => ({
      id: gidTail(adjustment.id),
      order_id: gidTail(orderGid),
      refund_id: gidTail(refund.id),
      amount: shopAmount(adjustment.amountSet),
      tax_amount: shopAmount(adjustment.taxAmountSet),
      kind: 'refund_discrepancy',
      reason: adjustment.reason?.toLowerCase().replaceAll('_', ' ') ?? 'Refund discrepancy',
      amount_set: moneySet(adjustment.amountSet),
      tax_amount_set: moneySet(adjustment.taxAmountSet),
    })),
    refund_line_items: lines.map((line) => ({
      // RefundLineItem.id is nullable in the schema; the line item's id keeps the REST id an integer then.
      id: gidTail(line.id ?? line.lineItem.id),
      quantity: new RawNumber(String(line.quantity)),
      line_item_id: gidTail(line.lineItem.id),
      location_id: optionalGidTail(line.location),
      restock_type: line.restockType.toLowerCase(),
      // REST writes these two unquoted (docs sample: "subtotal": 89.99); the decimal text goes in verbatim.
      subtotal: new RawNumber(shopAmount(line.subtotalSet)),
      total_tax: new RawNumber(shopAmount(line.totalTaxSet)),
      subtotal_set: moneySet(line.subtotalSet),
      total_tax_set: moneySet(line.totalTaxSet),
      line_item: lineItemBody(line.lineItem),
    })),
    transactions: refund.transactions.nodes.map((t) => transactionBody(t, orderGid)),
  };
}

/** refunds/create body from {@link REFUND_QUERY}'s result. */
export function refundCreateBody(result: RefundQueryResult): RestValue {
  if (!result.node) throw new Error('refund not found');
  return refundBody(result.node, result.node.order.id);
}
