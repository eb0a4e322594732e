/**
 * The pure core of the sync (DESIGN.md): canonical models, adapters, normalisation, matching, mapping and the write
 * plan. No I/O, no clock, no environment. Filled in by the customer and order issues.
 */
export const SYNC_CORE = '@shopverse/sync-core';
