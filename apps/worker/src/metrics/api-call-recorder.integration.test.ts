import { randomUUID } from 'node:crypto';
import { addApiCallStats } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { describe, expect, it } from 'vitest';
import { ApiCallRecorder } from './api-call-recorder';

describe('ApiCallRecorder on PostgreSQL', () => {
  const database = useTestDatabase();
  const quiet = { warn: () => undefined };

  it('adds the counts of several worker processes into one row per API, subject and minute', async () => {
    // Setup: two processes, counting calls for one store in the same minute.
    const { db, sql } = database();
    const storeId = randomUUID();
    const now = () => new Date('2026-11-27T10:00:30.000Z');
    const recorders = [1, 2].map(
      () => new ApiCallRecorder({ write: (deltas) => addApiCallStats(db, deltas), now, logger: quiet }),
    );
    // Action
    for (const [index, recorder] of recorders.entries()) {
      const listener = recorder.shopify(storeId);
      for (let n = 0; n <= index; n += 1) {
        listener({ kind: 'response', status: 200, requestedCost: 1, actualCost: 1, throttle: null });
      }
      listener({ kind: 'waited', waitMs: 125.4, cause: 'cost-bucket' });
      await recorder.stop();
    }
    // Assertions
    const rows = await sql<{ onMinute: boolean; requests: number; waitMs: string }[]>`
      select minute = '2026-11-27T10:00:00Z'::timestamptz as "onMinute", requests, throttle_wait_ms::text as "waitMs"
      from api_call_stats where subject_id = ${storeId}`;
    expect(rows).toEqual([{ onMinute: true, requests: 3, waitMs: '250' }]);
  });
});
