import {
  companyFromGraphql,
  customerFromGraphql,
  orderEventsFromGraphql,
  orderFromGraphql,
  type ShopifyCompany,
  type ShopifyCustomer,
  type ShopifyOrder,
  type ShopifyOrderEvents,
} from '@shopverse/sync-core';
import type { ShopifyClient } from './client';
import { COMPANIES_PAGE, COMPANY_BY_ID } from './documents/companies';
import { CUSTOMER_BY_ID, CUSTOMERS_PAGE } from './documents/customers';
import { FULFILLMENT_LINES, ORDER_EVENTS, REFUND_LINES } from './documents/order-events';
import { ORDER_BY_ID, ORDERS_PAGE } from './documents/orders';
import type {
  CompaniesPageQuery,
  CompanyByIdQuery,
  CustomerByIdQuery,
  CustomersPageQuery,
  FulfillmentLinesQuery,
  OrderByIdQuery,
  OrderEventsQuery,
  OrdersPageQuery,
  RefundLinesQuery,
} from './generated/admin.generated';
import { pages, updatedBetween } from './paginate';

/** Which records to read: all of them, or those updated in a window (both ends included). */
export interface ReadScope {
  updated?: { from: Date; to: Date };
  correlationId?: string;
}

type PageOrderNode = OrdersPageQuery['orders']['nodes'][number];
type OrderByIdNode = NonNullable<OrderByIdQuery['order']>;
type EventsNode = NonNullable<OrderEventsQuery['order']>;
type RefundNode = EventsNode['refunds'][number];
type FulfillmentNode = EventsNode['fulfillments'][number];

/** An order as it is now in Shopify, with its refunds and fulfillments as of the same moment. */
export interface OrderWithEvents {
  order: ShopifyOrder;
  events: ShopifyOrderEvents;
}

function search(scope: ReadScope): { query?: string } {
  return scope.updated ? { query: updatedBetween(scope.updated.from, scope.updated.to) } : {};
}

function withCorrelation(scope: ReadScope): { correlationId?: string } {
  return scope.correlationId ? { correlationId: scope.correlationId } : {};
}

/** The rest of an order's line items when it has more than one page of them. */
async function completeLines<T extends PageOrderNode | OrderByIdNode>(
  client: ShopifyClient,
  order: T,
  scope: ReadScope,
): Promise<T> {
  let lines = order.lineItems;
  const nodes = [...lines.nodes];
  while (lines.pageInfo.hasNextPage && lines.pageInfo.endCursor) {
    const data = await client.request<OrderByIdQuery>(ORDER_BY_ID, {
      variables: { id: order.id, linesAfter: lines.pageInfo.endCursor },
      ...withCorrelation(scope),
    });
    if (!data.order) break;
    lines = data.order.lineItems;
    nodes.push(...lines.nodes);
  }
  return { ...order, lineItems: { ...order.lineItems, nodes } };
}

/** The rest of a refund's lines when it has more than the order's document reads with it. */
async function completeRefund(client: ShopifyClient, refund: RefundNode, scope: ReadScope): Promise<RefundNode> {
  let lines = refund.refundLineItems;
  const nodes = [...lines.nodes];
  while (lines.pageInfo.hasNextPage && lines.pageInfo.endCursor) {
    const data = await client.request<RefundLinesQuery>(REFUND_LINES, {
      variables: { id: refund.id, after: lines.pageInfo.endCursor },
      ...withCorrelation(scope),
    });
    if (!data.refund) break;
    lines = data.refund.refundLineItems;
    nodes.push(...lines.nodes);
  }
  return { ...refund, refundLineItems: { ...refund.refundLineItems, nodes } };
}

/** The rest of a fulfillment's lines when it has more than the order's document reads with it. */
async function completeFulfillment(
  client: ShopifyClient,
  fulfillment: FulfillmentNode,
  scope: ReadScope,
): Promise<FulfillmentNode> {
  let lines = fulfillment.fulfillmentLineItems;
  const nodes = [...lines.nodes];
  while (lines.pageInfo.hasNextPage && lines.pageInfo.endCursor) {
    const data = await client.request<FulfillmentLinesQuery>(FULFILLMENT_LINES, {
      variables: { id: fulfillment.id, after: lines.pageInfo.endCursor },
      ...withCorrelation(scope),
    });
    if (!data.fulfillment) break;
    lines = data.fulfillment.fulfillmentLineItems;
    nodes.push(...lines.nodes);
  }
  return { ...fulfillment, fulfillmentLineItems: { ...fulfillment.fulfillmentLineItems, nodes } };
}

/** Every refund and fulfillment of an order with all their lines, as canonical events. */
async function completeEvents(client: ShopifyClient, node: EventsNode, scope: ReadScope): Promise<ShopifyOrderEvents> {
  const refunds: RefundNode[] = [];
  for (const refund of node.refunds) refunds.push(await completeRefund(client, refund, scope));
  const fulfillments: FulfillmentNode[] = [];
  for (const fulfillment of node.fulfillments) fulfillments.push(await completeFulfillment(client, fulfillment, scope));
  return orderEventsFromGraphql({ updatedAt: node.updatedAt, refunds, fulfillments });
}

