import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { mappingEntity } from './enums';
import { stores } from './stores';

/**
 * How one Shopify entity of one store maps onto a CRM table. Rows are immutable versions: a change is a new row
 * with the next `version`, so every sync attempt can be traced to the mapping it used. The JSON columns are
 * validated with zod by their readers; the types below are only their outer shape.
 */
export const mappings = pgTable(
  'mappings',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    entity: mappingEntity('entity').notNull(),
    /** 1, 2, 3… per (store, entity). */
    version: integer('version').notNull(),
    /** Dataverse table logical name, e.g. `contact`, `salesorder` or a custom `sv_order`. */
    targetTable: text('target_table').notNull(),
    /** CRM column logical name -> canonical field path or expression, e.g. `{ "emailaddress1": "email" }`. */
    fieldMap: jsonb('field_map').$type<Record<string, unknown>>().notNull(),
    /** Keys tried in order to find an existing CRM row, e.g. `["externalId", "email", "phone"]`. */
    matchingKeys: jsonb('matching_keys').$type<string[]>().notNull(),
    /**
     * Canonical field -> policy (`shopify_wins`, `crm_wins`, `newest_wins`, `fill_empty_only`); fields not listed
     * use the store's default from its settings.
     */
    conflictPolicy: jsonb('conflict_policy').$type<Record<string, string>>().notNull().default({}),
    /** The version in use for this (store, entity); at most one is active, older ones stay for the log. */
    isActive: boolean('is_active').notNull().default(false),
    /** Who wrote this version: user email, API token name, or `system` for defaults. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('mappings_store_id_entity_version_key').on(t.storeId, t.entity, t.version),
    // Console and worker: "the active mapping of this store for this entity", and at most one of them.
    uniqueIndex('mappings_store_id_entity_active_key')
      .on(t.storeId, t.entity)
      .where(sql`${t.isActive}`),
    check('mappings_version_positive', sql`${t.version} >= 1`),
    check('mappings_matching_keys_array', sql`jsonb_typeof(${t.matchingKeys}) = 'array'`),
  ],
);

export type Mapping = typeof mappings.$inferSelect;
export type NewMapping = typeof mappings.$inferInsert;
