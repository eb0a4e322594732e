import { findLink } from '@shopverse/db';
import type { ShopifyOrder } from '@shopverse/sync-core';
import { chainOf, isDryRun, type SyncChain } from './attempts';
import type { CompanySync } from './company-sync';
import { type StoreAccount, storeAccount } from './crm-rows';
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
  /**
   * The row's id; in a dry run whose customer would be created, its alternate key (`sv_shopifyid='us_1'`), which is
   * what the order's bind would then name (`/contacts(sv_shopifyid='us_1')`, valid OData either way).
   */
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
  request: SyncChain & { storeId: string },
  customers: CustomerSync,
  companies: CompanySync,
): Promise<OrderCustomer> {
  // Only the chain and the store: the order's own fields (its webhook body above all) must not reach the customer's
  // sync, which would read that body as the customer.
  const chain = { storeId: request.storeId, ...chainOf(request) };
  // A link, else the row the dependency's sync just wrote; in a dry run nothing is linked, so the row it would write.
  const resolved = async (
    shopifyType: 'customer' | 'company',
    shopifyGid: string,
    sync: () => Promise<RowSyncResult>,
  ): Promise<string | undefined> => {
    const ref = { storeId: ctx.storeId, shopifyType, shopifyGid };
    const link = await findLink(deps.db, ref);
    if (link) return link.crmId;
    const result = await sync();
    return (await findLink(deps.db, ref))?.crmId ?? (isDryRun(ctx) ? (result.crmId ?? result.keyRef) : undefined);
  };
  if (ctx.settings.customers.target === 'b2b' && order.companyGid) {
    const companyGid = order.companyGid;
    const id = await resolved('company', companyGid, () => companies.sync({ ...chain, companyGid }));
    if (id) return { table: 'account', id };
    throw new SyncError(
      'order.customer_unresolved',
      'dependency',
      `Order ${order.name} waits for its company ${order.companyGid}, which is not in the CRM yet; see the company's attempts.`,
    );
  }
  if (order.customerGid) {
    const customerGid = order.customerGid;
    // A customer whose contact was deleted on a customers/redact request: their orders stand under the store's
    // redacted customers account, which their link names (privacy-redact.ts).
    const redacted = await findLink(deps.db, {
      storeId: ctx.storeId,
      shopifyType: 'customer',
      shopifyGid: customerGid,
    });
    if (redacted?.crmTable === 'account') return { table: 'account', id: redacted.crmId };
    const id = await resolved('customer', customerGid, () => customers.customer({ ...chain, customerGid }));
    if (id) return { table: 'contact', id };
    throw new SyncError(
      'order.customer_unresolved',
      'dependency',
      `Order ${order.name} waits for its customer ${order.customerGid}, who is not in the CRM yet ` +
        '(an open question in the merge queue, or skipped); the order follows once the customer is decided.',
    );
  }
  const guest = await customers.guest({ ...chain, order });
  const guestId = guest.crmId ?? guest.keyRef;
  if (guestId) return { table: 'contact', id: guestId };
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
  return { table: 'account', id: await storeAccount(ctx, GUEST_ACCOUNT, request.correlationId) };
}

/** The store's account for guest checkouts nobody can be found for, by our key `<store key>_guests`. */
const GUEST_ACCOUNT: StoreAccount = {
  role: 'guests',
  name: 'Guest checkouts',
  description: 'Shopverse: orders of guest checkouts whose buyer has no email (or no contact per settings).',
};
