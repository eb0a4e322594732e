/**
 * The shape of the jobs that sync one Shopify record, shared by everything that queues them: webhook routing, the
 * delta poll, backfills, retries from the console and the CLI. One key per record (`order:<store>:<gid>`) so that a
 * burst of changes to one record folds into one sync.
 */

/** The Shopify entities synced one record per job. */
export type SyncEntity = 'customer' | 'company' | 'order';

/** What started a chain of attempts; written to `sync_attempts.source`. */
export type SyncSource = 'webhook' | 'poll' | 'backfill' | 'retry' | 'replay' | 'merge' | 'manual';

export const SYNC_SOURCES: readonly SyncSource[] = [
  'webhook',
  'poll',
  'backfill',
  'retry',
  'replay',
  'merge',
  'manual',
];

/** The task that syncs each entity. */
export const SYNC_TASKS: Record<SyncEntity, string> = {
  customer: 'shopify_customer__sync',
  company: 'shopify_company__sync',
  order: 'shopify_order__sync',
};

/**
 * The task that runs many records' sync jobs at once in one worker slot (a backfill's): each record syncs as its own
 * job would, under its own lock, log and retry. Its payload is `{ storeId, backfillId?, jobs: SyncJob[] }`.
 */
export const SYNC_BATCH_TASK = 'shopify_records__sync';

/** Records per batch job: enough syncs in flight to fill Dataverse batches, few enough to start soon. */
export const SYNC_BATCH_RECORDS = 16;

/** The payload field that holds the record's gid, per entity. */
const GID_FIELDS: Record<SyncEntity, string> = { customer: 'customerGid', company: 'companyGid', order: 'orderGid' };

/** Fields every job payload may carry besides its own: the chain it belongs to and where it came from. */
export interface JobEnvelope {
  /** Follows the change from intake to the CRM; kept by retries. */
  correlationId: string;
  source: SyncSource;
  /** ISO instant the change reached us (delivery received, poll or bulk file read). */
  receivedAt?: string;
  /** Retries already made by our own backoff (0 or absent for the first run). */
  retry?: number;
  /** The backfill that queued the job, for its progress. */
  backfillId?: string;
}

export interface SyncJob {
  task: string;
  payload: Record<string, unknown>;
  jobKey: string;
}

/** The job key of one record's sync. */
export function syncJobKey(entity: SyncEntity, storeId: string, gid: string): string {
  return `${entity}:${storeId}:${gid}`;
}

/**
 * The key of the job that pushes a customer's CRM edits to Shopify (issue 12): one per customer, so edits read by
 * several polls (or a person's decision) before it runs fold into one push.
 */
export function pushJobKey(storeId: string, customerGid: string): string {
  return `push:${storeId}:${customerGid}`;
}

/** The sync job of one record; `body` is a webhook body the sync may use when it is newer than what was synced. */
export function syncJob(
  entity: SyncEntity,
  storeId: string,
  gid: string,
  envelope: JobEnvelope,
  body?: unknown,
): SyncJob {
  return {
    task: SYNC_TASKS[entity],
    payload: { storeId, [GID_FIELDS[entity]]: gid, ...(body === undefined ? {} : { body }), ...envelope },
    jobKey: syncJobKey(entity, storeId, gid),
  };
}
