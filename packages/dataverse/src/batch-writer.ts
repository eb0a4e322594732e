import { AdaptiveBatchSize } from './adaptive-batch';
import type { BatchOperation, BatchPartResponse } from './batch';
import type { DataverseClient } from './client';

/** One atomic unit of writes (an order with its lines): a changeset, all or nothing. */
export interface WriteUnit {
  /** Names the unit in the summary, e.g. the Shopify gid. */
  key: string;
  operations: BatchOperation[];
}

export interface UnitFailure {
  key: string;
  status: number;
  /** Dataverse's own code, e.g. 0x80044331. */
  code: string | undefined;
  message: string;
}

export interface WriteSummary {
  written: number;
  failed: UnitFailure[];
  batches: number;
  /** 429s waited out on the way. */
  throttled: number;
}

export interface WriteOptions {
  /** Batches in flight at once while the budget is comfortable. */
  parallel?: number;
  sizer?: AdaptiveBatchSize;
  correlationId?: string;
  /**
   * Below this much remaining execution-time budget (x-ms-ratelimit-time-remaining-xrm-requests, ms), send one batch
   * at a time, paced at the rate the limit sustains, instead of in parallel.
   */
  lowBudgetMs?: number;
  /** The org's execution-time limit; Dataverse's documented defaults (1,200,000 ms per 300 s) unless given. */
  limit?: { executionTimeMs: number; windowMs: number };
  sleep?: (ms: number) => Promise<void>;
}

function failure(key: string, part: BatchPartResponse | undefined): UnitFailure {
  const error = (part?.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return {
    key,
    status: part?.status ?? 0,
    code: error?.code,
    message: error?.message ?? (part ? `HTTP ${part.status}` : 'no answer for this changeset'),
  };
}

/**
 * Writes units as changesets packed into `$batch` requests, several in flight: a batch counts once against the request
 * limit and its operations' time in full (DATAVERSE.md), so the batch size adapts (grows while batches go through,
 * halves on a 429) and the parallelism drops to one when the execution-time budget runs low. Each changeset commits or
 * fails alone (`continue-on-error`); a failed unit is reported with Dataverse's reason, never retried blindly. Only
 * idempotent units (upserts by key) may be given: a batch whose answer is lost is resent whole.
 */
export async function writeUnits(
  client: DataverseClient,
  units: WriteUnit[],
  options: WriteOptions = {},
): Promise<WriteSummary> {
  // Microsoft advises small batches (about 10) sent in parallel (DATAVERSE.md): changesets of a few writes each.
  const sizer = options.sizer ?? new AdaptiveBatchSize({ initial: 5, step: 1, max: 10 });
  const parallel = options.parallel ?? 4;
  const lowBudgetMs = options.lowBudgetMs ?? 60_000;
  const limit = options.limit ?? { executionTimeMs: 1_200_000, windowMs: 300_000 };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const summary: WriteSummary = { written: 0, failed: [], batches: 0, throttled: 0 };
  let next = 0;
  let remainingBudgetMs = Number.POSITIVE_INFINITY;
  /**
   * Modelled server time per operation, learned from two batches sent alone: the budget left after the second, less
   * what was left after the first. (The first alone would also count whatever this user spent before.)
   */
  let msPerOperation: number | undefined;
  let probing = true;
  let single: Promise<void> = Promise.resolve();

  /** Sends the next batch; returns its operation count, or 0 when there is nothing left. */
  const sendOne = async (): Promise<number> => {
    if (next >= units.length) return 0;
    const take = units.slice(next, next + sizer.size);
    next += take.length;
    const operations = take.reduce((sum, unit) => sum + unit.operations.length, 0);
    const result = await client.batch(
      take.map((unit) => ({ changeset: unit.operations })),
      {
        continueOnError: true,
        idempotent: true,
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      },
    );
    summary.batches += 1;
    summary.throttled += result.throttled;
    if (result.throttled > 0) sizer.throttled();
    else sizer.succeeded();
    const remaining = Number(result.headers.get('x-ms-ratelimit-time-remaining-xrm-requests'));
    if (Number.isFinite(remaining)) {
      if (probing && Number.isFinite(remainingBudgetMs) && remainingBudgetMs > remaining) {
        msPerOperation = (remainingBudgetMs - remaining) / operations;
      }
      remainingBudgetMs = remaining;
    }
    // Each unit is one changeset; a failed changeset answers with its failing part alone.
    take.forEach((unit, index) => {
      const parts = result.parts.filter((part) => part.changeset === index);
      const bad = parts.find((part) => part.status >= 400);
      if (parts.length > 0 && !bad) summary.written += 1;
      else summary.failed.push(failure(unit.key, bad));
    });
    return operations;
  };

  // Low on budget, one lane paced at what the window frees on average (limit / window): the burst is spent, and
  // sending faster would only buy 429s. The pace is conservative while older work is still leaving the window.
  /** Returns -1 when, by its turn, the budget had recovered: the caller then sends in parallel again. */
  const paced = async (): Promise<number> => {
    if (remainingBudgetMs >= lowBudgetMs) return -1;
    const sent = await sendOne();
    if (sent > 0 && msPerOperation !== undefined) {
      await sleep((sent * msPerOperation * limit.windowMs) / limit.executionTimeMs);
    }
    return sent;
  };

  const worker = async () => {
    for (;;) {
      if (remainingBudgetMs < lowBudgetMs) {
        const turn = single.then(paced);
        single = turn.then(() => undefined);
        const sent = await turn;
        if (sent === 0) return;
        if (sent > 0) continue;
      }
      if ((await sendOne()) === 0) return;
    }
  };
  if ((await sendOne()) === 0 || (await sendOne()) === 0) return summary;
  probing = false;
  await Promise.all(Array.from({ length: parallel }, worker));
  return summary;
}
