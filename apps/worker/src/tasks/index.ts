import type { TaskList } from 'graphile-worker';
import type { TaskDeps } from './define-task';
import { shopifyCompanySync } from './shopify_company__sync';
import { shopifyCustomerMerge } from './shopify_customer__merge';
import { shopifyCustomerSync } from './shopify_customer__sync';
import { shopifyDeliveryProcess } from './shopify_delivery__process';
import { shopifyOrderSync } from './shopify_order__sync';
import { shopifyRecordsSync } from './shopify_records__sync';
import { shopifyPrivacyProcess } from './shopify_privacy__process';
import { syncAttemptsPrune } from './sync_attempts__prune';
import { storeBackfill } from './store__backfill';
import { bulkResultIngest } from './bulk_result__ingest';
import { storePoll } from './store__poll';
import { crmChangesPoll } from './crm_changes__poll';
import { shopifyCustomerPush } from './shopify_customer__push';
import { shopifyCustomerCreate } from './shopify_customer__create';

export type { TaskDeps, TaskContext } from './define-task';

/** Every task the worker runs, by identifier (`entity__action`, the file name). */
const definitions = [
  shopifyCustomerSync,
  shopifyCompanySync,
  shopifyCustomerMerge,
  shopifyOrderSync,
  shopifyRecordsSync,
  shopifyDeliveryProcess,
  shopifyPrivacyProcess,
  syncAttemptsPrune,
  storeBackfill,
  bulkResultIngest,
  storePoll,
  crmChangesPoll,
  shopifyCustomerPush,
  shopifyCustomerCreate,
];

export function createTaskList(deps: TaskDeps): TaskList {
  return Object.fromEntries(definitions.map((define) => define(deps)));
}
