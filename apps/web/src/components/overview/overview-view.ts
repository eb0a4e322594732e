import type { ApiCallRow, DayStats, OverviewStore, OverviewWindows } from './overview-query';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days the throughput chart covers, today included. */
export const CHART_DAYS = 14;

/** `YYYY-MM-DD` of the UTC day holding `at` (ms), as `stats` names its days. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function startOfUtcDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** The chart's UTC days, oldest first, ending with today. */
export function chartDays(now: number, days = CHART_DAYS): string[] {
  const today = startOfUtcDay(now);
  return Array.from({ length: days }, (_, index) => utcDay(today - (days - 1 - index) * DAY_MS));
}

/** What the overview asks for at `now`: whole UTC days up to the end of today, and the hour just past. */
export function overviewWindows(now: number, days = CHART_DAYS): OverviewWindows {
  const today = startOfUtcDay(now);
  return {
    from: new Date(today - (days - 1) * DAY_MS),
    to: new Date(today + DAY_MS),
    callsFrom: new Date(now - HOUR_MS),
    callsTo: new Date(now),
  };
}

/** Failed over everything that reached an end (synced or failed); null when nothing did. */
export function errorRate(synced: number, failed: number): number | null {
  const total = synced + failed;
  return total === 0 ? null : failed / total;
}

/** `2.5%`; below a tenth of a percent but not zero reads `<0.1%`, so a few failures never look like none. */
export function formatRate(rate: number | null): string {
  if (rate === null) return 'no attempts';
  if (rate > 0 && rate < 0.001) return '<0.1%';
  return `${(rate * 100).toFixed(1)}%`;
}

/** A span as a person reads it: `0.8 s`, `42 s`, `3 min`, `2 h 5 min`, `3 d 4 h`. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${Math.max(0, seconds).toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}

/** `just now`, `40 s ago`, `3 min ago`, `5 h ago`, `2 d ago`; a time ahead of the clock (skew) is `just now`. */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** One day of a store's chart. */
export interface DayPoint {
  day: string;
  synced: number;
  failed: number;
}

/** The store's days in `days` order, zero where `stats` left a day out (no attempts). */
export function storeSeries(stats: readonly DayStats[], storeId: string, days: readonly string[]): DayPoint[] {
  const byDay = new Map(stats.filter((row) => row.storeId === storeId).map((row) => [row.day, row]));
  return days.map((day) => ({ day, synced: byDay.get(day)?.synced ?? 0, failed: byDay.get(day)?.failed ?? 0 }));
}

/** One stacked bar: synced from the baseline up, failed on top of it. Coordinates in the SVG's user units. */
export interface Bar {
  day: string;
  x: number;
  width: number;
  syncedY: number;
  syncedHeight: number;
  failedY: number;
  failedHeight: number;
}

/** Bars for `series` in a `width` x `height` box, scaled to the tallest day; all flat when nothing happened. */
export function chartBars(series: readonly DayPoint[], width: number, height: number, gap = 2): Bar[] {
  const peak = Math.max(1, ...series.map((point) => point.synced + point.failed));
  const slot = series.length === 0 ? 0 : width / series.length;
  const barWidth = Math.max(1, slot - gap);
  return series.map((point, index) => {
    const syncedHeight = (point.synced / peak) * height;
    const failedHeight = (point.failed / peak) * height;
    return {
      day: point.day,
      x: index * slot + gap / 2,
      width: barWidth,
      syncedY: height - syncedHeight,
      syncedHeight,
      failedY: height - syncedHeight - failedHeight,
      failedHeight,
    };
  });
}

/** What a screen reader says for the chart: the totals and the busiest day. */
export function chartSummary(series: readonly DayPoint[]): string {
  const synced = series.reduce((sum, point) => sum + point.synced, 0);
  const failed = series.reduce((sum, point) => sum + point.failed, 0);
  const span = `${series.length} ${series.length === 1 ? 'day' : 'days'}`;
  if (synced + failed === 0) return `Throughput over the last ${span}: nothing synced or failed.`;
  const busiest = series.reduce((best, point) => (point.synced > best.synced ? point : best));
  const today = series.at(-1);
  return (
    `Throughput over the last ${span}: ${synced} synced, ${failed} failed. ` +
    `Busiest day ${busiest.day} with ${busiest.synced} synced; today ${today?.synced ?? 0} synced, ` +
    `${today?.failed ?? 0} failed.`
  );
}

/** How a store's status reads and which colour it takes. */
export interface StoreStatusView {
  text: string;
  tone: 'ok' | 'degraded' | 'down';
}

export function storeStatus(store: Pick<OverviewStore, 'status' | 'dryRun'>): StoreStatusView {
  const base =
    store.status === 'ACTIVE'
      ? { text: 'Active', tone: 'ok' as const }
      : store.status === 'PAUSED'
        ? { text: 'Paused', tone: 'degraded' as const }
        : { text: 'Disconnected', tone: 'down' as const };
  if (!store.dryRun) return base;
  // A dry run syncs nothing into the CRM: worth a warning colour even when the store is otherwise fine.
  return { text: `${base.text}, dry run (writes nothing)`, tone: base.tone === 'ok' ? 'degraded' : base.tone };
}

/** Everything a store's card shows, worked out from the answer. */
export interface StoreCardView {
  status: StoreStatusView;
  errorToday: string;
  errorFortnight: string;
  /** Change received (webhook, poll) to CRM written; attempts with no receipt time (a first sync) are not measured. */
  p95Today: string;
  lastSync: { relative: string; iso: string } | null;
  series: DayPoint[];
  chartLabel: string;
}

export function describeStore(store: OverviewStore, stats: readonly DayStats[], now: number): StoreCardView {
  const series = storeSeries(stats, store.id, chartDays(now));
  const today = series.at(-1);
  const todayRow = stats.find((row) => row.storeId === store.id && row.day === utcDay(now));
  const sum = (pick: (point: DayPoint) => number) => series.reduce((total, point) => total + pick(point), 0);
  const p95 = todayRow?.latencyP95Seconds ?? null;
  return {
    status: storeStatus(store),
    errorToday: formatRate(errorRate(today?.synced ?? 0, today?.failed ?? 0)),
    errorFortnight: formatRate(
      errorRate(
        sum((point) => point.synced),
        sum((point) => point.failed),
      ),
    ),
    p95Today: p95 === null ? 'none measured today' : formatDuration(p95),
    lastSync: store.lastSyncAt ? { relative: relativeTime(store.lastSyncAt, now), iso: store.lastSyncAt } : null,
    series,
    chartLabel: chartSummary(series),
  };
}

/** One API's calls over the window, summed over its stores or orgs. */
export interface ApiTotal {
  api: ApiCallRow['api'];
  label: string;
  requests: number;
  throttled: number;
  errors: number;
}

const API_LABELS: Record<ApiCallRow['api'], string> = { SHOPIFY: 'Shopify Admin API', DATAVERSE: 'Dataverse Web API' };

/** Both APIs, Shopify first, each with its totals (zeros when it was not called). */
export function apiTotals(rows: readonly ApiCallRow[]): ApiTotal[] {
  return (['SHOPIFY', 'DATAVERSE'] as const).map((api) => {
    const mine = rows.filter((row) => row.api === api);
    return {
      api,
      label: API_LABELS[api],
      requests: mine.reduce((sum, row) => sum + row.requests, 0),
      throttled: mine.reduce((sum, row) => sum + row.throttled, 0),
      errors: mine.reduce((sum, row) => sum + row.errors, 0),
    };
  });
}
