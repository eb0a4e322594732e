import { findLink } from '@shopverse/db';
import type { ShopifyOrder } from '@shopverse/sync-core';
import type { CompanySync } from './company-sync';
import { odataString, queryRows, upsertByKey } from './crm-rows';
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
 * checkout, the contact found or created by email, or the store's guest checkout account. Dynamics requires a customer
 * on every sales order, so an order whose customer is still undecided waits (a dependency) rather than being written
 * unbound.
 */
export async function bindOrderCustomer(
  deps: SyncDeps,
  ctx: StoreContext,
  order: ShopifyOrder,
  request: { storeId: string; correlationId: string; attempt: number },
  customers: CustomerSync,
  companies: CompanySync,
): Promise<OrderCustomer> {
  // Only the chain and the store: the order's own fields (its webhook body above all) must not reach the customer's
  // sync, which would read that body as the customer.
  const chain = { storeId: request.storeId, correlationId: request.correlationId, attempt: request.attempt };
  const linked = async (shopifyType: 'customer' | 'company', shopifyGid: string) =>
    findLink(deps.db, { storeId: ctx.storeId, shopifyType, shopifyGid });
  if (ctx.settings.customers.target === 'b2b' && order.companyGid) {
    const link =
      (await linked('company', order.companyGid)) ??
      (await companies
        .sync({ ...chain, companyGid: order.companyGid })
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
        .customer({ ...chain, customerGid: order.customerGid })
        .then(() => linked('customer', order.customerGid ?? '')));
    if (link) return { table: 'contact', id: link.crmId };
    throw new SyncError(
      'order.customer_unresolved',
      'dependency',
      `Order ${order.name} waits for its customer ${order.customerGid}, who is not in the CRM yet ` +
        '(an open question in the merge queue, or skipped); the order follows once the customer is decided.',
    );
  }
  const guest = await customers.guest({ ...chain, order });
  if (guest.crmId) return { table: 'contact', id: guest.crmId };
  if (guest.outcome === 'ambiguous') {
    throw new SyncError(
      'order.customer_unresolved',
      'dependency',
      `Order ${order.name} is a guest checkout whose buyer matches several contacts; it follows once a person ` +
        'decides in the merge queue.',
    );
  }
  // No email to know the buyer by (or the store does not make contacts of guests): Dynamics needs a customer on every
  // sales order, so the order goes under the store's guest checkout account rather than being lost.
  return { table: 'account', id: await guestAccount(ctx, request.correlationId) };
}

/** The store's account for guest checkouts nobody can be found for, by our key `<store key>_guests`. */
async function guestAccount(ctx: StoreContext, correlationId: string): Promise<string> {
  const key = `${ctx.storeKey}_guests`;
  const [existing] = await queryRows(
    ctx.dataverse,
    'account',
    `${ctx.prefix}_shopifyid eq ${odataString(key)}`,
    [],
    correlationId,
  );
  if (existing) return existing.id;
  const result = await upsertByKey(
    ctx.dataverse,
    'account',
    { [`${ctx.prefix}_shopifyid`]: key },
    {
      name: `Guest checkouts (${ctx.storeName})`.slice(0, 160),
      description: 'Shopverse: orders of guest checkouts whose buyer has no email (or no contact per settings).',
      [`${ctx.prefix}_lastcorrelationid`]: correlationId,
    },
    correlationId,
  );
  return result.id;
}
