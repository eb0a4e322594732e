/** The QueryRoot fields the sync and the webhook dispatcher use. */
import { paginate } from './connection';
import { matchesSearch, parseSearchQuery } from './search-query';
import { parseGid, type ShopStore } from './store';
import { count, type ViewContext } from './views/common';
import { CompanyLocationView } from './views/company-view';
import { nodeByGid } from './views/node-lookup';
import { companiesConnection, customersConnection, type ListArgs, ordersConnection } from './views/resource-lists';
import { bulkOperationView, shopView, webhookSubscriptionView } from './views/shop-view';

/** Shopify caps `ordersCount` at 10000 unless `limit: null` is given (SHOPIFY.md). */
const ORDERS_COUNT_DEFAULT_LIMIT = 10_000;

function typed(store: ShopStore, id: string, type: string, apiVersion: string): unknown {
  return parseGid(id)?.type === type ? nodeByGid(store, id, apiVersion) : null;
}

/** The root value of queries: one method per implemented QueryRoot field. */
export class QueryRoot {
  constructor(
    private readonly store: ShopStore,
    private readonly apiVersion: string,
  ) {}

  shop(): unknown {
    return shopView(this.store);
  }
  node(args: { id: string }): unknown {
    return nodeByGid(this.store, args.id, this.apiVersion);
  }
  nodes(args: { ids: string[] }): unknown[] {
    return args.ids.map((id) => nodeByGid(this.store, id, this.apiVersion));
  }
  customers(args: ListArgs, ctx: ViewContext): unknown {
    return customersConnection(this.store.customers.values(), args, ctx);
  }
  orders(args: ListArgs, ctx: ViewContext): unknown {
    return ordersConnection(this.store.orders.values(), args, ctx);
  }
  companies(args: ListArgs, ctx: ViewContext): unknown {
    return companiesConnection(this.store.companies.values(), args, ctx);
  }
  companyLocations(args: ListArgs, ctx: ViewContext): unknown {
    const query = parseSearchQuery(args.query);
    const list = [...this.store.companyLocations.values()].filter((l) =>
      matchesSearch(l, query, (r, field) =>
        field === 'id'
          ? r.id
          : field === 'updated_at'
            ? r.updatedAt
            : field === 'created_at'
              ? r.createdAt
              : field === 'name'
                ? r.name
                : undefined,
      ),
    );
    const sortKey = args.sortKey ?? 'ID';
    return paginate(
      list,
      args,
      (l) =>
        sortKey === 'UPDATED_AT'
          ? l.updatedAt
          : sortKey === 'CREATED_AT'
            ? l.createdAt
            : sortKey === 'NAME'
              ? l.name
              : l.id,
      (l) => new CompanyLocationView(this.store, l),
      ctx.bulk,
    );
  }
  ordersCount(args: { query?: string | null; limit?: number | null }): unknown {
    const total = ordersConnection(
      this.store.orders.values(),
      { ...args, first: null },
      { store: this.store, bulk: true },
    ).edges.length;
    const limit = args.limit === null ? Number.MAX_SAFE_INTEGER : (args.limit ?? ORDERS_COUNT_DEFAULT_LIMIT);
    return total > limit ? { count: limit, precision: 'AT_LEAST' } : count(total);
  }
  customersCount(args: { query?: string | null }): unknown {
    return count(
      customersConnection(this.store.customers.values(), { query: args.query }, { store: this.store, bulk: true }).edges
        .length,
    );
  }
  companiesCount(): unknown {
    return count(this.store.companies.size);
  }
  customer(args: { id: string }): unknown {
    return typed(this.store, args.id, 'Customer', this.apiVersion);
  }
  order(args: { id: string }): unknown {
    return typed(this.store, args.id, 'Order', this.apiVersion);
  }
  company(args: { id: string }): unknown {
    return typed(this.store, args.id, 'Company', this.apiVersion);
  }
  companyLocation(args: { id: string }): unknown {
    return typed(this.store, args.id, 'CompanyLocation', this.apiVersion);
  }
  companyContact(args: { id: string }): unknown {
    return typed(this.store, args.id, 'CompanyContact', this.apiVersion);
  }
  refund(args: { id: string }): unknown {
    return typed(this.store, args.id, 'Refund', this.apiVersion);
  }
  fulfillment(args: { id: string }): unknown {
    return typed(this.store, args.id, 'Fulfillment', this.apiVersion);
  }
  fulfillmentOrder(args: { id: string }): unknown {
    return typed(this.store, args.id, 'FulfillmentOrder', this.apiVersion);
  }
  return(args: { id: string }): unknown {
    return typed(this.store, args.id, 'Return', this.apiVersion);
  }
  webhookSubscription(args: { id: string }): unknown {
    return typed(this.store, args.id, 'WebhookSubscription', this.apiVersion);
  }
  webhookSubscriptions(
    args: ListArgs & { topics?: string[] | null; callbackUrl?: string | null; format?: string | null },
    ctx: ViewContext,
  ): unknown {
    const list = [...this.store.webhookSubscriptions.values()].filter(
      (w) =>
        (!args.topics?.length || args.topics.includes(w.topic)) &&
        (!args.callbackUrl || w.callbackUrl === args.callbackUrl) &&
        (!args.format || w.format === args.format),
    );
    const sortKey = args.sortKey ?? 'CREATED_AT';
    return paginate(
      list,
      args,
      (w) => (sortKey === 'ID' ? w.id : w.createdAt),
      (w) => webhookSubscriptionView(w, this.apiVersion),
      ctx.bulk,
    );
  }
  currentBulkOperation(args: { type?: string | null }): unknown {
    if ((args.type ?? 'QUERY') !== 'QUERY') return null;
    const ops = [...this.store.bulkOperations.values()].sort((a, b) => b.id - a.id);
    return ops[0] ? bulkOperationView(ops[0]) : null;
  }
}
