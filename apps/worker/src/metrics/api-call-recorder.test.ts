import type { ApiCallDelta } from '@shopverse/db';
import { describe, expect, it } from 'vitest';
import { ApiCallRecorder } from './api-call-recorder';

const STORE = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-000000000002';
const quiet = { warn: () => undefined };

/** A writer that keeps what it is given, and fails while `failing` is set, as a database that is down would. */
function memoryWriter() {
  const written: ApiCallDelta[][] = [];
  const writer = {
    failing: false,
    written,
    write: (deltas: ApiCallDelta[]) => {
      if (writer.failing) return Promise.reject(new Error('connection refused'));
      written.push(structuredClone(deltas));
      return Promise.resolve();
    },
  };
  return writer;
}

describe('ApiCallRecorder', () => {
  it('adds up each API’s answers, throttling, failures and waits per subject and minute', async () => {
    // Setup
    let now = new Date('2026-11-27T10:00:59.000Z');
    const writer = memoryWriter();
    const recorder = new ApiCallRecorder({ write: writer.write, now: () => now, logger: quiet });
    const shopify = recorder.shopify(STORE);
    const dataverse = recorder.dataverse(ORG);
    // Action
    shopify({ kind: 'wait', waitMs: 900, requestedCost: 100 });
    shopify({ kind: 'waited', waitMs: 750, cause: 'cost-bucket' });
    shopify({ kind: 'response', status: 200, requestedCost: 100, actualCost: 20, throttle: null });
    shopify({ kind: 'throttled', waitMs: 500, attempt: 1 });
    shopify({ kind: 'response', status: 503, requestedCost: null, actualCost: null, throttle: null });
    shopify({ kind: 'retry', reason: 'HTTP 503', waitMs: 100, attempt: 2 });
    dataverse({ kind: 'response', method: 'GET', path: 'contacts', status: 429, durationMs: 3 });
    dataverse({ kind: 'throttled', retryAfterMs: 2000, attempt: 1, code: undefined });
    dataverse({ kind: 'waited', waitMs: 2000 });
    now = new Date('2026-11-27T10:01:00.000Z');
    dataverse({ kind: 'response', method: 'GET', path: 'contacts', status: 200, durationMs: 3 });
    dataverse({ kind: 'failure', reason: 'the connection failed', attempt: 1 });
    await recorder.flush();
    // Assertions
    expect(writer.written).toEqual([
      [
        {
          api: 'shopify',
          subjectId: STORE,
          minute: new Date('2026-11-27T10:00:00.000Z'),
          requests: 2,
          throttled: 1,
          throttleWaitMs: 750,
          errors: 1,
        },
        {
          api: 'dataverse',
          subjectId: ORG,
          minute: new Date('2026-11-27T10:00:00.000Z'),
          requests: 1,
          throttled: 1,
          throttleWaitMs: 2000,
          errors: 0,
        },
        {
          api: 'dataverse',
          subjectId: ORG,
          minute: new Date('2026-11-27T10:01:00.000Z'),
          requests: 2,
          throttled: 0,
          throttleWaitMs: 0,
          errors: 1,
        },
      ],
    ]);
  });

  it('keeps the counts of a failed write and writes them with the next flush, once', async () => {
    // Setup
    const now = new Date('2026-11-27T10:00:00.000Z');
    const writer = memoryWriter();
    const recorder = new ApiCallRecorder({ write: writer.write, now: () => now, logger: quiet });
    const shopify = recorder.shopify(STORE);
    shopify({ kind: 'response', status: 200, requestedCost: 1, actualCost: 1, throttle: null });
    writer.failing = true;
    await recorder.flush();
    // Action
    writer.failing = false;
    shopify({ kind: 'response', status: 200, requestedCost: 1, actualCost: 1, throttle: null });
    await recorder.stop();
    await recorder.flush();
    // Assertions
    expect(writer.written).toHaveLength(1);
    expect(writer.written[0]).toEqual([expect.objectContaining({ api: 'shopify', requests: 2 })]);
  });
});
