import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal content always gives equal text whatever the order it was built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

/**
 * The hash stored in `entity_links.content_hash`: the same mapped content gives the same hash, so an unchanged
 * record is not written at all (DESIGN.md, principle 2). Leave out what changes on every sync (the correlation id).
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}
