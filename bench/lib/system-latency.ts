/** One change made in Shopify: which record, and when the request that made it was sent (ms since the epoch). */
export interface Change {
  gid: string;
  at: number;
}

/** One sync attempt that wrote a CRM row (outcome `created` or `updated`), from `sync_attempts`. */
export interface WriteAttempt {
  gid: string;
  startedAt: number;
  finishedAt: number;
}

export interface ChangeLatencies {
  /** Change to CRM write, ms, one per change that was written. */
  latenciesMs: number[];
  /**
   * The same latencies in two parts: until the write's sync started (the delivery, the fold, the queue, the record's
   * lock) and the sync itself; a write that was already running when the change was made starts at 0.
   */
  parts: { waitMs: number; syncMs: number }[];
  /** Changes no write followed. */
  unwritten: Change[];
  /**
   * Changes measured to a write that started before them and ended after: the only write of the record after the
   * change, so it read the change (a later sync found the row unchanged). Counted, as the first moment the CRM can
   * hold the change.
   */
  straddled: number;
}

/**
 * The latency of each change: from the moment it was sent to Shopify to the end of the first CRM write of that record
 * that started after it (a write that started before the change may have read the record as it was); failing that, to
 * the end of a write that was running when the change was made. Pure.
 */
export function changeLatencies(changes: readonly Change[], writes: readonly WriteAttempt[]): ChangeLatencies {
  const byGid = new Map<string, WriteAttempt[]>();
  for (const write of writes) {
    const list = byGid.get(write.gid) ?? [];
    list.push(write);
    byGid.set(write.gid, list);
  }
  for (const list of byGid.values()) list.sort((a, b) => a.startedAt - b.startedAt);
  const latenciesMs: number[] = [];
  const parts: { waitMs: number; syncMs: number }[] = [];
  const unwritten: Change[] = [];
  let straddled = 0;
  for (const change of changes) {
    const list = byGid.get(change.gid) ?? [];
    const after = list.find((attempt) => attempt.startedAt >= change.at);
    const running = after ? undefined : list.find((attempt) => attempt.finishedAt >= change.at);
    const write = after ?? running;
    if (running) straddled += 1;
    if (write) {
      latenciesMs.push(write.finishedAt - change.at);
      const waitMs = Math.max(0, write.startedAt - change.at);
      parts.push({ waitMs, syncMs: write.finishedAt - change.at - waitMs });
    } else unwritten.push(change);
  }
  return { latenciesMs, parts, unwritten, straddled };
}
