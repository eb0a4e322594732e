import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { apiCallStats } from '../schema';

/** Calls counted in one worker process since its last flush, for one API, store or org, and minute. */
export interface ApiCallDelta {
  api: 'shopify' | 'dataverse';
  /** The store (Shopify) or the org (Dataverse). */
  subjectId: string;
  /** Start of the minute, UTC. */
  minute: Date;
  requests: number;
  throttled: number;
  throttleWaitMs: number;
  errors: number;
}

/**
 * Adds counts to `api_call_stats` in one statement. Several worker processes flush into the same rows, so the upsert
 * adds to what is there instead of replacing it.
 */
export async function addApiCallStats(db: Database, deltas: readonly ApiCallDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await db
    .insert(apiCallStats)
    .values(
      deltas.map((delta) => ({
        api: delta.api,
        subjectId: delta.subjectId,
        minute: delta.minute,
        requests: delta.requests,
        throttled: delta.throttled,
        throttleWaitMs: Math.round(delta.throttleWaitMs),
        errors: delta.errors,
      })),
    )
    .onConflictDoUpdate({
      target: [apiCallStats.api, apiCallStats.subjectId, apiCallStats.minute],
      set: {
        requests: sql`${apiCallStats.requests} + excluded.requests`,
        throttled: sql`${apiCallStats.throttled} + excluded.throttled`,
        throttleWaitMs: sql`${apiCallStats.throttleWaitMs} + excluded.throttle_wait_ms`,
        errors: sql`${apiCallStats.errors} + excluded.errors`,
      },
    });
}
