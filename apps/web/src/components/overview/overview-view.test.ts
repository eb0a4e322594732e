import { describe, expect, it } from 'vitest';
import type { DayStats, OverviewStore } from './overview-query';
import {
  apiTotals,
  chartBars,
  chartDays,
  chartSummary,
  describeStore,
  errorRate,
  formatDuration,
  formatRate,
  overviewWindows,
  relativeTime,
  storeSeries,
  storeStatus,
} from './overview-view';

/** Mid-afternoon UTC. */
const NOW = Date.parse('2026-11-27T15:00:00.000Z');

const store: OverviewStore = {
  id: 's1',
  key: 'us',
  name: 'Sandbox US',
  shopDomain: 'demo-us.myshopify.com',
  status: 'ACTIVE',
  dryRun: false,
  backlog: 3,
  lastSyncAt: '2026-11-27T14:57:00.000Z',
  orgs: [{ name: 'Org', url: 'https://org.example' }],
};

const day = (storeId: string, dayName: string, synced: number, failed: number, p95: number | null = null) =>
  ({ storeId, day: dayName, synced, failed, latencyP95Seconds: p95 }) satisfies DayStats;

describe('windows and days', () => {
  it('covers 14 whole UTC days ending with today, and the hour just past', () => {
    // Action
    const windows = overviewWindows(NOW);
    const days = chartDays(NOW);
    // Assertions
    expect(windows.from.toISOString()).toBe('2026-11-14T00:00:00.000Z');
    expect(windows.to.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(windows.callsFrom.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(windows.callsTo.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    expect(days).toHaveLength(14);
    expect(days[0]).toBe('2026-11-14');
    expect(days.at(-1)).toBe('2026-11-27');
  });

  it('starts a new day at midnight UTC', () => {
    expect(chartDays(Date.parse('2026-11-27T23:59:59.999Z'), 2)).toEqual(['2026-11-26', '2026-11-27']);
    expect(chartDays(Date.parse('2026-11-28T00:00:00.000Z'), 2)).toEqual(['2026-11-27', '2026-11-28']);
  });
});

describe('rates and durations', () => {
  it('divides failed by everything that ended, and says so when nothing did', () => {
    expect(errorRate(90, 10)).toBe(0.1);
    expect(errorRate(0, 0)).toBeNull();
    expect(formatRate(errorRate(90, 10))).toBe('10.0%');
    expect(formatRate(errorRate(0, 0))).toBe('no attempts');
    expect(formatRate(errorRate(5000, 1))).toBe('<0.1%');
    expect(formatRate(0)).toBe('0.0%');
  });

  it('reads spans and ages the way a person says them', () => {
    expect(formatDuration(0.84)).toBe('0.8 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min');
    expect(formatDuration(2 * 3600 + 5 * 60 + 7)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
    expect(relativeTime('2026-11-27T14:57:00.000Z', NOW)).toBe('3 min ago');
    expect(relativeTime('2026-11-27T14:59:20.000Z', NOW)).toBe('40 s ago');
    expect(relativeTime('2026-11-27T15:00:05.000Z', NOW)).toBe('just now');
    expect(relativeTime('2026-11-27T10:00:00.000Z', NOW)).toBe('5 h ago');
    expect(relativeTime('2026-11-25T14:00:00.000Z', NOW)).toBe('2 d ago');
  });
});

describe('the throughput chart', () => {
  it('fills the days stats left out with zeros and keeps only the store asked for', () => {
    // Setup
    const stats = [day('s1', '2026-11-26', 4, 1), day('s2', '2026-11-26', 9, 9), day('s1', '2026-11-27', 2, 0)];
    // Action
    const series = storeSeries(stats, 's1', ['2026-11-25', '2026-11-26', '2026-11-27']);
    // Assertions
    expect(series).toEqual([
      { day: '2026-11-25', synced: 0, failed: 0 },
      { day: '2026-11-26', synced: 4, failed: 1 },
      { day: '2026-11-27', synced: 2, failed: 0 },
    ]);
  });

  it('stacks failed on synced and scales the tallest day to the full height', () => {
    // Setup
    const series = [
      { day: 'a', synced: 0, failed: 0 },
      { day: 'b', synced: 6, failed: 2 },
      { day: 'c', synced: 4, failed: 0 },
    ];
    // Action
    const bars = chartBars(series, 30, 40, 2);
    // Assertions
    expect(bars.map((bar) => bar.x)).toEqual([1, 11, 21]);
    expect(bars.every((bar) => bar.width === 8)).toBe(true);
    expect(bars[0]).toMatchObject({ syncedHeight: 0, failedHeight: 0, syncedY: 40 });
    expect(bars[1]).toMatchObject({ syncedHeight: 30, syncedY: 10, failedHeight: 10, failedY: 0 });
    expect(bars[2]).toMatchObject({ syncedHeight: 20, syncedY: 20, failedHeight: 0 });
  });

  it('draws flat bars, not NaN, when nothing happened', () => {
    const bars = chartBars([{ day: 'a', synced: 0, failed: 0 }], 10, 40);
    expect(bars[0]).toMatchObject({ syncedHeight: 0, syncedY: 40, failedY: 40 });
  });

  it('sums the chart up in words', () => {
    // Setup
    const series = [
      { day: '2026-11-26', synced: 8, failed: 1 },
      { day: '2026-11-27', synced: 3, failed: 2 },
    ];
    // Action and Assertions
    expect(chartSummary(series)).toBe(
      'Throughput over the last 2 days: 11 synced, 3 failed. Busiest day 2026-11-26 with 8 synced; ' +
        'today 3 synced, 2 failed.',
    );
    expect(chartSummary([{ day: '2026-11-27', synced: 0, failed: 0 }])).toBe(
      'Throughput over the last 1 day: nothing synced or failed.',
    );
  });
});

describe('a store card', () => {
  it('says a dry run in a warning colour, and disconnected in red', () => {
    expect(storeStatus({ status: 'ACTIVE', dryRun: false })).toEqual({ text: 'Active', tone: 'ok' });
    expect(storeStatus({ status: 'ACTIVE', dryRun: true })).toEqual({
      text: 'Active, dry run (writes nothing)',
      tone: 'degraded',
    });
    expect(storeStatus({ status: 'PAUSED', dryRun: false }).tone).toBe('degraded');
    expect(storeStatus({ status: 'DISCONNECTED', dryRun: true }).tone).toBe('down');
  });

  it('works out today and the fortnight from the store own days', () => {
    // Setup
    const stats = [
      day('s1', '2026-11-20', 36, 0),
      day('s1', '2026-11-27', 9, 1, 2.25),
      day('s2', '2026-11-27', 0, 50, 99),
      day('s1', '2026-11-01', 0, 100),
    ];
    // Action
    const view = describeStore(store, stats, NOW);
    // Assertions
    expect(view.errorToday).toBe('10.0%');
    expect(view.errorFortnight).toBe('2.2%');
    expect(view.p95Today).toBe('2.3 s');
    expect(view.lastSync).toEqual({ relative: '3 min ago', iso: '2026-11-27T14:57:00.000Z' });
    expect(view.series).toHaveLength(14);
    expect(view.chartLabel).toContain('45 synced, 1 failed');
  });

  it('says plainly when a store has not synced yet', () => {
    // Action
    const view = describeStore({ ...store, lastSyncAt: null }, [], NOW);
    // Assertions
    expect(view.lastSync).toBeNull();
    expect(view.errorToday).toBe('no attempts');
    expect(view.p95Today).toBe('none measured today');
  });
});

describe('API calls', () => {
  it('sums each API over its stores and orgs, and lists an API that was not called as zero', () => {
    // Setup
    const rows = [
      { api: 'SHOPIFY' as const, subjectId: 'a', subject: 'us', requests: 10, throttled: 1, errors: 0 },
      { api: 'SHOPIFY' as const, subjectId: 'b', subject: 'eu', requests: 5, throttled: 2, errors: 1 },
    ];
    // Action
    const totals = apiTotals(rows);
    // Assertions
    expect(totals).toEqual([
      { api: 'SHOPIFY', label: 'Shopify Admin API', requests: 15, throttled: 3, errors: 1 },
      { api: 'DATAVERSE', label: 'Dataverse Web API', requests: 0, throttled: 0, errors: 0 },
    ]);
  });
});
