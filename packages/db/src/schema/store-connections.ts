import { boolean, index, integer, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { crmOrgs } from './crm-orgs';
import { stores } from './stores';

/**
 * Which store writes to which CRM org. A store may write to several orgs and an org may receive several stores
 * (the cross-store identity graph lives in `entity_links`). Owned by both sides: deleting either cascades.
 */
export const storeConnections = pgTable(
  'store_connections',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => crmOrgs.id, { onDelete: 'cascade' }),
    /** The version of the store's mappings this connection writes with (see `mappings.version`). */
    mappingVersion: integer('mapping_version').notNull().default(1),
    /** False stops writes to this org without losing the connection's links. */
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    unique('store_connections_store_id_org_id_key').on(t.storeId, t.orgId),
    // Console: "which stores write to this org"; also keeps the cascade from crm_orgs off a sequential scan.
    index('store_connections_org_id_idx').on(t.orgId),
  ],
);

export type StoreConnection = typeof storeConnections.$inferSelect;
export type NewStoreConnection = typeof storeConnections.$inferInsert;
