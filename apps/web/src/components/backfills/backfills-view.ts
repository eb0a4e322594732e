import type { BackfillRow } from './backfills-query';

/** How a backfill reads in the console: what it is doing, how far, how fast, and how long is left. */
export interface BackfillView {
  title: string;
  status: string;
  /** 0 to 100; null while the total is unknown (Shopify still builds the file). */
  percent: number | null;
  counts: string;
  rate: string | null;
  eta: string | null;
}

const STATUS_TEXT: Record<string, string> = {
  PENDING: 'queued',
  BULK_RUNNING: 'Shopify is preparing the records',
  INGESTING: 'reading the records into sync jobs',
  SYNCING: 'syncing',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function describeBackfill(backfill: BackfillRow): BackfillView {
  const { progress } = backfill;
  const total = progress.total;
  const percent =
    backfill.status === 'COMPLETED'
      ? 100
      : total === null
        ? null
        : total === 0
          ? 100
          : Math.min(100, Math.floor((progress.done / total) * 100));
  return {
    title: `${backfill.entity.toLowerCase()} backfill`,
    status: STATUS_TEXT[backfill.status] ?? backfill.status.toLowerCase(),
    percent,
    counts:
      total === null
        ? `${progress.done} done`
        : `${progress.done} of ${total} done (${progress.skipped} already up to date)`,
    rate: progress.ratePerSecond === null ? null : `${progress.ratePerSecond.toFixed(1)} records/s`,
    eta:
      progress.etaSeconds === null || backfill.status === 'COMPLETED'
        ? null
        : `about ${duration(progress.etaSeconds)} left`,
  };
}

/** A refusal to start a backfill, explained in words that say what to do. */
export function startRefusalText(code: string | null, message: string, entityLabel: string, storeName: string): string {
  switch (code) {
    case 'BACKFILL_ACTIVE':
      return (
        `${entityLabel} of ${storeName} are already being backfilled: one is under way for this store and entity. ` +
        'Wait for it to finish (its progress is in the list below), then start another if you still need it.'
      );
    case 'STORE_NOT_FOUND':
      return `${storeName} is no longer connected, so there is nothing to backfill. Reload the page to see the stores.`;
    case 'FORBIDDEN':
      return `Starting a backfill needs the operator role: ${message}`;
    default:
      return `The backfill was not started: ${message}`;
  }
}
