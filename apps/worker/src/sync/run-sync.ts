import {
  addJob,
  inTransaction,
  recordAttempt,
  resolveDeadLetters,
  SYNC_TASKS,
  type SyncEntity,
  syncJobKey,
  upsertOpenDeadLetter,
} from '@shopverse/db';
import type { NewSyncAttempt } from '@shopverse/db/schema';
import type { TaskContext } from '../tasks/define-task';
import { syncAttempt } from './attempts';
import { mayRetry, retryDelayMs } from './backoff';
import { classify, type SyncError } from './sync-error';

/** The record a job syncs, for its lock and its log. */
export interface SyncSubject {
  storeId: string;
  entity: string;
  shopifyGid: string;
  /** The sync log's direction: Shopify -> CRM unless said (a push to Shopify is CRM -> Shopify). */
  direction?: 'shopify_to_crm' | 'crm_to_shopify';
}

/** The longest error text kept in the log's response: enough to act on, not a whole HTML error page. */
const EXCERPT_CHARS = 2000;

/**
 * Runs one record's sync under its record lock (two jobs for one record never interleave their reads and writes; see
 * record-locks.ts), and turns a failure into a sync log row. Retries are ours, not graphile-worker's (see backoff.ts): a
 * transient or dependency failure re-queues the job with a jittered delay that honours Retry-After, and this run
 * ends normally; a permanent failure, or the last retry, lands in the failed list (`dead_letters`) with a reason a
 * person can act on. A success resolves the record's dead letters. Only an error we could not record (the database
 * gone) is thrown, for graphile-worker's own retry.
 */
export async function runSync<T>(
  context: TaskContext,
  subject: SyncSubject,
  sync: () => Promise<T>,
): Promise<T | undefined> {
  const release = await context.locks.acquire(`${subject.entity}:${subject.storeId}:${subject.shopifyGid}`);
  try {
    const started = { at: context.now(), clock: performance.now() };
    let result: T;
    try {
      result = await sync();
    } catch (error) {
      await handleFailure(context, subject, classify(error), started);
      return undefined;
    }
    const resolved = await resolveDeadLetters(context.db, subject, context.now());
    if (resolved > 0) context.logger.info({ resolved, shopifyGid: subject.shopifyGid }, 'dead letters resolved');
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

/** The job key the retry and the dead letter use: the job's own, else the record's (jobs added without one). */
function jobKeyOf(context: TaskContext, subject: SyncSubject): string | null {
  const { job } = context.helpers;
  if (job.key) return job.key;
  const entity = subject.entity as SyncEntity;
  return SYNC_TASKS[entity] === job.task_identifier ? syncJobKey(entity, subject.storeId, subject.shopifyGid) : null;
}

/** The payload a retry or a replay starts from: the job's own, which the task validated. */
function payloadOf(context: TaskContext): Record<string, unknown> {
  const { payload } = context.helpers.job;
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

async function handleFailure(
  context: TaskContext,
  subject: SyncSubject,
  failure: SyncError,
  started: { at: Date; clock: number },
): Promise<void> {
  const { job } = context.helpers;
  // A removed store takes its log and dead letters with it (on delete cascade): nothing to record.
  if (failure.code === 'store.not_found') {
    context.logger.warn({ code: failure.code, shopifyGid: subject.shopifyGid }, failure.message);
    return;
  }
  const retrying = failure.errorClass !== 'permanent' && mayRetry(context.retry);
  const delayMs =
    failure.errorClass === 'permanent'
      ? 0
      : retryDelayMs({
          errorClass: failure.errorClass,
          retry: context.retry,
          ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
          random: Math.random,
        });
  const now = context.now();
  const jobKey = jobKeyOf(context, subject);
  // The store's context, when it can be had, gives the org and the log settings (dry run, personal data redacted).
  const ctx = await context.contexts.get(subject.storeId).catch(() => undefined);
  const fields = {
    entity: subject.entity,
    shopifyGid: subject.shopifyGid,
    outcome: retrying ? ('retrying' as const) : ('failed' as const),
    errorClass: failure.errorClass,
    errorCode: failure.code,
    errorMessage: failure.message,
    // What was asked of whom, and what came back: the console shows these beside the message.
    request: {
      job: { task: job.task_identifier, key: jobKey, retry: context.retry },
      ...(failure.detail.request ? { call: { service: failure.detail.service, ...failure.detail.request } } : {}),
    },
    response: {
      ...(failure.detail.service ? { service: failure.detail.service } : {}),
      ...(failure.detail.status !== undefined ? { status: failure.detail.status } : {}),
      ...(failure.detail.serviceCode ? { serviceCode: failure.detail.serviceCode } : {}),
      ...(failure.detail.clientAttempts !== undefined ? { clientAttempts: failure.detail.clientAttempts } : {}),
      ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      error: failure.message.slice(0, EXCERPT_CHARS),
      ...(retrying
        ? { nextRetry: { retry: context.retry + 1, delayMs, at: new Date(now.getTime() + delayMs).toISOString() } }
        : {}),
    },
    durationMs: Math.round(performance.now() - started.clock),
    startedAt: started.at,
    finishedAt: now,
  };
  const chain = {
    correlationId: context.correlationId,
    attempt: context.attempt,
    source: context.source,
    ...(context.receivedAt ? { receivedAt: context.receivedAt } : {}),
  };
  const direction = subject.direction ?? 'shopify_to_crm';
  const attempt: NewSyncAttempt = ctx
    ? { ...syncAttempt({ ...chain, ctx }, fields), direction }
    : {
        ...fields,
        ...chain,
        receivedAt: context.receivedAt ?? null,
        storeId: subject.storeId,
        orgId: null,
        direction,
      };
  context.logger.warn(
    { code: failure.code, errorClass: failure.errorClass, retrying, delayMs, shopifyGid: subject.shopifyGid },
    failure.message,
  );
  try {
    await inTransaction(context.db, async (tx) => {
      await recordAttempt(tx.db, attempt);
      if (retrying) {
        // The same job again, one retry further, in the same chain. graphile-worker hands a running job's key to the
        // new job; `preserve_run_at` lets a newer change already waiting under that key keep its earlier start.
        await addJob(
          tx.sql,
          job.task_identifier,
          {
            ...payloadOf(context),
            correlationId: context.correlationId,
            source: context.source,
            retry: context.retry + 1,
          },
          { ...(jobKey ? { jobKey, jobKeyMode: 'preserve_run_at' } : {}), delaySeconds: delayMs / 1000 },
        );
        return;
      }
      await upsertOpenDeadLetter(tx.db, {
        storeId: subject.storeId,
        taskIdentifier: job.task_identifier,
        jobKey,
        entity: subject.entity,
        shopifyGid: subject.shopifyGid,
        payload: { ...payloadOf(context), correlationId: context.correlationId, source: context.source },
        correlationId: context.correlationId,
        errorClass: failure.errorClass,
        errorCode: failure.code,
        errorMessage:
          failure.errorClass === 'permanent'
            ? failure.message
            : `${failure.message} (gave up after ${context.retry + 1} runs; retry it once the cause is fixed)`,
        attempts: context.attempt,
        failedAt: now,
      });
    });
  } catch (error) {
    // Neither logged nor re-queued: hand the failure to graphile-worker, whose retry is the last safety net.
    context.logger.error({ err: error, code: failure.code }, 'could not record the failure; graphile-worker retries');
    throw failure;
  }
}
