import { z } from 'zod';
import { fanOutPolls, pollStore } from '../sync/delta-poll';
import { defineTask } from './define-task';

/**
 * The delta poll (DESIGN.md, "crontab"; issue 8): webhooks are hints that Shopify may never deliver, so every
 * minute each store is asked for what changed since its cursor. The crontab run (no store) queues one poll per
 * store, so stores poll in parallel and one slow store holds up no other; a run with a store polls that store.
 */
export const storePoll = defineTask(
  'store__poll',
  z.object({ storeId: z.uuid().optional() }),
  async (payload, context) => {
    if (payload.storeId === undefined) {
      const storeIds = await fanOutPolls(context);
      context.logger.info({ stores: storeIds.length }, 'store polls queued');
      return;
    }
    await pollStore(context, payload.storeId);
  },
);
