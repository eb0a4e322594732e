import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns';
import { crmOrgs } from './crm-orgs';

/**
 * How far `crm_changes__poll` has read an org's changes, per CRM table (issue 12): Dataverse change tracking's delta
 * link, which answers the rows changed (and the ids deleted) since it was issued. A link that has expired (tokens
 * live 7 days) or that Dataverse no longer accepts is replaced after a full compare of the table with our links.
 */
export const crmChangeCursors = pgTable(
  'crm_change_cursors',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => crmOrgs.id, { onDelete: 'cascade' }),
    /** Dataverse table logical name, e.g. `contact`. */
    crmTable: text('crm_table').notNull(),
    /**
     * The `@odata.deltaLink` of the last read, relative to the Web API root (`contacts?$select=…&$deltatoken=…`). Its
     * `$select` is the columns it was issued for: a poll that needs other columns starts a new link.
     */
    deltaLink: text('delta_link').notNull(),
    updatedAt: updatedAt(),
  },
  // One cursor per org and table; also the poll's lookup.
  (t) => [primaryKey({ name: 'crm_change_cursors_pkey', columns: [t.orgId, t.crmTable] })],
);

export type CrmChangeCursor = typeof crmChangeCursors.$inferSelect;
export type NewCrmChangeCursor = typeof crmChangeCursors.$inferInsert;
