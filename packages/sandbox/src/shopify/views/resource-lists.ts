/**
 * The top-level lists the sync reads (`customers`, `orders`, `companies`, also reached from a customer or company):
 * their search fields and sort keys (shopify.dev search syntax pages for each resource).
 */
import { GraphQLError } from 'graphql';
import { type Connection, type ConnectionArgs, paginate, type SortValue } from '../connection';
import { displayFinancialStatus, displayFulfillmentStatus, totalPrice } from '../order-totals';
import type { CompanyRecord, CustomerRecord, OrderRecord } from '../records';
import { matchesSearch, parseSearchQuery, type SearchFields } from '../search-query';
import type { ViewContext } from './common';
import { CompanyView } from './company-view';
import { CustomerView } from './customer-view';
import { OrderView } from './order-view';

/** Arguments of a searchable, sortable list. */
export interface ListArgs extends ConnectionArgs {
  sortKey?: string | null;
  query?: string | null;
}

function sorter<R extends { id: number }>(
  keys: Record<string, (record: R) => SortValue>,
  sortKey: string | null | undefined,
  fallback: string,
): (record: R) => SortValue {
  const key = sortKey ?? fallback;
  const fn = keys[key];
  if (!fn)
    throw new GraphQLError(`Sort key ${key} is not supported by the Shopify simulator`, {
      extensions: { code: 'NOT_IMPLEMENTED' },
    });
  return fn;
}

const customerFields: SearchFields<CustomerRecord> = (c, field) => {
  switch (field) {
    case 'id':
      return c.id;
    case 'created_at':
      return c.createdAt;
    case 'updated_at':
      return c.updatedAt;
    case 'email':
      return c.email;
    case 'phone':
      return c.phone;
    case 'first_name':
      return c.firstName;
    case 'last_name':
      return c.lastName;
    case 'state':
      return c.state;
    case 'tag':
      return c.tags;
    case 'country':
      return c.addresses.map((a) => a.country ?? '');
    case 'default':
      return [c.firstName ?? '', c.lastName ?? '', c.email ?? '', c.phone ?? ''];
    default:
      return undefined;
  }
};

function orderFields(order: OrderRecord, field: string): ReturnType<SearchFields<OrderRecord>> {
  switch (field) {
    case 'id':
      return order.id;
    case 'created_at':
      return order.createdAt;
    case 'updated_at':
      return order.updatedAt;
    case 'processed_at':
      return order.processedAt;
    case 'name':
      return order.name;
    case 'email':
      return order.email;
    case 'tag':
      return order.tags;
    case 'customer_id':
      return order.customerId;
    case 'test':
      return String(order.test);
    case 'financial_status':
      return displayFinancialStatus(order).toLowerCase();
    case 'fulfillment_status': {
      const status = displayFulfillmentStatus(order);
      return status === 'FULFILLED' ? ['fulfilled', 'shipped'] : [status.toLowerCase(), 'unshipped'];
    }
    case 'status':
      // Shopify's order status filter: open, closed, cancelled, not_closed (and any).
      if (order.cancelledAt) return ['cancelled', 'any'];
      return order.closedAt ? ['closed', 'any'] : ['open', 'not_closed', 'any'];
    case 'default':
      return [order.name, order.email ?? ''];
    default:
      return undefined;
  }
}

const companyFields: SearchFields<CompanyRecord> = (c, field) => {
  switch (field) {
    case 'id':
      return c.id;
    case 'created_at':
      return c.createdAt;
    case 'updated_at':
      return c.updatedAt;
    case 'name':
      return c.name;
    case 'external_id':
      return c.externalId;
    case 'since_date':
      return c.customerSince;
    case 'default':
      return [c.name];
    default:
      return undefined;
  }
};

export function customersConnection(
  records: Iterable<CustomerRecord>,
  args: ListArgs,
  ctx: ViewContext,
): Connection<CustomerView> {
  const query = parseSearchQuery(args.query);
  const sort = sorter<CustomerRecord>(
    {
      ID: (c) => c.id,
      CREATED_AT: (c) => c.createdAt,
      UPDATED_AT: (c) => c.updatedAt,
      NAME: (c) => `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim().toLowerCase(),
      RELEVANCE: (c) => c.id,
    },
    args.sortKey,
    'ID',
  );
  const matching = [...records].filter((c) => matchesSearch(c, query, customerFields));
  return paginate(matching, args, sort, (c) => new CustomerView(ctx.store, c), ctx.bulk);
}

export function ordersConnection(
  records: Iterable<OrderRecord>,
  args: ListArgs,
  ctx: ViewContext,
): Connection<OrderView> {
  const query = parseSearchQuery(args.query);
  const sort = sorter<OrderRecord>(
    {
      ID: (o) => o.id,
      CREATED_AT: (o) => o.createdAt,
      UPDATED_AT: (o) => o.updatedAt,
      PROCESSED_AT: (o) => o.processedAt,
      ORDER_NUMBER: (o) => o.number,
      TOTAL_PRICE: (o) => totalPrice(o, true).shop,
      PO_NUMBER: (o) => o.poNumber ?? '',
      RELEVANCE: (o) => o.id,
    },
    args.sortKey,
    // Shopify's default order sort is PROCESSED_AT (SHOPIFY.md, "Delta reads").
    'PROCESSED_AT',
  );
  const matching = [...records].filter((o) => matchesSearch(o, query, orderFields));
  return paginate(matching, args, sort, (o) => new OrderView(ctx.store, o), ctx.bulk);
}

export function companiesConnection(
  records: Iterable<CompanyRecord>,
  args: ListArgs,
  ctx: ViewContext,
): Connection<CompanyView> {
  const query = parseSearchQuery(args.query);
  const sort = sorter<CompanyRecord>(
    {
      ID: (c) => c.id,
      CREATED_AT: (c) => c.createdAt,
      UPDATED_AT: (c) => c.updatedAt,
      NAME: (c) => c.name.toLowerCase(),
      SINCE_DATE: (c) => c.customerSince,
      RELEVANCE: (c) => c.id,
    },
    args.sortKey,
    'ID',
  );
  const matching = [...records].filter((c) => matchesSearch(c, query, companyFields));
  return paginate(matching, args, sort, (c) => new CompanyView(ctx.store, c), ctx.bulk);
}
