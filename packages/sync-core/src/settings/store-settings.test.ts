import { describe, expect, it } from 'vitest';
import { parseStoreSettings, syncedEntities } from './store-settings';

describe('syncedEntities', () => {
  it('syncs companies only for B2B stores, and customers before their orders', () => {
    // Assertions
    expect(syncedEntities(parseStoreSettings({}, 'plain'))).toEqual(['customer', 'order']);
    expect(syncedEntities(parseStoreSettings({ customers: { target: 'b2b' } }, 'b2b'))).toEqual([
      'customer',
      'company',
      'order',
    ]);
  });
});
