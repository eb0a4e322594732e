import { pushCustomerChanges } from '@shopverse/shopify';
import { twoWayField } from '@shopverse/sync-core';
import { z } from 'zod';
import { chainOf } from '../sync/attempts';
import { pushCustomer } from '../sync/crm-push';
import { runSync } from '../sync/run-sync';
import { defineTask } from './define-task';
import { gid } from './shopify_customer__sync';

/**
 * Writes a contact's two-way fields to its Shopify customer (issue 12), queued by `crm_changes__poll` with the job
 * key `push:<store>:<gid>`, so edits read by several polls before it runs become one push. It runs under the
 * customer's lock (the same as `shopify_customer__sync`), so a push and a sync of one customer never interleave.
 */
export const shopifyCustomerPush = defineTask(
  'shopify_customer__push',
  z.object({
    storeId: z.uuid(),
    customerGid: gid('Customer'),
    crmId: z.uuid(),
    fields: z.array(twoWayField).min(1),
  }),
  async (payload, context) => {
    const deps = { db: context.db, contexts: context.contexts, now: context.now, push: pushCustomerChanges };
    const outcome = await runSync(
      context,
      { storeId: payload.storeId, entity: 'customer', shopifyGid: payload.customerGid, direction: 'crm_to_shopify' },
      () => pushCustomer(deps, { ...payload, ...chainOf(context) }),
    );
    context.logger.info({ outcome: outcome?.kind, customerGid: payload.customerGid }, 'customer pushed');
  },
);
