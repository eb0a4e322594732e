import { z } from 'zod';
import { chainOf } from '../sync/attempts';
import { runSync } from '../sync/run-sync';
import { defineTask } from './define-task';
import { gid, syncers } from './shopify_customer__sync';

/**
 * Syncs one B2B company to its account (and its locations, per the store's settings). Added by `companies/*`,
 * `company_locations/*` and `company_contacts/*` deliveries, the poll and the merge queue; job key
 * `company:<store>:<gid>`.
 */
export const shopifyCompanySync = defineTask(
  'shopify_company__sync',
  z.object({ storeId: z.uuid(), companyGid: gid('Company') }),
  async (payload, context) => {
    const result = await runSync(
      context,
      { storeId: payload.storeId, entity: 'company', shopifyGid: payload.companyGid },
      () => syncers(context).companies.sync({ ...payload, ...chainOf(context) }),
    );
    context.logger.info({ outcome: result?.outcome, crmId: result?.crmId }, 'company synced');
  },
);
