import { z } from 'zod';
import { chainOf } from '../sync/attempts';
import { PRIVACY_TOPICS, type PrivacyRequest, type PrivacyTopic } from '../sync/privacy';
import { exportCustomerData, logShopRedact } from '../sync/privacy-export';
import { redactCustomer } from '../sync/privacy-redact';
import { runSync } from '../sync/run-sync';
import { defineTask } from './define-task';
import { gid } from './shopify_customer__sync';

/**
 * Shopify's compliance webhooks (`customers/redact`, `customers/data_request`, `shop/redact`), one job per delivery.
 * Shopify may send a request again: every step writes only what is still to do, so a repeat changes nothing.
 */
export const shopifyPrivacyProcess = defineTask(
  'shopify_privacy__process',
  z.object({
    storeId: z.uuid(),
    topic: z.enum(PRIVACY_TOPICS as [PrivacyTopic, ...PrivacyTopic[]]),
    shopGid: gid('Shop'),
    customerGid: gid('Customer').nullable().default(null),
    email: z.string().nullable().default(null),
    orderGids: z.array(gid('Order')).default([]),
    dataRequestId: z.string().regex(/^\d+$/).nullable().default(null),
  }),
  async (payload, context) => {
    const deps = { db: context.db, contexts: context.contexts, now: context.now };
    const request: PrivacyRequest = { ...payload, ...chainOf(context) };
    const process = {
      'customers/redact': redactCustomer,
      'customers/data_request': exportCustomerData,
      'shop/redact': logShopRedact,
    }[payload.topic];
    await runSync(
      context,
      { storeId: payload.storeId, entity: 'privacy', shopifyGid: payload.customerGid ?? payload.shopGid },
      () => process(deps, request),
    );
    context.logger.info({ topic: payload.topic }, 'privacy request processed');
  },
);
