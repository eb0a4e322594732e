import { describe, expect, it } from 'vitest';
import { BEGINNING, cursorAfter, pollWindow, staleRecords } from './delta-poll';

const now = new Date('2026-11-27T00:10:00.400Z');

describe('pollWindow', () => {
  it('reads everything up to now when the store was never polled', () => {
    // Action
    const window = pollWindow(undefined, 300, now);
    // Assertions
    expect(window).toEqual({ from: BEGINNING, to: now });
  });

  it('starts the overlap before the cursor and ends now', () => {
    // Setup
    const cursor = { updatedAt: new Date('2026-11-27T00:09:30Z'), gid: 'gid://shopify/Customer/7' };
    // Action
    const window = pollWindow(cursor, 300, now);
    // Assertions
    expect(window).toEqual({ from: new Date('2026-11-27T00:04:30Z'), to: now });
  });

  it('with no overlap starts at the cursor itself, so the records of its second are read again', () => {
    // Setup
    const cursor = { updatedAt: new Date('2026-11-27T00:09:30Z'), gid: null };
    // Action
    const window = pollWindow(cursor, 0, now);
    // Assertions
    expect(window.from).toEqual(cursor.updatedAt);
  });

  it('never gives an empty window when the cursor is ahead of our clock', () => {
    // Setup: Shopify's clock runs two minutes ahead of ours; cursor minus overlap is still after our now.
    const cursor = { updatedAt: new Date('2026-11-27T00:12:00Z'), gid: null };
    // Action
    const window = pollWindow(cursor, 60, now);
    // Assertions
    expect(window.from.getTime()).toBeLessThan(window.to.getTime());
    expect(window.from).toEqual(new Date(now.getTime() - 60_000));
  });
});

describe('staleRecords', () => {
  it('keeps what was never synced, synced without a version, or changed since; drops what is as synced', () => {
    // Setup
    const page = [
      { gid: 'gid://shopify/Order/1', updatedAt: '2026-11-27T00:05:00Z' },
      { gid: 'gid://shopify/Order/2', updatedAt: '2026-11-27T00:05:00Z' },
      { gid: 'gid://shopify/Order/3', updatedAt: '2026-11-27T00:05:01Z' },
      { gid: 'gid://shopify/Order/4', updatedAt: '2026-11-27T00:05:02Z' },
      { gid: 'gid://shopify/Order/5', updatedAt: '2026-11-27T00:05:02Z' },
    ];
    const synced = new Map<string, Date | null>([
      ['gid://shopify/Order/1', new Date('2026-11-27T00:05:00Z')],
      ['gid://shopify/Order/2', new Date('2026-11-27T00:04:59Z')],
      ['gid://shopify/Order/3', null],
      ['gid://shopify/Order/5', new Date('2026-11-27T00:05:03Z')],
    ]);
    // Action
    const stale = staleRecords(page, synced);
    // Assertions
    expect(stale.map((record) => record.gid)).toEqual([
      'gid://shopify/Order/2',
      'gid://shopify/Order/3',
      'gid://shopify/Order/4',
    ]);
  });
});

describe('cursorAfter', () => {
  it('moves the cursor to the last record of a page, and not at all for an empty page', () => {
    // Setup
    const page = [
      { gid: 'gid://shopify/Customer/9', updatedAt: '2026-11-27T00:05:00Z' },
      { gid: 'gid://shopify/Customer/3', updatedAt: '2026-11-27T00:05:01Z' },
    ];
    // Assertions
    expect(cursorAfter(page)).toEqual({ updatedAt: new Date('2026-11-27T00:05:01Z'), gid: 'gid://shopify/Customer/3' });
    expect(cursorAfter([])).toBeUndefined();
  });
});
