/**
 * The Admin API mutations the demo data is made of (schema 2025-01), each selecting what later operations need:
 * ids of customers, company locations, line items, transactions and fulfilment order lines.
 */

export const CUSTOMER_CREATE = `#graphql
  mutation DemoCustomerCreate($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer { id email phone }
      userErrors { field message }
    }
  }
`;

export const COMPANY_CREATE = `#graphql
  mutation DemoCompanyCreate($input: CompanyCreateInput!) {
    companyCreate(input: $input) {
      company {
        id
        mainContact { id customer { id } }
        locations(first: 1) { nodes { id } }
      }
      userErrors { field message }
    }
  }
`;

export const ORDER_CREATE = `#graphql
  mutation DemoOrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order {
        id
        totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        lineItems(first: 50) { nodes { id quantity } }
        transactions { id kind status gateway amountSet { presentmentMoney { amount } } }
      }
      userErrors { field message }
    }
  }
`;

/** Reads the fulfilment orders of an order: fulfillmentCreate needs their ids and line ids. */
export const FULFILLMENT_ORDERS = `#graphql
  query DemoFulfillmentOrders($id: ID!) {
    order(id: $id) {
      fulfillmentOrders(first: 10) {
        nodes { id status lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } } }
      }
    }
  }
`;

export const FULFILLMENT_CREATE = `#graphql
  mutation DemoFulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status }
      userErrors { field message }
    }
  }
`;

export const REFUND_CREATE = `#graphql
  mutation DemoRefundCreate($input: RefundInput!) {
    refundCreate(input: $input) {
      refund { id }
      userErrors { field message }
    }
  }
`;

export const ORDER_CANCEL = `#graphql
  mutation DemoOrderCancel(
    $orderId: ID!
    $reason: OrderCancelReason!
    $refund: Boolean!
    $restock: Boolean!
    $staffNote: String
  ) {
    orderCancel(orderId: $orderId, reason: $reason, refund: $refund, restock: $restock, staffNote: $staffNote) {
      job { id }
      orderCancelUserErrors { field message code }
    }
  }
`;
