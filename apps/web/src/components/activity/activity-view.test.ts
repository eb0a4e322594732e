import { describe, expect, it } from 'vitest';
import type { AttemptRow } from './activity-query';
import {
  dryRunChanges,
  formatDuration,
  formatTime,
  mergeAttempts,
  nextCursors,
  outcomeTone,
  prettyJson,
  recordLabel,
} from './activity-view';

const attempt = (id: string, startedAt: string, extra: Partial<AttemptRow> = {}): AttemptRow => ({
  id,
  correlationId: `c-${id}`,
  storeId: 's1',
  entity: 'order',
  shopifyGid: null,
  orderName: null,
  email: null,
  crmTable: null,
  crmId: null,
  outcome: 'CREATED',
  errorClass: null,
  errorCode: null,
  attempt: 1,
  durationMs: 12,
  source: 'webhook',
  dryRun: false,
  startedAt,
  ...extra,
});

describe('mergeAttempts', () => {
  it('merges the readings of a search newest first, each attempt once', () => {
    // Setup: a correlation id reading and a CRM id reading that share attempt b.
    const byCorrelation = [attempt('c', '2026-11-27T08:03:00.000Z'), attempt('b', '2026-11-27T08:02:00.000Z')];
    const byCrmId = [attempt('d', '2026-11-27T08:04:00.000Z'), attempt('b', '2026-11-27T08:02:00.000Z')];
    const tie = [attempt('a', '2026-11-27T08:02:00.000Z')];
    // Action
    const merged = mergeAttempts([byCorrelation, byCrmId, tie]);
    // Assertions
    expect(merged.map((row) => row.id)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('nextCursors', () => {
  it('goes on with a reading while it has more and stops one that has none', () => {
    // Setup
    const more = { nodes: [], pageInfo: { hasNextPage: true, endCursor: 'cur-2' } };
    const done = { nodes: [], pageInfo: { hasNextPage: false, endCursor: 'cur-9' } };
    // Action
    const after = nextCursors([null, null, false], [more, done, undefined]);
    // Assertions
    expect(after).toEqual(['cur-2', false, false]);
  });
});

describe('the row as shown', () => {
  it('names the record by order name, else email, else Shopify record', () => {
    expect(recordLabel(attempt('1', '', { orderName: '#1042', email: 'a@b.c' }))).toBe('#1042');
    expect(recordLabel(attempt('1', '', { email: 'a@b.c', shopifyGid: 'gid://shopify/Customer/7' }))).toBe('a@b.c');
    expect(recordLabel(attempt('1', '', { shopifyGid: 'gid://shopify/Customer/7' }))).toBe('Customer 7');
    expect(recordLabel(attempt('1', '', { entity: 'company' }))).toBe('company');
  });

  it('colours outcomes and writes times in UTC and durations readably', () => {
    expect(['CREATED', 'RETRYING', 'FAILED', 'SKIPPED'].map(outcomeTone)).toEqual([
      'ok',
      'degraded',
      'down',
      'neutral',
    ]);
    expect(formatTime('2026-11-27T06:00:01.123Z')).toBe('2026-11-27 06:00:01 UTC');
    expect(formatTime(null)).toBe('—');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(prettyJson(null)).toBe('Nothing recorded.');
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe('dryRunChanges', () => {
  it("reads a record sync's diff and an order sync's writes as before and after, row by row", () => {
    // Setup: the shapes row-sync.ts and order-sync.ts log in a dry run.
    const contact = {
      operation: 'update',
      method: 'PATCH',
      entitySet: 'contacts',
      id: '0b7c2f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      diff: { firstname: { before: 'Ada', after: 'Augusta' }, telephone1: { before: null, after: '+441234' } },
    };
    const order = {
      writes: [
        {
          method: 'PATCH',
          entitySet: 'salesorders',
          key: { sv_shopifyid: 'us_1042' },
          diff: { name: { before: null, after: '#1042' } },
        },
      ],
    };
    // Action
    const contactRows = dryRunChanges(contact);
    const orderRows = dryRunChanges(order);
    // Assertions
    expect(contactRows).toEqual([
      {
        target: 'PATCH contacts(0b7c2f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b)',
        changes: [
          { column: 'firstname', before: 'Ada', after: 'Augusta' },
          { column: 'telephone1', before: '(empty)', after: '+441234' },
        ],
      },
    ]);
    expect(orderRows).toEqual([
      {
        target: 'PATCH salesorders(sv_shopifyid=us_1042)',
        changes: [{ column: 'name', before: '(empty)', after: '#1042' }],
      },
    ]);
    expect(dryRunChanges({ reason: 'not in scope' })).toEqual([]);
    expect(dryRunChanges(null)).toEqual([]);
  });
});
