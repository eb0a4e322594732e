import { describe, expect, it } from 'vitest';
import type { ChainAttempt, FailedRecord } from './failed-query';
import {
  groupFailures,
  recordLabel,
  recordLinks,
  retriedRecords,
  retryNotice,
  retryState,
  retryStateText,
  storeName,
} from './failed-view';

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

describe('recordLinks', () => {
  const stores = [{ id: 's1', name: 'Demo US', shopDomain: 'demo-us.myshopify.com' }];

  it('links a record to its chain on the Activity page and to the Shopify admin of its store', () => {
    // Action
    const links = recordLinks(record('1042', 's1', 'dataverse.rejected', '2026-11-27T10:00:00Z'), stores);
    // Assertions
    expect(links).toEqual({
      activity: '/activity?correlationId=c-1042',
      shopifyAdmin: 'https://demo-us.myshopify.com/admin/orders/1042',
    });
  });

  it('links only to the Activity page when the store is unknown or the record has no Shopify id', () => {
    // Setup
    const unknownStore = record('7', 's9', 'dataverse.rejected', '2026-11-27T10:00:00Z');
    const noGid = { ...record('8', 's1', 'internal', '2026-11-27T10:00:00Z'), shopifyGid: null };
    // Action and assertions
    expect(recordLinks(unknownStore, stores)).toEqual({ activity: '/activity?correlationId=c-7' });
    expect(recordLinks(noGid, stores)).toEqual({ activity: '/activity?correlationId=c-8' });
    expect(storeName('s1', stores)).toBe('Demo US');
    expect(storeName('s9', stores)).toBe('s9');
  });
});

describe('what a retry did', () => {
  const failedAt = '2026-11-27T10:00:00.000Z';
  const retried = { ...record('1042', 's1', 'dataverse.rejected', failedAt), correlationId: 'c-1042' };
  const attempt = (outcome: string, startedAt: string, extra: Partial<ChainAttempt> = {}): ChainAttempt => ({
    entity: 'order',
    shopifyGid: 'gid://shopify/Order/1042',
    outcome,
    errorCode: null,
    errorMessage: null,
    startedAt,
    ...extra,
  });

  it('says how many retries were queued, and when none were', () => {
    expect(retryNotice({ count: 1 })).toMatch(/^Queued 1 retry\./);
    expect(retryNotice({ count: 3 })).toMatch(/^Queued 3 retries\./);
    expect(retryNotice({ count: 0 })).toMatch(/^Nothing was queued/);
  });

  it('follows the queued records that the list showed', () => {
    // Setup
    const shown = [retried, record('9', 's1', 'dataverse.rejected', failedAt)];
    const outcome = {
      count: 2,
      queued: [
        { deadLetterId: '1042', correlationId: 'c-1042' },
        { deadLetterId: 'beyond-the-page', correlationId: 'c-x' },
      ],
    };
    // Action
    const followed = retriedRecords(outcome, shown);
    // Assertions
    expect(followed.map((entry) => entry.id)).toEqual(['1042']);
  });

  it('waits until an attempt of the record begins after it failed', () => {
    // Setup: the failing attempt itself and the customer synced in the same chain do not count
    const chain = [
      attempt('failed', '2026-11-27T09:59:59.000Z'),
      attempt('updated', '2026-11-27T10:00:05.000Z', { entity: 'customer', shopifyGid: 'gid://shopify/Customer/1' }),
    ];
    // Action
    const state = retryState(retried, chain);
    // Assertions
    expect(state).toEqual({ kind: 'waiting' });
    expect(retryStateText(state)).toBe('Queued: waiting for the worker.');
  });

  it('reads the newest attempt after the failure: synced, retrying, failed again or in the merge queue', () => {
    // Setup
    const before = attempt('FAILED', '2026-11-27T09:59:59.000Z');
    // Action and assertions
    expect(retryState(retried, [before, attempt('CREATED', '2026-11-27T10:01:00.000Z')])).toEqual({
      kind: 'synced',
      outcome: 'created',
    });
    expect(
      retryState(retried, [
        attempt('RETRYING', '2026-11-27T10:01:00.000Z', { errorCode: 'dataverse.unavailable' }),
        attempt('UPDATED', '2026-11-27T10:02:00.000Z'),
      ]),
    ).toEqual({ kind: 'synced', outcome: 'updated' });
    expect(
      retryState(retried, [attempt('RETRYING', '2026-11-27T10:01:00.000Z', { errorCode: 'dataverse.unavailable' })]),
    ).toEqual({ kind: 'retrying', errorCode: 'dataverse.unavailable' });
    const again = retryState(retried, [
      attempt('FAILED', '2026-11-27T10:01:00.000Z', { errorCode: 'dataverse.rejected', errorMessage: 'refused' }),
    ]);
    expect(again).toEqual({ kind: 'failed', errorCode: 'dataverse.rejected', errorMessage: 'refused' });
    expect(retryStateText(again)).toBe('Failed again (dataverse.rejected): it is back on the failed list.');
    expect(retryState(retried, [attempt('AMBIGUOUS', '2026-11-27T10:01:00.000Z')])).toEqual({ kind: 'merge' });
  });
});
