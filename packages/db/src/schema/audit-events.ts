import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamptz } from './columns';
import { crmOrgs } from './crm-orgs';
import { stores } from './stores';

/**
 * Who changed what, from the console or the API: append-only. Store and org are set null when they are deleted,
 * so the history outlives them; `target_type`/`target_id` still say what was changed.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    /** User email, or the API token's name. */
    actor: text('actor').notNull(),
    /** The actor's role at the time, e.g. `admin`. */
    actorRole: text('actor_role').notNull(),
    /** `<target>.<verb>`, e.g. `store.connect`, `mapping.activate`, `dead_letter.replay`. */
    action: text('action').notNull(),
    /** Kind of the thing acted on, e.g. `store`, `merge_queue`, `api_token`. */
    targetType: text('target_type').notNull(),
    /** Its id as text (a uuid, a key, a gid): not a foreign key, so that it survives deletion. */
    targetId: text('target_id').notNull(),
    storeId: uuid('store_id').references(() => stores.id, { onDelete: 'set null' }),
    orgId: uuid('org_id').references(() => crmOrgs.id, { onDelete: 'set null' }),
    /** What changed, e.g. `{ "before": …, "after": … }`; never secrets, not even sealed ones. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    correlationId: uuid('correlation_id'),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
  },
  (t) => [
    // Console: the audit log, newest first.
    index('audit_events_occurred_at_idx').on(t.occurredAt),
    // Console: the audit log of one store.
    index('audit_events_store_id_occurred_at_idx').on(t.storeId, t.occurredAt),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
