import { describe, expect, it } from 'vitest';
import { computeProgress } from './backfills';

const base = {
  totalRecords: 100,
  recordsQueued: 70,
  recordsSkipped: 10,
  bulkCompletedAt: new Date('2026-01-01T00:00:00Z'),
  finishedAt: null,
};

describe('computeProgress', () => {
  it('counts done as queued and skipped records whose job is no longer pending, with rate and eta', () => {
    // Action
    const progress = computeProgress(base, 20, new Date('2026-01-01T00:00:30Z'));

    // Assertions: 60 done in 30 s is 2 per second; 40 left take 20 s.
    expect(progress).toEqual({
      total: 100,
      queued: 70,
      skipped: 10,
      pending: 20,
      done: 60,
      ratePerSecond: 2,
      etaSeconds: 20,
    });
  });

  it('has no rate before the file is ready, and no time left once finished', () => {
    // Action
    const waiting = computeProgress(
      { ...base, totalRecords: null, recordsQueued: 0, recordsSkipped: 0, bulkCompletedAt: null },
      0,
      new Date('2026-01-01T00:00:30Z'),
    );
    const finished = computeProgress(
      { ...base, recordsQueued: 90, finishedAt: new Date('2026-01-01T00:00:50Z') },
      0,
      new Date('2026-01-02T00:00:00Z'),
    );

    // Assertions
    expect(waiting).toMatchObject({ total: null, done: 0, ratePerSecond: null, etaSeconds: null });
    expect(finished).toMatchObject({ done: 100, ratePerSecond: 2, etaSeconds: 0 });
  });
});
