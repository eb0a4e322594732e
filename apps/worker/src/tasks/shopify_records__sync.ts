import { withPatience } from '@shopverse/dataverse';
import { SYNC_BATCH_TASK, SYNC_TASKS } from '@shopverse/db';
import type { JobHelpers, Task } from 'graphile-worker';
import { z } from 'zod';
import type { TaskDeps } from './define-task';
import { shopifyCompanySync } from './shopify_company__sync';
import { shopifyCustomerSync } from './shopify_customer__sync';
import { shopifyOrderSync } from './shopify_order__sync';

/**
 * How long a batch's Dataverse requests may wait for others to fill their `$batch`: nobody waits on a backfill's
 * record, and requests that leave in a free slot alone would spend the request limit (issue 10: under 0.2 requests per
 * order). A webhook's sync does not wait, and takes the waiting requests along.
 */
const LINGER_MS = 1000;

const payloadSchema = z.object({
  storeId: z.uuid(),
  backfillId: z.uuid().optional(),
  jobs: z
    .array(
      z.object({
        task: z.enum(Object.values(SYNC_TASKS) as [string, ...string[]]),
        payload: z.record(z.string(), z.unknown()),
        jobKey: z.string(),
      }),
    )
    .min(1),
});

/**
 * Runs a batch of records' sync jobs (a backfill queues its records so) at once in one worker slot: each record runs
 * as its own job would, through the same task, under its own record lock, with its own correlation id, attempt log,
 * retry (a single job of the record, under its own key) and failed-list entry. Dataverse requests of syncs that run
 * together share `$batch` requests, waiting up to LINGER_MS for a fuller one, so many syncs per slot means few
 * requests per record (issue 10), without a slot, and its polling of the queue, per sync. A record whose failure could not even be recorded fails the batch, and
 * graphile-worker runs it again: the records that synced find nothing to do.
 */
export function shopifyRecordsSync(deps: TaskDeps): [string, Task] {
  const tasks = new Map([shopifyOrderSync(deps), shopifyCustomerSync(deps), shopifyCompanySync(deps)]);
  return [
    SYNC_BATCH_TASK,
    async (raw, helpers) => {
      const parsed = payloadSchema.safeParse(raw);
      if (!parsed.success) {
        deps.logger.error(
          { task: SYNC_BATCH_TASK, jobId: helpers.job.id, code: 'JOB_PAYLOAD_INVALID', issues: parsed.error.issues },
          `Job ${helpers.job.id} of ${SYNC_BATCH_TASK} has a payload this task cannot read; it is not retried.`,
        );
        return;
      }
      const runs = parsed.data.jobs.map((job) => {
        const task = tasks.get(job.task) as Task;
        // The record's own job, as its task sees it: a retry or a failed-list entry is of this record alone.
        const own: JobHelpers = {
          ...helpers,
          job: { ...helpers.job, task_identifier: job.task, key: job.jobKey, payload: job.payload },
        };
        return withPatience(LINGER_MS, () => Promise.resolve(task(job.payload, own)));
      });
      const failed = (await Promise.allSettled(runs)).find(
        (result): result is PromiseRejectedResult => result.status === 'rejected',
      );
      if (failed) throw failed.reason;
    },
  ];
}
