import type { OrderFactInput } from '@shopverse/db';
import { orderName, type ShopifyOrder } from '@shopverse/sync-core';
import type { StoreContext } from './store-context';

/**
 * What reporting keeps of a synced order (`order_facts`, issue 11): its currency as the CRM order has it (the shop's
 * or the customer's, per the store's `orders.currency`), what was charged when it was placed and what was refunded
 * since, in that currency as Shopify states them, and the store's locale. Read by the per-store and cross-store reports.
 */
export function orderFactOf(
  ctx: StoreContext,
  order: ShopifyOrder,
  crm: { table: string; id: string; customerId: string | null },
  now: Date,
): OrderFactInput {
  const side = ctx.settings.orders.currency === 'presentment' ? 'presentment' : 'shop';
  return {
    storeId: ctx.storeId,
    orgId: ctx.org.id,
    shopifyGid: order.gid,
    orderName: orderName(order, { settings: ctx.settings.orders, storeKey: ctx.storeKey }, []),
    crmTable: crm.table,
    crmId: crm.id,
    currency: order.totals.total[side].currency.toUpperCase(),
    total: order.totals.total[side].amount,
    refunded: order.totals.refunded[side].amount,
    locale: ctx.settings.locale,
    status: statusOf(order),
    customerCrmId: crm.customerId,
    processedAt: new Date(order.processedAt),
    now,
  };
}

function statusOf(order: ShopifyOrder): OrderFactInput['status'] {
  if (order.cancelledAt) return 'cancelled';
  if (order.financialStatus === 'REFUNDED') return 'refunded';
  if (order.financialStatus === 'PARTIALLY_REFUNDED') return 'partially_refunded';
  if (order.fulfillmentStatus === 'FULFILLED') return 'fulfilled';
  return 'open';
}
