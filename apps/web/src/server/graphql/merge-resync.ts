import type { MergeQueueItem } from '@shopverse/db/schema';

/** The graphile-worker job that syncs a record again, so that the sync follows a person's decision. */
export interface ResyncJob {
  identifier: 'shopify_customer__sync' | 'shopify_company__sync';
  payload: Record<string, unknown>;
  /** Folds this job with a sync of the same record already waiting (same key as webhooks and the poll use). */
  jobKey: string;
}

/** What re-syncs an item's record after a decision: a job, or nothing with the reason. */
export type ResyncPlan = { kind: 'job'; job: ResyncJob } | { kind: 'none'; reason: string };

const gidOf = (type: string, value: unknown): string | undefined =>
  typeof value === 'string' && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value) ? value : undefined;

function customerSync(item: MergeQueueItem, customerGid: string): ResyncPlan {
  return {
    kind: 'job',
    job: {
      identifier: 'shopify_customer__sync',
      // The correlation id of the sync that parked the record: the chain from intake to the CRM goes on.
      payload: { storeId: item.storeId, customerGid, correlationId: item.correlationId },
      jobKey: `customer:${item.storeId}:${customerGid}`,
    },
  };
}

function companySync(item: MergeQueueItem, companyGid: string): ResyncPlan {
  return {
    kind: 'job',
    job: {
      identifier: 'shopify_company__sync',
      payload: { storeId: item.storeId, companyGid, correlationId: item.correlationId },
      jobKey: `company:${item.storeId}:${companyGid}`,
    },
  };
}

/**
 * The job that re-syncs a decided item's record. Records synced as part of another one are re-synced through it:
 * an address company through its customer, a company location through its company (both named in the payload the
 * worker parks). A guest checkout's buyer has no sync of its own; the decision applies when its order next syncs.
 */
export function resyncPlan(item: MergeQueueItem): ResyncPlan {
  switch (item.shopifyType) {
    case 'customer':
      return customerSync(item, item.shopifyGid);
    case 'company':
      return companySync(item, item.shopifyGid);
    case 'address_company': {
      const customerGid = gidOf('Customer', item.payload.customerGid);
      return customerGid
        ? customerSync(item, customerGid)
        : { kind: 'none', reason: 'the parked address company names no customer to sync again' };
    }
    case 'company_location': {
      const companyGid = gidOf('Company', item.payload.companyGid);
      return companyGid
        ? companySync(item, companyGid)
        : { kind: 'none', reason: 'the parked company location names no company to sync again' };
    }
    default:
      return {
        kind: 'none',
        reason: `a ${item.shopifyType} has no sync of its own; the decision applies on its next sync`,
      };
  }
}
