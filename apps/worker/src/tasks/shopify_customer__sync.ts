import { z } from 'zod';
import { syncCompany } from '../sync/company-sync';
import { syncCustomer, syncGuest } from '../sync/customer-sync';
import { chainOf } from '../sync/attempts';
import { runSync } from '../sync/run-sync';
import { defineTask, type TaskContext } from './define-task';

/** `gid://shopify/<Type>/<digits>`: ids stay text (they can exceed 2^53). */
export const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`));

/** The sync functions with the job's dependencies bound; the customer sync calls the company sync for B2B. */
export function syncers(context: TaskContext) {
  const deps = { db: context.db, contexts: context.contexts, now: context.now };
  const companies = { sync: (request: Parameters<typeof syncCompany>[1]) => syncCompany(deps, request) };
  const customers = {
    customer: (request: Parameters<typeof syncCustomer>[1]) => syncCustomer(deps, request, companies),
    guest: (request: Parameters<typeof syncGuest>[1]) => syncGuest(deps, request, companies),
  };
  return { deps, companies, customers, customer: customers.customer };
}

/**
 * Syncs one customer to its contact. Added by webhook deliveries (with the body), the delta poll, backfills and the
 * merge queue (after a person's decision), with the job key `customer:<store>:<gid>` so a burst becomes one sync.
 * Deliveries repeat and arrive out of order: the sync is idempotent and never goes back to an older version.
 */
export const shopifyCustomerSync = defineTask(
  'shopify_customer__sync',
  z.object({ storeId: z.uuid(), customerGid: gid('Customer'), body: z.unknown().optional() }),
  async (payload, context) => {
    const result = await runSync(
      context,
      { storeId: payload.storeId, entity: 'customer', shopifyGid: payload.customerGid },
      () => syncers(context).customer({ ...payload, ...chainOf(context) }),
    );
    context.logger.info({ outcome: result?.outcome, crmId: result?.crmId }, 'customer synced');
  },
);
