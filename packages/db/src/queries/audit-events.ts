import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { type AuditEvent, auditEvents, type NewAuditEvent } from '../schema';

/**
 * The audit trail: who changed what, from the console or the API. Append-only; callers write the event in the same
 * transaction as the change, so there is never a change without its row, nor a row for a change that rolled back.
 */

/** One event as a caller records it; `details` must never hold a secret, not even a sealed one. */
export type AuditEventInput = Omit<NewAuditEvent, 'id'> & { occurredAt: Date };

export async function recordAuditEvent(db: Database, event: AuditEventInput): Promise<AuditEvent> {
  const [row] = await db.insert(auditEvents).values(event).returning();
  if (!row) throw new Error(`Recording the audit event ${event.action} returned no row.`);
  return row;
}

/** Which events a page is about; every field narrows, none given means all. */
export interface AuditEventFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  storeId?: string;
}

/** Where a page starts: after this event in newest-first order. */
export interface AuditPosition {
  occurredAt: Date;
  id: string;
}

/** A page of events, newest first, `first + 1` read to know whether another page follows. */
export async function listAuditEvents(
  db: Database,
  input: { filter?: AuditEventFilter; first: number; after?: AuditPosition },
): Promise<{ items: AuditEvent[]; hasNextPage: boolean }> {
  const filter = input.filter ?? {};
  const conditions: (SQL | undefined)[] = [
    filter.actor === undefined ? undefined : eq(auditEvents.actor, filter.actor),
    filter.action === undefined ? undefined : eq(auditEvents.action, filter.action),
    filter.targetType === undefined ? undefined : eq(auditEvents.targetType, filter.targetType),
    filter.targetId === undefined ? undefined : eq(auditEvents.targetId, filter.targetId),
    filter.storeId === undefined ? undefined : eq(auditEvents.storeId, filter.storeId),
    input.after
      ? or(
          lt(auditEvents.occurredAt, input.after.occurredAt),
          and(eq(auditEvents.occurredAt, input.after.occurredAt), lt(auditEvents.id, input.after.id)),
        )
      : undefined,
  ];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(input.first + 1);
  return { items: rows.slice(0, input.first), hasNextPage: rows.length > input.first };
}
