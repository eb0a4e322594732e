import { randomUUID } from 'node:crypto';
import { BACKFILL_TASK, SYNC_BATCH_RECORDS, SYNC_BATCH_TASK, syncJob } from '@shopverse/db';
import { backfills, stores, type Backfill } from '@shopverse/db/schema';
import { type BulkEntity, type BulkRecordLine, bulkRecordLine, jsonLines } from '@shopverse/shopify';
import { eq } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import { z } from 'zod';
import { bulkResultUrl, INGEST_BATCH, partitionBatch } from '../sync/backfill-steps';
import { defineTask, type TaskContext } from './define-task';
import { failBackfill, nextBackfillStep } from './store__backfill';

/** Another run of this ingest moved the resume point first (a released job run twice): this one stops. */
class IngestSuperseded extends Error {}

/**
 * Streams a backfill's bulk result into sync jobs in bounded memory: one line in hand, one batch of records at a
 * time. Each batch's link lookup, its jobs and the new resume point (`lines_read`) commit in one transaction, so a
 * run killed at any point resumes after the last committed batch: no record is queued twice, none is lost. At the
 * end the backfill moves to `syncing` and `store__backfill` watches its jobs run.
 */
export const bulkResultIngest = defineTask(
  'bulk_result__ingest',
  z.object({ backfillId: z.uuid() }),
  async (payload, context) => {
    const [backfill] = await context.db.select().from(backfills).where(eq(backfills.id, payload.backfillId));
    if (!backfill || backfill.status !== 'ingesting' || !backfill.resultUrl) return;
    const [store] = await context.db
      .select({ apiBaseUrl: stores.apiBaseUrl })
      .from(stores)
      .where(eq(stores.id, backfill.storeId));
    try {
      const response = await fetch(bulkResultUrl(backfill.resultUrl, store?.apiBaseUrl ?? null));
      if (!response.ok || !response.body) {
        if (response.status >= 400 && response.status < 500) {
          return await failBackfill(
            context,
            backfill,
            `The bulk result file can no longer be read (HTTP ${response.status}); Shopify keeps it for a week. Start the backfill again.`,
          );
        }
        throw new Error(`the file server answered HTTP ${response.status}`);
      }
      await ingest(context, backfill, response.body);
    } catch (error) {
      if (error instanceof IngestSuperseded) {
        context.logger.warn({ backfillId: backfill.id }, 'another run of this ingest got ahead; this one stops');
        return;
      }
      // graphile-worker retries with backoff from the resume point; after the last attempt (an unreadable file does
      // not get better) the backfill says why instead of waiting in `ingesting` for ever.
      const { job } = context.helpers;
      if (job.attempts >= job.max_attempts) {
        const reason = error instanceof Error ? error.message : String(error);
        return failBackfill(
          context,
          backfill,
          `The bulk result could not be read after ${job.attempts} tries (${reason}); start the backfill again.`,
        );
      }
      throw error;
    }
  },
);

async function ingest(context: TaskContext, backfill: Backfill, body: ReadableStream<Uint8Array>): Promise<void> {
  const entity = backfill.entity as BulkEntity;
  const state = { committed: backfill.linesRead, line: 0 };
  let batch: BulkRecordLine[] = [];
  for await (const line of jsonLines(body)) {
    state.line += 1;
    // Lines up to the resume point were turned into jobs by an earlier run.
    if (state.line <= backfill.linesRead) continue;
    const record = bulkRecordLine(entity, line);
    if (record) batch.push(record);
    if (batch.length >= INGEST_BATCH) {
      await context.sql.begin((tx) => commitBatch(context, tx, backfill, batch, state));
      batch = [];
    }
  }
  await context.sql.begin(async (tx) => {
    await commitBatch(context, tx, backfill, batch, state);
    await tx`
      update backfills set status = 'syncing', ingested_at = ${context.now().toISOString()}, updated_at = now()
      where id = ${backfill.id} and status = 'ingesting'`;
    await nextBackfillStep(tx, backfill, BACKFILL_TASK, 0);
  });
  context.logger.info({ backfillId: backfill.id, lines: state.line }, 'bulk result ingested');
}

/** One batch: links looked up once, jobs added for records newer than their link, and the resume point moved. */
async function commitBatch(
  context: TaskContext,
  tx: TransactionSql,
  backfill: Backfill,
  batch: BulkRecordLine[],
  state: { committed: number; line: number },
): Promise<void> {
  const entity = backfill.entity as BulkEntity;
  const links =
    batch.length === 0
      ? []
      : await tx<{ shopify_gid: string; shopify_updated_at: string | Date | null }[]>`
          select shopify_gid, shopify_updated_at from entity_links
          where store_id = ${backfill.storeId} and shopify_type = ${entity}
            and shopify_gid in ${tx(batch.map((record) => record.gid))}`;
  const syncedAt = new Map(
    links.map((link) => [link.shopify_gid, link.shopify_updated_at ? new Date(link.shopify_updated_at) : null]),
  );
  const { queue, skipped } = partitionBatch(batch, syncedAt);
  const receivedAt = context.now().toISOString();
  // Each record's sync gets its own chain in the log; `backfillId` ties it to this backfill's progress.
  const jobs = queue.map((record) =>
    syncJob(entity, backfill.storeId, record.gid, {
      correlationId: randomUUID(),
      source: 'backfill',
      receivedAt,
      backfillId: backfill.id,
    }),
  );
  // Many records to a job, so a worker slot syncs them at once (shopify_records__sync).
  const specs = chunks(jobs, SYNC_BATCH_RECORDS).map((group) => ({
    identifier: SYNC_BATCH_TASK,
    payload: { storeId: backfill.storeId, backfillId: backfill.id, jobs: group },
  }));
  if (specs.length > 0) {
    await tx`
      select count(*) from graphile_worker.add_jobs(
        array(select spec from json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json) spec)
      )`;
  }
  const moved = await tx`
    update backfills set lines_read = ${state.line}, records_queued = records_queued + ${queue.length},
      records_skipped = records_skipped + ${skipped}, updated_at = now()
    where id = ${backfill.id} and status = 'ingesting' and lines_read = ${state.committed}
    returning id`;
  if (moved.length === 0) throw new IngestSuperseded(`backfill ${backfill.id} moved past line ${state.committed}`);
  state.committed = state.line;
}

function chunks<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}
