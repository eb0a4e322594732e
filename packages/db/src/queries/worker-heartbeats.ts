import { lt } from 'drizzle-orm';
import type { Database } from '../client';
import { workerHeartbeats } from '../schema';

export interface HeartbeatInput {
  workerId: string;
  hostname: string;
  pid: number;
}

/** Records that a worker is alive now. */
export async function beat(db: Database, input: HeartbeatInput, now: Date): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values({ ...input, startedAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastSeenAt: now } });
}

/** Forgets workers not seen since `before` (they stopped or died). */
export async function forgetStaleWorkers(db: Database, before: Date): Promise<number> {
  const gone = await db.delete(workerHeartbeats).where(lt(workerHeartbeats.lastSeenAt, before)).returning();
  return gone.length;
}
