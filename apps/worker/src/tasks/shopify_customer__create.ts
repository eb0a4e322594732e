import { createCustomerFromCrm, findCustomerByEmail } from '@shopverse/shopify';
import { z } from 'zod';
import { chainOf } from '../sync/attempts';
import { createCustomer } from '../sync/crm-create';
import { runSync } from '../sync/run-sync';
import { defineTask } from './define-task';
import { syncers } from './shopify_customer__sync';

/**
 * Creates the Shopify customer of a contact made in the CRM (issue 12, `twoWay.crmCreates: 'createInShopify'`),
 * queued by `crm_changes__poll` with the job key `crm-create:<store>:<contact>`, so polls that see the contact again
 * before it runs queue no second create. It runs under a lock on the contact (no customer gid exists yet); the new
 * customer's own lock is taken while its link is saved (crm-create.ts).
 */
export const shopifyCustomerCreate = defineTask(
  'shopify_customer__create',
  z.object({ storeId: z.uuid(), crmId: z.uuid() }),
  async (payload, context) => {
    const deps = {
      db: context.db,
      sql: context.sql,
      locks: context.locks,
      contexts: context.contexts,
      now: context.now,
      create: createCustomerFromCrm,
      findByEmail: findCustomerByEmail,
      syncCustomer: syncers(context).customer,
    };
    const outcome = await runSync(
      context,
      {
        storeId: payload.storeId,
        entity: 'customer',
        shopifyGid: `contact:${payload.crmId}`,
        direction: 'crm_to_shopify',
      },
      () => createCustomer(deps, { ...payload, ...chainOf(context) }),
    );
    context.logger.info({ outcome: outcome?.kind, crmId: payload.crmId }, 'customer created from the CRM');
  },
);
