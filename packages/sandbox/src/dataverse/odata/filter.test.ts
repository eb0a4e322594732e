import { describe, expect, it } from 'vitest';
import { evaluate, parseFilter, type Literal } from './filter';

/** A row as text values; comparisons as numbers when both sides parse, else as case-insensitive text. */
function matches(filter: string, row: Record<string, string | null>): boolean {
  const read = (property: string): string | null => row[property] ?? null;
  const compare = (property: string, literal: Literal): number | undefined => {
    const value = read(property);
    if (value === null || literal.kind === 'null') return undefined;
    const other = literal.kind === 'boolean' ? String(literal.value) : literal.value;
    const left = Number(value);
    const right = Number(other);
    if (!Number.isNaN(left) && !Number.isNaN(right)) return Math.sign(left - right);
    return value.toLowerCase() === other.toLowerCase() ? 0 : value.toLowerCase() < other.toLowerCase() ? -1 : 1;
  };
  return evaluate(parseFilter(filter), compare, read);
}

describe('$filter', () => {
  it('supports comparisons, and/or/not, parentheses and null', () => {
    // Setup
    const row = { name: 'Contoso', revenue: '100', city: null };

    // Action
    const results = [
      "name eq 'contoso'",
      'revenue gt 50 and revenue le 100',
      "not (name ne 'Contoso')",
      'city eq null',
      'city ne null or revenue lt 10',
      "revenue ge 101 or (name eq 'Contoso' and city eq null)",
    ].map((filter) => matches(filter, row));

    // Assertions
    expect(results).toEqual([true, true, true, true, false, true]);
  });

  it('supports contains, startswith and endswith, case-insensitively, and quotes doubled inside strings', () => {
    // Setup
    const row = { emailaddress1: "O'Brien@Example.com" };

    // Action
    const results = [
      "contains(emailaddress1,'example')",
      "startswith(emailaddress1,'o''brien')",
      "endswith(emailaddress1,'.org')",
    ].map((filter) => matches(filter, row));

    // Assertions
    expect(results).toEqual([true, true, false]);
  });

  it('supports the Microsoft.Dynamics.CRM.In and NotIn query functions', () => {
    // Setup
    const row = { sv_shopifyid: 'us_2', quantity: '3' };

    // Action
    const results = [
      "Microsoft.Dynamics.CRM.In(PropertyName='sv_shopifyid',PropertyValues=['us_1','us_2'])",
      "Microsoft.Dynamics.CRM.In(PropertyName='sv_shopifyid',PropertyValues=['us_3'])",
      "Microsoft.Dynamics.CRM.NotIn(PropertyName='sv_shopifyid',PropertyValues=['us_3'])",
      "Microsoft.Dynamics.CRM.In(PropertyName='quantity',PropertyValues=[1,3]) and sv_shopifyid ne null",
    ].map((filter) => matches(filter, row));

    // Assertions
    expect(results).toEqual([true, false, true, true]);
  });

  it('refuses broken expressions', () => {
    // Setup
    const broken = ["name eq 'x", 'name', 'name eq', "(name eq 'x'", "name like 'x'"];

    // Action
    const outcomes = broken.map((filter) => {
      try {
        parseFilter(filter);
        return 'parsed';
      } catch {
        return 'refused';
      }
    });

    // Assertions
    expect(outcomes).toEqual(broken.map(() => 'refused'));
  });
});
