import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz, updatedAt } from './columns';
import { stores } from './stores';

/**
 * How far the delta poll (`store__poll`) has read, per store and entity. The poll asks for records with
 * `updatedAt >= cursor_updated_at` minus an overlap window, so a record updated while the last page was read is
 * seen again rather than missed; the link's `updatedAt` and content hash make the repeat cost nothing.
 */
export const syncCursors = pgTable(
  'sync_cursors',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** What is polled, e.g. `customer`, `order`, `company`. */
    entity: text('entity').notNull(),
    /** `updatedAt` of the last record read. */
    cursorUpdatedAt: timestamptz('cursor_updated_at').notNull(),
    /** Gid of the last record read: the tiebreak between records updated in the same second. */
    cursorGid: text('cursor_gid'),
    updatedAt: updatedAt(),
  },
  // One cursor per store and entity; also the worker's lookup.
  (t) => [primaryKey({ name: 'sync_cursors_pkey', columns: [t.storeId, t.entity] })],
);

export type SyncCursor = typeof syncCursors.$inferSelect;
export type NewSyncCursor = typeof syncCursors.$inferInsert;
