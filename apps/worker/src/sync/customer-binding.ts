import { findLink } from '@shopverse/db';
import type { ShopifyOrder } from '@shopverse/sync-core';
import type { CompanySync } from './company-sync';
import type { CustomerSyncRequest, SyncDeps, syncGuest } from './customer-sync';
import type { RowSyncResult } from './row-sync';
import type { StoreContext } from './store-context';
import { SyncError } from './sync-error';

/** The customer syncs an order needs, with the job's dependencies bound. */
export interface CustomerSync {
  customer(request: CustomerSyncRequest): Promise<RowSyncResult>;
  guest(request: Parameters<typeof syncGuest>[1]): Promise<RowSyncResult>;
}

/** Who a sales order is for in the CRM. */
export interface OrderCustomer {
  table: 'contact' | 'account';
  id: string;
}

/**
 * The CRM customer of an order, synced first when it is not there yet (DESIGN.md: "customer not synced yet: sync it
 * first"): the company's account for a B2B order (store target `b2b`), else the customer's contact, else, for a guest
 * checkout, the contact found or created by email. Dynamics requires a customer on every sales order, so an order
 * whose customer cannot be resolved waits (a dependency) rather than being written unbound.
 */
export async function bindOrderCustomer(
  deps: SyncDeps,
  ctx: StoreContext,
  order: ShopifyOrder,
  request: { storeId: string; correlationId: string; attempt: number },
  customers: CustomerSync,
  companies: CompanySync,
): Promise<OrderCustomer> {
  const linked = async (shopifyType: 'customer' | 'company', shopifyGid: string) =>
    findLink(deps.db, { storeId: ctx.storeId, shopifyType, shopifyGid });
  if (ctx.settings.customers.target === 'b2b' && order.companyGid) {
    const link =
      (await linked('company', order.companyGid)) ??
      (await companies
        .sync({ ...request, companyGid: order.companyGid })
        .then(() => linked('company', order.companyGid ?? '')));
    if (link) return { table: 'account', id: link.crmId };
    throw new SyncError(
      'order.customer_unresolved',
      'dependency',
      `Order ${order.name} waits for its company ${order.companyGid}, which is not in the CRM yet; see the company's attempts.`,
    );
  }
  if (order.customerGid) {
    const link =
      (await linked('customer', order.customerGid)) ??
      (await customers
        .customer({ ...request, customerGid: order.customerGid })
        .then(() => linked('customer', order.customerGid ?? '')));
    if (link) return { table: 'contact', id: link.crmId };
    throw new SyncError(
      'order.customer_unresolved',
      'dependency',
      `Order ${order.name} waits for its customer ${order.customerGid}, who is not in the CRM yet ` +
        '(an open question in the merge queue, or skipped); the order follows once the customer is decided.',
    );
  }
  const guest = await customers.guest({ ...request, order });
  if (guest.crmId) return { table: 'contact', id: guest.crmId };
  throw new SyncError(
    'order.no_customer',
    // Parked in the merge queue, the buyer waits for a person; otherwise there is nothing to wait for.
    guest.outcome === 'ambiguous' ? 'dependency' : 'permanent',
    `Order ${order.name} is a guest checkout whose buyer has no contact (${guest.outcome}); Dynamics needs a customer ` +
      'on every sales order. Allow guest checkouts to create contacts, or decide the buyer in the merge queue.',
  );
}
