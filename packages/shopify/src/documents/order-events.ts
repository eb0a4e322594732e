/**
 * Documents for what happened to an order after it was placed: its refunds and fulfillments (issue 7: the order's CRM
 * state and timeline are computed from them). `Order.refunds` and `Order.fulfillments` are lists, not connections,
 * in the 2025-01 schema: without `first` they are not truncated, so every refund and fulfillment comes with the order.
 * Their lines are connections, read 50 at a time with the order and completed by id when a refund or fulfillment has
 * more (REFUND_LINES, FULFILLMENT_LINES).
 *
 * Money is selected inline rather than through `MoneyBagFields`: that fragment lives in the orders document, and a
 * fragment may be defined only once per document.
 */

const REFUND_LINE_FIELDS = `#graphql
  fragment RefundLineFields on RefundLineItem {
    lineItem {
      id
    }
    quantity
    restockType
    subtotalSet {
      shopMoney {
        amount
        currencyCode
      }
      presentmentMoney {
        amount
        currencyCode
      }
    }
    totalTaxSet {
      shopMoney {
        amount
        currencyCode
      }
      presentmentMoney {
        amount
        currencyCode
      }
    }
  }
`;

const FULFILLMENT_LINE_FIELDS = `#graphql
  fragment FulfillmentLineFields on FulfillmentLineItem {
    lineItem {
      id
    }
    quantity
  }
`;

/** An order's refunds and fulfillments, each with its first 50 lines. */
export const ORDER_EVENT_FIELDS = `#graphql
  fragment OrderEventFields on Order {
    refunds {
      id
      createdAt
      note
      totalRefundedSet {
        shopMoney {
          amount
          currencyCode
        }
        presentmentMoney {
          amount
          currencyCode
        }
      }
      refundLineItems(first: 50) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...RefundLineFields
        }
      }
    }
    fulfillments {
      id
      createdAt
      updatedAt
      status
      trackingInfo {
        company
        number
        url
      }
      fulfillmentLineItems(first: 50) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...FulfillmentLineFields
        }
      }
    }
  }
  ${REFUND_LINE_FIELDS}
  ${FULFILLMENT_LINE_FIELDS}
`;

/**
 * An order's events without the order, for orders read by the page, with the order fields its events move: when one
 * of them differs from the page, the order changed in between and the reader reads it again by id, with its events,
 * as of one moment. `updatedAt` alone would not tell (whole seconds: a refund in the same second keeps it).
 */
export const ORDER_EVENTS = `#graphql
  query OrderEvents($id: ID!) {
    order(id: $id) {
      updatedAt
      displayFinancialStatus
      displayFulfillmentStatus
      totalRefundedSet {
        shopMoney {
          amount
        }
      }
      currentTotalPriceSet {
        shopMoney {
          amount
        }
      }
      ...OrderEventFields
    }
  }
  ${ORDER_EVENT_FIELDS}
`;

/** The rest of a refund's lines. 200 lines cost 802 points (4 a line), under the 1000-point maximum. */
export const REFUND_LINES = `#graphql
  query RefundLines($id: ID!, $after: String) {
    refund(id: $id) {
      refundLineItems(first: 200, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...RefundLineFields
        }
      }
    }
  }
  ${REFUND_LINE_FIELDS}
`;

/** The rest of a fulfillment's lines (2 points a line). */
export const FULFILLMENT_LINES = `#graphql
  query FulfillmentLines($id: ID!, $after: String) {
    fulfillment(id: $id) {
      fulfillmentLineItems(first: 250, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...FulfillmentLineFields
        }
      }
    }
  }
  ${FULFILLMENT_LINE_FIELDS}
`;
