import { describe, expect, it } from 'vitest';
import type { BackfillRow } from './backfills-query';
import { describeBackfill, startRefusalText } from './backfills-view';

const row = (status: string, progress: Partial<BackfillRow['progress']>): BackfillRow => ({
  id: 'b1',
  storeId: 's1',
  entity: 'ORDER',
  status,
  errorMessage: null,
  createdAt: '2026-11-27T10:00:00Z',
  finishedAt: null,
  progress: {
    total: null,
    queued: 0,
    skipped: 0,
    pending: 0,
    done: 0,
    ratePerSecond: null,
    etaSeconds: null,
    ...progress,
  },
});

describe('describeBackfill', () => {
  it('shows no percentage while Shopify builds the file', () => {
    expect(describeBackfill(row('BULK_RUNNING', {}))).toMatchObject({
      title: 'order backfill',
      status: 'Shopify is preparing the records',
      percent: null,
      counts: '0 done',
      rate: null,
      eta: null,
    });
  });

  it('shows how far, how fast and how long is left while syncing', () => {
    expect(
      describeBackfill(row('SYNCING', { total: 400, done: 100, skipped: 20, ratePerSecond: 12.5, etaSeconds: 24 })),
    ).toMatchObject({
      percent: 25,
      counts: '100 of 400 done (20 already up to date)',
      rate: '12.5 records/s',
      eta: 'about 24 s left',
    });
  });

  it('is full once completed, even with nothing to do', () => {
    expect(describeBackfill(row('COMPLETED', { total: 0, etaSeconds: 0 }))).toMatchObject({ percent: 100, eta: null });
  });
});

describe('startRefusalText', () => {
  it('explains that a backfill of this store and entity is already under way', () => {
    // Action
    const text = startRefusalText(
      'BACKFILL_ACTIVE',
      'Store Demo US already has a order backfill…',
      'Orders',
      'Demo US',
    );
    // Assertions
    expect(text).toMatch(/^Orders of Demo US are already being backfilled: one is under way for this store and entity/);
    expect(text).toMatch(/Wait for it to finish/);
  });

  it('passes on any other refusal in the server’s words', () => {
    // Assertions
    expect(startRefusalText('BAD_USER_INPUT', 'storeId must be a UUID', 'Orders', 'Demo US')).toBe(
      'The backfill was not started: storeId must be a UUID',
    );
    expect(startRefusalText('STORE_NOT_FOUND', 'No store', 'Orders', 'Demo US')).toMatch(/no longer connected/);
  });
});
