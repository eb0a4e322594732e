import { describe, expect, it } from 'vitest';
import type { FailedRecord } from './failed-query';
import { groupFailures, recordLabel } from './failed-view';

const record = (id: string, storeId: string, errorCode: string, failedAt: string): FailedRecord => ({
  id,
  storeId,
  entity: 'order',
  shopifyGid: `gid://shopify/Order/${id}`,
  correlationId: `c-${id}`,
  errorClass: 'permanent',
  errorCode,
  errorMessage: `${errorCode} on ${id}`,
  attempts: 1,
  failedAt,
});

describe('groupFailures', () => {
  it('groups by store and code, biggest group first, and keeps the newest message', () => {
    // Setup: the list arrives newest first.
    const records = [
      record('3', 's1', 'order.totals_mismatch', '2026-11-27T10:00:00Z'),
      record('2', 's1', 'dataverse.validation', '2026-11-27T09:00:00Z'),
      record('1', 's1', 'order.totals_mismatch', '2026-11-27T08:00:00Z'),
      record('4', 's2', 'order.totals_mismatch', '2026-11-27T07:00:00Z'),
    ];
    // Action
    const groups = groupFailures(records);
    // Assertions
    expect(groups.map((group) => [group.storeId, group.errorCode, group.records.length])).toEqual([
      ['s1', 'order.totals_mismatch', 2],
      ['s1', 'dataverse.validation', 1],
      ['s2', 'order.totals_mismatch', 1],
    ]);
    expect(groups[0]?.message).toBe('order.totals_mismatch on 3');
  });

  it('names a record by its entity and Shopify id', () => {
    expect(recordLabel({ entity: 'order', shopifyGid: 'gid://shopify/Order/1042' })).toBe('order 1042');
    expect(recordLabel({ entity: null, shopifyGid: null })).toBe('record');
  });
});
