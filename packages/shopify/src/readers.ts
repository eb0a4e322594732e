import {
  companyFromGraphql,
  customerFromGraphql,
  orderFromGraphql,
  type ShopifyCompany,
  type ShopifyCustomer,
  type ShopifyOrder,
} from '@shopverse/sync-core';
import type { ShopifyClient } from './client';
import { COMPANIES_PAGE, COMPANY_BY_ID } from './documents/companies';
import { CUSTOMER_BY_ID, CUSTOMERS_PAGE } from './documents/customers';
import { ORDER_BY_ID, ORDERS_PAGE } from './documents/orders';
import type {
  CompaniesPageQuery,
  CompanyByIdQuery,
  CustomerByIdQuery,
  CustomersPageQuery,
  OrderByIdQuery,
  OrdersPageQuery,
} from './generated/admin.generated';
import { pages, updatedBetween } from './paginate';

/** Which records to read: all of them, or those updated in a window (both ends included). */
export interface ReadScope {
  updated?: { from: Date; to: Date };
  correlationId?: string;
}

type OrderNode = OrdersPageQuery['orders']['nodes'][number];

function search(scope: ReadScope): { query?: string } {
  return scope.updated ? { query: updatedBetween(scope.updated.from, scope.updated.to) } : {};
}

function withCorrelation(scope: ReadScope): { correlationId?: string } {
  return scope.correlationId ? { correlationId: scope.correlationId } : {};
}

/** The rest of an order's line items when it has more than one page of them. */
async function completeLines(client: ShopifyClient, order: OrderNode, scope: ReadScope): Promise<OrderNode> {
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

/** Orders page by page (oldest update first), each complete with all its line items, as canonical records. */
export async function* readOrders(client: ShopifyClient, scope: ReadScope = {}): AsyncGenerator<ShopifyOrder[]> {
  for await (const page of pages<OrdersPageQuery, OrderNode>(client, {
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

/** One order by gid, with all its line items; null when the shop has none by that id. */
export async function readOrder(
  client: ShopifyClient,
  gid: string,
  scope: ReadScope = {},
): Promise<ShopifyOrder | null> {
  const data = await client.request<OrderByIdQuery>(ORDER_BY_ID, { variables: { id: gid }, ...withCorrelation(scope) });
  return data.order ? orderFromGraphql(await completeLines(client, data.order, scope)) : null;
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
