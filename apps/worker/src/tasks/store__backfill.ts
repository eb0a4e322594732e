import { addJob, backfillJobKey, backfillProgress, BACKFILL_TASK } from '@shopverse/db';
import { backfills, type Backfill } from '@shopverse/db/schema';
import {
  BULK_OPERATION_ROOT_COUNT,
  BULK_QUERIES,
  type BulkEntity,
  type BulkOperationRootCountQuery,
  startBulkQuery,
  ShopifyApiError,
} from '@shopverse/shopify';
import { eq } from 'drizzle-orm';
import type { Sql, TransactionSql } from 'postgres';
import { z } from 'zod';
import { BULK_BUSY_RETRY_SECONDS, BULK_POLL_SECONDS, bulkOutcome, SYNC_CHECK_SECONDS } from '../sync/backfill-steps';
import { classify } from '../sync/sync-error';
import { defineTask, type TaskContext } from './define-task';

/** The task that streams a finished bulk result into sync jobs. */
export const INGEST_TASK = 'bulk_result__ingest';

/** Adds the next step of a backfill: one job per backfill (its key), with the chain's envelope. */
export function nextBackfillStep(
  sql: Sql | TransactionSql,
  backfill: Pick<Backfill, 'id' | 'correlationId'>,
  task: string,
  delaySeconds: number,
): Promise<string> {
  const payload = { backfillId: backfill.id, correlationId: backfill.correlationId, source: 'backfill' };
  const jobKey = task === BACKFILL_TASK ? backfillJobKey(backfill.id) : `backfill-ingest:${backfill.id}`;
  return addJob(sql, task, payload, { jobKey, delaySeconds });
}

/** Marks a backfill failed with a reason a person can act on. */
export async function failBackfill(context: TaskContext, backfill: Backfill, message: string): Promise<void> {
  context.logger.error({ backfillId: backfill.id, code: 'BACKFILL_FAILED' }, message);
  await context.db
    .update(backfills)
    .set({ status: 'failed', errorMessage: message, finishedAt: context.now() })
    .where(eq(backfills.id, backfill.id));
}

/**
 * Moves a backfill on by one step and queues the next one, rather than holding a worker slot for the hours a large
 * shop's bulk query can take: pending -> start the bulk query -> bulk_running: one poll per run -> ingesting (the
 * ingest job streams the file) -> syncing: done when none of its sync jobs is left. Each step's change and its next
 * job commit together; a step guards on the status it expects, so a repeated run (after a crash) changes nothing.
 */
export const storeBackfill = defineTask(
  'store__backfill',
  z.object({ backfillId: z.uuid() }),
  async (payload, context) => {
    const [backfill] = await context.db.select().from(backfills).where(eq(backfills.id, payload.backfillId));
    if (!backfill) {
      context.logger.warn({ backfillId: payload.backfillId }, 'backfill not found; it was removed with its store');
      return;
    }
    const entity = backfill.entity as BulkEntity;
    switch (backfill.status) {
      case 'pending':
        return startOperation(context, backfill, entity);
      case 'bulk_running':
        return pollOperation(context, backfill, entity);
      case 'syncing':
        return checkSyncing(context, backfill);
      default:
        // ingesting: the ingest job queues this task again when it is done; finished backfills have nothing to do.
        return;
    }
  },
);

async function startOperation(context: TaskContext, backfill: Backfill, entity: BulkEntity): Promise<void> {
  let operationId: string;
  try {
    const store = await context.contexts.get(backfill.storeId);
    operationId = await startBulkQuery(store.shopify, BULK_QUERIES[entity], backfill.correlationId);
  } catch (error) {
    if (error instanceof ShopifyApiError && error.errorClass === 'transient') {
      // Another bulk query runs in the shop (one at a time per shop): ours waits its turn.
      context.logger.info({ backfillId: backfill.id, reason: error.message }, 'bulk query not started yet');
      await nextBackfillStep(context.sql, backfill, BACKFILL_TASK, BULK_BUSY_RETRY_SECONDS);
      return;
    }
    const failure = classify(error);
    if (failure.errorClass === 'permanent') return failBackfill(context, backfill, failure.message);
    throw failure;
  }
  await context.sql.begin(async (tx) => {
    await tx`
      update backfills set status = 'bulk_running', bulk_operation_id = ${operationId}, updated_at = now()
      where id = ${backfill.id} and status = 'pending'`;
    await nextBackfillStep(tx, backfill, BACKFILL_TASK, BULK_POLL_SECONDS);
  });
  context.logger.info({ backfillId: backfill.id, operationId }, 'bulk query started');
}

async function pollOperation(context: TaskContext, backfill: Backfill, entity: BulkEntity): Promise<void> {
  let data: BulkOperationRootCountQuery;
  try {
    const store = await context.contexts.get(backfill.storeId);
    data = await store.shopify.request<BulkOperationRootCountQuery>(BULK_OPERATION_ROOT_COUNT, {
      variables: { id: backfill.bulkOperationId },
      correlationId: backfill.correlationId,
    });
  } catch (error) {
    // A store that lost its token or its org will not recover by retrying; a network blip will.
    const failure = classify(error);
    if (failure.errorClass === 'permanent') return failBackfill(context, backfill, failure.message);
    throw failure;
  }
  const node = data.node as {
    status?: string;
    errorCode?: string | null;
    url?: string | null;
    rootObjectCount?: string;
  } | null;
  if (!node?.status) {
    return failBackfill(
      context,
      backfill,
      `Shopify no longer knows the bulk operation ${backfill.bulkOperationId ?? '(none)'}; start the backfill again.`,
    );
  }
  const outcome = bulkOutcome(entity, { ...node, status: node.status });
  if (outcome.kind === 'running') {
    await nextBackfillStep(context.sql, backfill, BACKFILL_TASK, BULK_POLL_SECONDS);
    return;
  }
  if (outcome.kind === 'failed') return failBackfill(context, backfill, outcome.message);
  const now = context.now().toISOString();
  await context.sql.begin(async (tx) => {
    if (outcome.url) {
      await tx`
        update backfills set status = 'ingesting', result_url = ${outcome.url}, total_records = ${outcome.total},
          bulk_completed_at = ${now}, updated_at = now()
        where id = ${backfill.id} and status = 'bulk_running'`;
      await nextBackfillStep(tx, backfill, INGEST_TASK, 0);
    } else {
      // An empty shop: Shopify gives no file; there is nothing to ingest.
      await tx`
        update backfills set status = 'syncing', total_records = 0, bulk_completed_at = ${now}, ingested_at = ${now},
          updated_at = now()
        where id = ${backfill.id} and status = 'bulk_running'`;
      await nextBackfillStep(tx, backfill, BACKFILL_TASK, 0);
    }
  });
  context.logger.info({ backfillId: backfill.id, total: outcome.total }, 'bulk result ready');
}

async function checkSyncing(context: TaskContext, backfill: Backfill): Promise<void> {
  // Jobs that used up their attempts stay in the queue's table as failures (and in the sync log): not waited for.
  const progress = await backfillProgress(context.db, backfill.id, context.now());
  if ((progress?.progress.pending ?? 0) > 0) {
    await nextBackfillStep(context.sql, backfill, BACKFILL_TASK, SYNC_CHECK_SECONDS);
    return;
  }
  await context.sql`
    update backfills set status = 'completed', finished_at = ${context.now().toISOString()}, updated_at = now()
    where id = ${backfill.id} and status = 'syncing'`;
  context.logger.info(
    { backfillId: backfill.id, queued: backfill.recordsQueued, skipped: backfill.recordsSkipped },
    'backfill completed',
  );
}
