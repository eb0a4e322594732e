import type { FailedRecord } from './failed-query';

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
