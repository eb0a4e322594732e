/** `node(id:)` / `nodes(ids:)`: finds the view of any object the simulator stores, by gid. */
import { parseGid, type ShopStore } from '../store';
import { mailingAddress } from './common';
import { CompanyContactView, CompanyLocationView, CompanyView } from './company-view';
import { CustomerView } from './customer-view';
import { LineItemView } from './line-item-view';
import {
  fulfillmentLineView,
  fulfillmentOrderView,
  fulfillmentView,
  refundView,
  returnView,
  transactionView,
} from './order-parts-view';
import { OrderView } from './order-view';
import { bulkOperationView, shopView, webhookSubscriptionView } from './shop-view';

function childOf(store: ShopStore, id: number, kind: string): unknown {
  const owner = store.owners.get(id);
  if (owner?.kind !== kind) return null;
  const order = store.orders.get(owner.orderId);
  if (!order) return null;
  switch (kind) {
    case 'LineItem': {
      const line = order.lineItems.find((l) => l.id === id);
      return line ? new LineItemView(order, line) : null;
    }
    case 'Refund': {
      const refund = order.refunds.find((r) => r.id === id);
      return refund ? refundView(store, order, refund) : null;
    }
    case 'Fulfillment': {
      const f = order.fulfillments.find((x) => x.id === id);
      return f ? fulfillmentView(store, order, f) : null;
    }
    case 'FulfillmentOrder': {
      const fo = order.fulfillmentOrders.find((x) => x.id === id);
      return fo ? fulfillmentOrderView(store, order, fo) : null;
    }
    case 'OrderTransaction': {
      const t = order.transactions.find((x) => x.id === id);
      return t ? transactionView(store, order, t) : null;
    }
    case 'FulfillmentLineItem': {
      const line = order.fulfillments.flatMap((f) => f.lines).find((x) => x.id === id);
      return line ? fulfillmentLineView(order, line) : null;
    }
    case 'Return': {
      const r = order.returns.find((x) => x.id === id);
      return r ? returnView(store, order, r) : null;
    }
    default:
      return null;
  }
}

/** The view for `id`, or null when no such object exists (as Shopify answers `node` for unknown ids). */
export function nodeByGid(store: ShopStore, id: string, apiVersion: string): unknown {
  const parsed = parseGid(id);
  if (!parsed) return null;
  switch (parsed.type) {
    case 'Customer': {
      const c = store.customers.get(parsed.id);
      return c ? new CustomerView(store, c) : null;
    }
    case 'Order': {
      const o = store.orders.get(parsed.id);
      return o ? new OrderView(store, o) : null;
    }
    case 'Company': {
      const c = store.companies.get(parsed.id);
      return c ? new CompanyView(store, c) : null;
    }
    case 'CompanyLocation': {
      const l = store.companyLocations.get(parsed.id);
      return l ? new CompanyLocationView(store, l) : null;
    }
    case 'CompanyContact': {
      const cc = store.companyContacts.get(parsed.id);
      return cc ? new CompanyContactView(store, cc) : null;
    }
    case 'MailingAddress': {
      for (const c of store.customers.values()) {
        const a = c.addresses.find((x) => x.id === parsed.id);
        if (a) return mailingAddress(a);
      }
      return null;
    }
    case 'WebhookSubscription': {
      const w = store.webhookSubscriptions.get(parsed.id);
      return w ? webhookSubscriptionView(w, apiVersion) : null;
    }
    case 'BulkOperation': {
      const op = store.bulkOperations.get(parsed.id);
      return op ? bulkOperationView(op) : null;
    }
    case 'Shop':
      return parsed.id === store.shopId ? shopView(store) : null;
    default:
      return childOf(store, parsed.id, parsed.type);
  }
}
