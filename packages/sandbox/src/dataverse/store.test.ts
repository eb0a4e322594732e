import { describe, expect, it } from 'vitest';
import { RowStore, type Row } from './store';

const byEmail = (row: Row): string | undefined => (typeof row.values.email === 'string' ? row.values.email : undefined);

describe('RowStore', () => {
  it('gives every write a higher version and logs changes per table', () => {
    // Setup
    const store = new RowStore(100);

    // Action
    const created = store.insert('contact', 'A', { email: 'a@x' });
    const updated = store.update('contact', 'a', { email: 'b@x' });
    store.remove('contact', 'a');

    // Assertions
    expect(created.version).toBe(101);
    expect(updated.version).toBe(102);
    expect(updated.values.versionnumber).toBe(102);
    expect(store.changesSince('contact', 101).map((change) => [change.version, change.deleted])).toEqual([
      [102, false],
      [103, true],
    ]);
  });

  it('rolls a unit back, indexes and change log included, and nests', () => {
    // Setup
    const store = new RowStore();
    store.insert('contact', 'kept', { email: 'kept@x' });
    expect(store.lookup('contact', 'email', byEmail, 'kept@x')).toHaveLength(1);

    // Action
    const outer = store.begin();
    store.update('contact', 'kept', { email: 'changed@x' });
    const inner = store.begin();
    store.insert('contact', 'new', { email: 'new@x' });
    inner.rollback();
    const afterInner = store.all('contact').length;
    store.remove('contact', 'kept');
    outer.rollback();

    // Assertions
    expect(afterInner).toBe(1);
    expect(store.all('contact').map((row) => row.values.email)).toEqual(['kept@x']);
    expect(store.lookup('contact', 'email', byEmail, 'kept@x').map((row) => row.id)).toEqual(['kept']);
    expect(store.lookup('contact', 'email', byEmail, 'changed@x')).toEqual([]);
    expect(store.lookup('contact', 'email', byEmail, 'new@x')).toEqual([]);
    expect(store.changesSince('contact', 0)).toHaveLength(1);
  });
});
