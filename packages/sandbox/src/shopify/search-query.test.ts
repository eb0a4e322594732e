import { describe, expect, it } from 'vitest';
import { matchesSearch, parseSearchQuery, type SearchFields } from './search-query';

interface Row {
  id: number;
  updatedAt: Date;
  status: string;
  tags: string[];
}

const fields: SearchFields<Row> = (row, field) =>
  field === 'id'
    ? row.id
    : field === 'updated_at'
      ? row.updatedAt
      : field === 'status'
        ? row.status
        : field === 'tag'
          ? row.tags
          : undefined;

const row: Row = { id: 1005, updatedAt: new Date('2025-06-01T10:00:00Z'), status: 'open', tags: ['vip', 'b2b'] };

function matches(query: string): boolean {
  return matchesSearch(row, parseSearchQuery(query), fields);
}

describe('search syntax', () => {
  it('compares quoted dates with every comparator', () => {
    // Assertions
    expect(matches("updated_at:>'2025-06-01T00:00:00Z'")).toBe(true);
    expect(matches("updated_at:>='2025-06-01T10:00:00Z'")).toBe(true);
    expect(matches("updated_at:>'2025-06-01T10:00:00Z'")).toBe(false);
    expect(matches('updated_at:<2025-06-02')).toBe(true);
    expect(matches('updated_at:<=2025-06-01')).toBe(false);
  });

  it('ANDs terms, ORs groups and negates', () => {
    // Assertions
    expect(matches('id:>1000 id:<=1005')).toBe(true);
    expect(matches('id:>1000 AND id:<1005')).toBe(false);
    expect(matches('id:<1000 OR status:open')).toBe(true);
    expect(matches('-status:open')).toBe(false);
    expect(matches('NOT status:closed')).toBe(true);
    expect(matches('tag:vip')).toBe(true);
    expect(matches('tag:retail')).toBe(false);
  });

  it('ignores fields the resource does not know, as Shopify does', () => {
    // Assertions
    expect(matches('colour:blue status:open')).toBe(true);
    expect(parseSearchQuery('')).toEqual([[]]);
  });

  it('compares times to the second, both ends included, as Shopify keeps them', () => {
    // Setup: changed 700 ms into a second; Shopify shows it as 10:00:05Z and searches it so.
    const late: Row = { ...row, updatedAt: new Date('2025-06-01T10:00:05.700Z') };
    const within = (query: string) => matchesSearch(late, parseSearchQuery(query), fields);
    // Assertions
    expect(within("updated_at:>='2025-06-01T10:00:05Z' AND updated_at:<='2025-06-01T10:00:05Z'")).toBe(true);
    expect(within("updated_at:<='2025-06-01T10:00:05.200Z'")).toBe(true);
    expect(within("updated_at:>'2025-06-01T10:00:05Z'")).toBe(false);
    expect(within("updated_at:<'2025-06-01T10:00:05.900Z'")).toBe(false);
    expect(within("updated_at:>='2025-06-01T10:00:06Z'")).toBe(false);
  });
});
