import { z } from 'zod';
import { chainOf } from '../sync/attempts';
import { retireMergedCustomer } from '../sync/customer-removal';
import { runSync } from '../sync/run-sync';
import { defineTask } from './define-task';
import { gid, syncers } from './shopify_customer__sync';

/**
 * `customers/merge`: Shopify merged one customer into another. The kept customer is synced (it now holds the merged
 * data); the deleted one's contact is retired per the store's `onMerge` setting and its link moves to the survivor.
 */
export const shopifyCustomerMerge = defineTask(
  'shopify_customer__merge',
  z.object({ storeId: z.uuid(), keptGid: gid('Customer'), deletedGid: gid('Customer') }),
  async (payload, context) => {
    const sync = syncers(context);
    const common = { storeId: payload.storeId, ...chainOf(context) };
    const kept = await runSync(
      context,
      { storeId: payload.storeId, entity: 'customer', shopifyGid: payload.keptGid },
      () => sync.customer({ ...common, customerGid: payload.keptGid }),
    );
    // The survivor failed (logged, and re-queued or on the failed list): retiring the merged-away contact waits for
    // it, since its link moves to the survivor's row; the retry or replay of this job does both.
    if (kept === undefined) return;
    await runSync(context, { storeId: payload.storeId, entity: 'customer', shopifyGid: payload.deletedGid }, async () =>
      retireMergedCustomer(sync.deps, await context.contexts.get(payload.storeId), {
        ...common,
        customerGid: payload.deletedGid,
        keptGid: payload.keptGid,
      }),
    );
  },
);
