import { recordAttempt } from '@shopverse/db';
import type { TaskContext } from '../tasks/define-task';
import { classify } from './sync-error';

/** The record a job syncs, for its lock and its log. */
export interface SyncSubject {
  storeId: string;
  entity: string;
  shopifyGid: string;
}

/**
 * Runs one record's sync under a per-record advisory lock (two jobs for one record never interleave their reads and
 * writes), and turns a failure into a sync log row: transient failures are thrown again for graphile-worker to retry
 * with backoff; permanent ones are logged with a reason a person can act on and not retried.
 */
export async function runSync<T>(
  context: TaskContext,
  subject: SyncSubject,
  sync: () => Promise<T>,
): Promise<T | undefined> {
  const lockKey = `${subject.entity}:${subject.storeId}:${subject.shopifyGid}`;
  const reserved = await context.sql.reserve();
  try {
    await reserved`select pg_advisory_lock(hashtextextended(${lockKey}, 0))`;
    return await sync();
  } catch (error) {
    const failure = classify(error);
    const { job } = context.helpers;
    const retrying = failure.errorClass !== 'permanent' && job.attempts < job.max_attempts;
    context.logger.warn(
      { code: failure.code, errorClass: failure.errorClass, retrying, shopifyGid: subject.shopifyGid },
      failure.message,
    );
    if (failure.code !== 'store.not_found') {
      await recordAttempt(context.db, {
        correlationId: context.correlationId,
        storeId: subject.storeId,
        entity: subject.entity,
        shopifyGid: subject.shopifyGid,
        direction: 'shopify_to_crm',
        outcome: retrying ? 'retrying' : 'failed',
        errorClass: failure.errorClass,
        errorCode: failure.code,
        errorMessage: failure.message,
        attempt: job.attempts,
      });
    }
    if (failure.errorClass === 'permanent') return undefined;
    throw failure;
  } finally {
    await reserved`select pg_advisory_unlock(hashtextextended(${lockKey}, 0))`.catch(() => undefined);
    reserved.release();
  }
}
