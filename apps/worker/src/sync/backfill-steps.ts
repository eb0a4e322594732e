/**
 * The pure decisions of a backfill (`store__backfill`, `bulk_result__ingest`): what a finished bulk operation means
 * for the backfill, where its file is fetched from, and which records of a batch need a sync job.
 */
import type { BulkEntity, BulkRecordLine } from '@shopverse/shopify';

/** Seconds between polls of a running bulk operation: Shopify's files take seconds to hours. */
export const BULK_POLL_SECONDS = 2;
/** Seconds before trying again to start a bulk query while another one runs in the shop (one at a time). */
export const BULK_BUSY_RETRY_SECONDS = 5;
/** Seconds between looks at whether every sync job of the backfill has run. */
export const SYNC_CHECK_SECONDS = 2;
/** Records per ingest transaction: one link lookup, one `add_jobs` and one resume point each. */
export const INGEST_BATCH = 250;

/** A bulk operation's state as the backfill sees it after one poll. */
export type BulkOutcome =
  { kind: 'running' } | { kind: 'completed'; url: string | null; total: number } | { kind: 'failed'; message: string };

const ENTITY_WORDS: Record<BulkEntity, { plural: string; scope: string }> = {
  customer: { plural: 'customers', scope: 'read_customers' },
  company: { plural: 'companies', scope: 'read_companies' },
  order: { plural: 'orders', scope: 'read_orders (and read_all_orders for orders older than 60 days)' },
};

/**
 * What one poll of the operation means. Shopify's `errorCode` (ACCESS_DENIED, INTERNAL_SERVER_ERROR, TIMEOUT) and the
 * CANCELED and EXPIRED states become a sentence that says what to do next.
 */
export function bulkOutcome(
  entity: BulkEntity,
  operation: { status: string; errorCode?: string | null; url?: string | null; rootObjectCount?: string | null },
): BulkOutcome {
  const words = ENTITY_WORDS[entity];
  switch (operation.status) {
    // Cancelling ends in CANCELED, which the next poll reports.
    case 'CREATED':
    case 'RUNNING':
    case 'CANCELING':
      return { kind: 'running' };
    case 'COMPLETED':
      // 64-bit counts travel as decimal strings; a file of more than 2^53 records is not a concern.
      return { kind: 'completed', url: operation.url ?? null, total: Number(operation.rootObjectCount ?? 0) };
    case 'CANCELED':
      return {
        kind: 'failed',
        message: `The bulk query of ${words.plural} was cancelled in the shop before it finished; start the backfill again.`,
      };
    case 'EXPIRED':
      return {
        kind: 'failed',
        message: `The bulk query's file of ${words.plural} expired (Shopify keeps it for a week) before it was read; start the backfill again.`,
      };
    default:
      return { kind: 'failed', message: failureMessage(words, operation.errorCode ?? null) };
  }
}

function failureMessage(words: { plural: string; scope: string }, code: string | null): string {
  switch (code) {
    case 'ACCESS_DENIED':
      return `Shopify refused to read the ${words.plural} (ACCESS_DENIED): the app lacks the ${words.scope} access scope. Grant it in the app's configuration, then start the backfill again.`;
    case 'TIMEOUT':
      return `Shopify stopped the bulk query of ${words.plural} because it ran too long (TIMEOUT); start the backfill again, preferably at a quieter time for the shop.`;
    case 'INTERNAL_SERVER_ERROR':
      return `Shopify failed while building the file of ${words.plural} (INTERNAL_SERVER_ERROR); start the backfill again, and contact Shopify support if it keeps failing.`;
    default:
      return `The bulk query of ${words.plural} failed${code ? ` (${code})` : ''}; start the backfill again.`;
  }
}

/**
 * Where to fetch a bulk result from. Shopify's files live on its storage service at the URL given; a shop served
 * elsewhere (the sandbox, `apiBaseUrl`) serves its files from that same server, so the file is asked of its origin,
 * as the store's Admin API calls are.
 */
export function bulkResultUrl(resultUrl: string, apiBaseUrl: string | null): string {
  if (!apiBaseUrl) return resultUrl;
  const file = new URL(resultUrl);
  return new URL(`${file.pathname}${file.search}`, new URL(apiBaseUrl).origin).toString();
}

/**
 * Splits a batch into records to sync and records to skip: a record whose link already holds this `updatedAt` or a
 * newer one was synced at that version (by a webhook, the poll or an earlier backfill). A record seen twice in the
 * batch is queued once.
 */
export function partitionBatch(
  records: BulkRecordLine[],
  syncedAt: Map<string, Date | null>,
): { queue: BulkRecordLine[]; skipped: number } {
  const queue: BulkRecordLine[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const record of records) {
    const synced = syncedAt.get(record.gid);
    if (seen.has(record.gid) || (synced && synced.getTime() >= Date.parse(record.updatedAt))) {
      skipped += 1;
      continue;
    }
    seen.add(record.gid);
    queue.push(record);
  }
  return { queue, skipped };
}
