import { z } from 'zod';
import { syncOrder } from '../sync/order-sync';
import { chainOf } from '../sync/attempts';
import { runSync } from '../sync/run-sync';
import { defineTask } from './define-task';
import { gid, syncers } from './shopify_customer__sync';

/**
 * Syncs one order to its sales order, lines, state and timeline. Added by order, refund and fulfilment deliveries,
 * the poll and backfills, with the job key `order:<store>:<gid>` so a burst of updates becomes one sync. Deliveries
 * repeat and arrive out of order: the CRM state is computed from the order's current state, so replays change
 * nothing.
 */
export const shopifyOrderSync = defineTask(
  'shopify_order__sync',
  z.object({ storeId: z.uuid(), orderGid: gid('Order'), body: z.unknown().optional() }),
  async (payload, context) => {
    const sync = syncers(context);
    const result = await runSync(
      context,
      { storeId: payload.storeId, entity: 'order', shopifyGid: payload.orderGid },
      () => syncOrder(sync.deps, { ...payload, ...chainOf(context) }, sync.customers, sync.companies),
    );
    context.logger.info({ outcome: result?.outcome, crmId: result?.crmId }, 'order synced');
  },
);
