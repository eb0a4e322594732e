import { findStore, orgsOfStore } from '@shopverse/db';
import { FIELD_MAP_ENTITIES, FIELD_SOURCES } from '@shopverse/sync-core';
import { badInput } from './attempts';
import { mappingPreview } from './mappings-preview';
import { orgDirectoryResolvers } from './org-directory';
import type { AdminContext } from './orgs';

/** The catalogue as the console lists it. */
function fieldMapSources() {
  return FIELD_MAP_ENTITIES.map((entity) => ({
    entity,
    sources: Object.entries(FIELD_SOURCES[entity]).map(([name, source]) => ({
      name,
      label: source.label,
      type: source.type,
      maxLength: source.maxLength ?? null,
    })),
  }));
}

export const mappingResolvers = {
  Query: {
    // Reads only, like every query: any signed-in role may preview (saving stays admin-only).
    mappingPreview: async (
      _parent: unknown,
      args: { storeId: string; settings?: unknown; orderName?: string | null },
      context: AdminContext,
    ) => {
      const store = await findStore(context.db, args.storeId);
      if (!store) throw badInput(`No store with id ${args.storeId}; the stores query lists them.`, 'storeId');
      const [org] = await orgsOfStore(context.db, store.id);
      return mappingPreview(context, {
        store,
        org,
        draft: args.settings ?? undefined,
        orderName: args.orderName?.trim() || null,
      });
    },
    fieldMapSources,
    ...orgDirectoryResolvers,
  },
};
