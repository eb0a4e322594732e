import { describe, expect, it } from 'vitest';
import { BULK_QUERIES, bulkRecordLine } from './bulk-queries';

describe('bulkRecordLine', () => {
  it('reads top-level records of the entity and passes over child lines and lines of other types', () => {
    // Action
    const order = bulkRecordLine('order', {
      id: 'gid://shopify/Order/5000000000123',
      name: '#1001',
      updatedAt: '2026-03-01T10:00:00Z',
    });
    const child = bulkRecordLine('order', {
      id: 'gid://shopify/LineItem/1',
      updatedAt: '2026-03-01T10:00:00Z',
      __parentId: 'gid://shopify/Order/5000000000123',
    });
    const otherType = bulkRecordLine('customer', { id: 'gid://shopify/Order/1', updatedAt: '2026-03-01T10:00:00Z' });
    const noVersion = bulkRecordLine('customer', { id: 'gid://shopify/Customer/1', updatedAt: 'yesterday' });

    // Assertions
    expect(order).toEqual({
      gid: 'gid://shopify/Order/5000000000123',
      name: '#1001',
      updatedAt: '2026-03-01T10:00:00Z',
    });
    expect([child, otherType, noVersion]).toEqual([null, null, null]);
  });

  it('asks each bulk query for the id and updatedAt its lines are read by', () => {
    // Assertions
    for (const query of Object.values(BULK_QUERIES)) expect(query).toMatch(/\bid\b[\s\S]*\bupdatedAt\b/);
    expect(BULK_QUERIES.order).toMatch(/\bname\b/);
  });
});
