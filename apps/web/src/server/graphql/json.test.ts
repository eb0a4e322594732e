import { parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import { JSONScalar } from './json';

describe('the JSON scalar', () => {
  it('passes JSON values through both ways', () => {
    const value = { a: [1, 'two', null, { b: true }], c: 1.5 };
    expect(JSONScalar.serialize(value)).toEqual(value);
    expect(JSONScalar.parseValue(value)).toEqual(value);
  });

  it('reads a literal, variables included', () => {
    const literal = parseValue('{ a: [1, "x", $v], b: null }');
    expect(JSONScalar.parseLiteral(literal, { v: { deep: true } })).toEqual({ a: [1, 'x', { deep: true }], b: null });
  });

  it('reads an inline object as a plain object (graphql-js builds it without a prototype)', () => {
    // Act
    const value = JSONScalar.parseLiteral(parseValue('{ locale: "de-DE", nested: { a: 1 } }'), {}) as Record<
      string,
      unknown
    >;
    // Assertions
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.nested)).toBe(Object.prototype);
    expect(value.constructor).toBe(Object);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => JSONScalar.serialize({ a: undefined })).toThrow(/JSON/);
    expect(() => JSONScalar.serialize(Number.NaN)).toThrow(/JSON/);
    expect(() => JSONScalar.parseValue(() => 1)).toThrow(/JSON/);
  });
});