/** Whether an order's events were read as of its page: none of the order fields its events move has changed. */
function sameMoment(page: PageOrderNode, now: EventsNode): boolean {
  return (
    page.updatedAt === now.updatedAt &&
    page.displayFinancialStatus === now.displayFinancialStatus &&
    page.displayFulfillmentStatus === now.displayFulfillmentStatus &&
    page.totalRefundedSet.shopMoney.amount === now.totalRefundedSet.shopMoney.amount &&
    page.currentTotalPriceSet.shopMoney.amount === now.currentTotalPriceSet.shopMoney.amount
  );
}

/** Orders page by page (oldest update first), each complete with all its line items, as canonical records. */
export async function* readOrders(client: ShopifyClient, scope: ReadScope = {}): AsyncGenerator<ShopifyOrder[]> {
  for await (const page of pages<OrdersPageQuery, PageOrderNode>(client, {
    document: ORDERS_PAGE,
    connection: (data) => data.orders,
    variables: search(scope),
    first: 1,
    ...withCorrelation(scope),
  })) {
    const complete: ShopifyOrder[] = [];
    for (const order of page) complete.push(orderFromGraphql(await completeLines(client, order, scope)));
    yield complete;
  }
}

/**
 * Orders page by page (oldest update first), each complete with its line items, refunds and fulfillments. A page
 * of orders holds two orders where one with its events would fill it (documents/orders.ts), so the events are read
 * per order right after; an order changed in between (a refund just made) is read again by id, so that an order and
 * its events always describe the same moment. An order deleted in between is left out.
 */
export async function* readOrdersWithEvents(
  client: ShopifyClient,
  scope: ReadScope = {},
): AsyncGenerator<OrderWithEvents[]> {
  for await (const page of pages<OrdersPageQuery, PageOrderNode>(client, {
    document: ORDERS_PAGE,
    connection: (data) => data.orders,
    variables: search(scope),
    first: 1,
    ...withCorrelation(scope),
  })) {
    const complete: OrderWithEvents[] = [];
    for (const node of page) {
      const data = await client.request<OrderEventsQuery>(ORDER_EVENTS, {
        variables: { id: node.id },
        ...withCorrelation(scope),
      });
      if (!data.order) continue;
      const read = sameMoment(node, data.order)
        ? {
            order: orderFromGraphql(await completeLines(client, node, scope)),
            events: await completeEvents(client, data.order, scope),
          }
        : await readOrderWithEvents(client, node.id, scope);
      if (read) complete.push(read);
    }
    yield complete;
  }
}

/** One order by gid with all its line items, refunds and fulfillments, read as of one moment; null when none. */
export async function readOrderWithEvents(
  client: ShopifyClient,
  gid: string,
  scope: ReadScope = {},
): Promise<OrderWithEvents | null> {
  const data = await client.request<OrderByIdQuery>(ORDER_BY_ID, { variables: { id: gid }, ...withCorrelation(scope) });
  if (!data.order) return null;
  const order = await completeLines(client, data.order, scope);
  return { order: orderFromGraphql(order), events: await completeEvents(client, order, scope) };
}

/** One order by gid, with all its line items; null when the shop has none by that id. */
export async function readOrder(
  client: ShopifyClient,
  gid: string,
  scope: ReadScope = {},
): Promise<ShopifyOrder | null> {
  return (await readOrderWithEvents(client, gid, scope))?.order ?? null;
}

/** Customers page by page, as canonical records. */
export async function* readCustomers(client: ShopifyClient, scope: ReadScope = {}): AsyncGenerator<ShopifyCustomer[]> {
  for await (const page of pages<CustomersPageQuery, CustomersPageQuery['customers']['nodes'][number]>(client, {
    document: CUSTOMERS_PAGE,
    connection: (data) => data.customers,
    variables: search(scope),
    first: 50,
    ...withCorrelation(scope),
  })) {
    yield page.map(customerFromGraphql);
  }
}

/** One customer by gid; null when the shop has none by that id. */
export async function readCustomer(
  client: ShopifyClient,
  gid: string,
  scope: ReadScope = {},
): Promise<ShopifyCustomer | null> {
  const data = await client.request<CustomerByIdQuery>(CUSTOMER_BY_ID, {
    variables: { id: gid },
    ...withCorrelation(scope),
  });
  return data.customer ? customerFromGraphql(data.customer) : null;
}

/** Companies page by page, with their locations and contacts, as canonical records. */
export async function* readCompanies(client: ShopifyClient, scope: ReadScope = {}): AsyncGenerator<ShopifyCompany[]> {
  for await (const page of pages<CompaniesPageQuery, CompaniesPageQuery['companies']['nodes'][number]>(client, {
    document: COMPANIES_PAGE,
    connection: (data) => data.companies,
    variables: search(scope),
    first: 5,
    ...withCorrelation(scope),
  })) {
    yield page.map(companyFromGraphql);
  }
}

/** One company by gid; null when the shop has none by that id. */
export async function readCompany(
  client: ShopifyClient,
  gid: string,
  scope: ReadScope = {},
): Promise<ShopifyCompany | null> {
  const data = await client.request<CompanyByIdQuery>(COMPANY_BY_ID, {
    variables: { id: gid },
    ...withCorrelation(scope),
  });
  return data.company ? companyFromGraphql(data.company) : null;
}
