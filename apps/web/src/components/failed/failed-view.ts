import { shopifyAdminUrl } from '../shell/record-links';
import type { ChainAttempt, FailedRecord, FailedStore, RetryOutcome } from './failed-query';

/** Failed records of one store sharing an error code: fixed once, retried together. */
export interface FailureGroupView {
  key: string;
  storeId: string;
  errorCode: string;
  errorClass: string;
  /** The newest record's message: what the code means in practice. */
  message: string;
  records: FailedRecord[];
}

/** Groups the failed list by store and error code, the biggest group first, then the most recent. */
export function groupFailures(records: readonly FailedRecord[]): FailureGroupView[] {
  const groups = new Map<string, FailureGroupView>();
  for (const record of records) {
    const key = `${record.storeId}|${record.errorCode}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        storeId: record.storeId,
        errorCode: record.errorCode,
        errorClass: record.errorClass,
        message: record.errorMessage,
        records: [],
      };
      groups.set(key, group);
    }
    group.records.push(record);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.records.length - a.records.length ||
      Date.parse(b.records[0]?.failedAt ?? '') - Date.parse(a.records[0]?.failedAt ?? ''),
  );
}

/** The record as a person knows it: `order 1042` from `gid://shopify/Order/1042`. */
export function recordLabel(record: Pick<FailedRecord, 'entity' | 'shopifyGid'>): string {
  const id = record.shopifyGid?.split('/').pop();
  return [record.entity ?? 'record', id].filter(Boolean).join(' ');
}

/** Where a record is looked at further: its chain on the Activity page, and the record in the Shopify admin. */
export interface RecordLinks {
  activity: string;
  /** Absent when the store or the record's type has no admin page. */
  shopifyAdmin?: string;
}

/** The chain of one change on the Activity page. */
export function activityUrl(correlationId: string): string {
  return `/activity?${new URLSearchParams({ correlationId }).toString()}`;
}

/** The links of a record; `stores` gives each store's shop domain. */
export function recordLinks(
  record: Pick<FailedRecord, 'storeId' | 'shopifyGid' | 'correlationId'>,
  stores: readonly Pick<FailedStore, 'id' | 'shopDomain'>[],
): RecordLinks {
  const activity = activityUrl(record.correlationId);
  const domain = stores.find((store) => store.id === record.storeId)?.shopDomain;
  const admin = domain && record.shopifyGid ? shopifyAdminUrl(domain, record.shopifyGid) : undefined;
  return admin ? { activity, shopifyAdmin: admin } : { activity };
}

/** The store's name for a group's heading; its id when the store is not listed (removed since). */
export function storeName(storeId: string, stores: readonly Pick<FailedStore, 'id' | 'name'>[]): string {
  return stores.find((store) => store.id === storeId)?.name ?? storeId;
}

/** What a retry did, for the status line. */
export function retryNotice(outcome: Pick<RetryOutcome, 'count'>): string {
  if (outcome.count === 0) return 'Nothing was queued: those records had left the failed list already.';
  const noun = outcome.count === 1 ? 'retry' : 'retries';
  return `Queued ${outcome.count} ${noun}. A record leaves the list once its retry syncs; one that fails again returns.`;
}

/** A record retried from this page, followed until its retry is known to have worked or not. */
export type RetriedRecord = Pick<FailedRecord, 'id' | 'entity' | 'shopifyGid' | 'correlationId' | 'failedAt'>;

/** The retried records among those shown: the queued jobs' dead letters, as the list showed them. */
export function retriedRecords(outcome: RetryOutcome, shown: readonly FailedRecord[]): RetriedRecord[] {
  const byId = new Map(shown.map((record) => [record.id, record]));
  return outcome.queued.flatMap((job) => {
    const record = byId.get(job.deadLetterId);
    return record ? [{ ...record, correlationId: job.correlationId }] : [];
  });
}

/** What a retried record became. */
export type RetryState =
  | { kind: 'waiting' }
  | { kind: 'synced'; outcome: string }
  | { kind: 'retrying'; errorCode: string | null }
  | { kind: 'failed'; errorCode: string | null; errorMessage: string | null }
  | { kind: 'merge' };

/**
 * Reads a retried record's chain: the newest attempt of that record begun after it failed is what the retry became.
 * Other records' attempts in the chain (the order's customer, synced first) do not count.
 */
export function retryState(record: RetriedRecord, chain: readonly ChainAttempt[]): RetryState {
  const failedAt = Date.parse(record.failedAt);
  const since = chain.filter(
    (attempt) =>
      attempt.entity === record.entity &&
      attempt.shopifyGid === record.shopifyGid &&
      Date.parse(attempt.startedAt) > failedAt,
  );
  const latest = since.reduce<ChainAttempt | undefined>(
    (newest, attempt) => (!newest || Date.parse(attempt.startedAt) >= Date.parse(newest.startedAt) ? attempt : newest),
    undefined,
  );
  if (!latest) return { kind: 'waiting' };
  const outcome = latest.outcome.toLowerCase();
  switch (outcome) {
    case 'created':
    case 'updated':
    case 'unchanged':
    case 'skipped':
      return { kind: 'synced', outcome };
    case 'retrying':
      return { kind: 'retrying', errorCode: latest.errorCode };
    case 'ambiguous':
      return { kind: 'merge' };
    default:
      return { kind: 'failed', errorCode: latest.errorCode, errorMessage: latest.errorMessage };
  }
}

/** The state in words, for the retried list. */
export function retryStateText(state: RetryState): string {
  switch (state.kind) {
    case 'waiting':
      return 'Queued: waiting for the worker.';
    case 'synced':
      return `Synced (${state.outcome}): it left the failed list.`;
    case 'retrying':
      return `Failed again for now (${state.errorCode ?? 'no code'}); retried automatically.`;
    case 'merge':
      return 'Several CRM rows match it: it waits in the merge queue.';
    case 'failed':
      return `Failed again (${state.errorCode ?? 'no code'}): it is back on the failed list.`;
  }
}
