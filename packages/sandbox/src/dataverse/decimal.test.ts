import { describe, expect, it } from 'vitest';
import { add, dec, div, format, mul, parseDec, round, sub } from './decimal';

describe('decimal', () => {
  it('adds and multiplies without float error', () => {
    // Setup
    const a = dec('0.1');
    const b = dec('0.2');

    // Action
    const sum = format(add(a, b));
    const product = format(mul(dec('19.99'), dec('3')), 2);

    // Assertions
    expect(sum).toBe('0.3');
    expect(product).toBe('59.97');
  });

  it('rounds half away from zero at any scale', () => {
    // Setup
    const values = ['2.345', '-2.345', '2.344', '0.5'];

    // Action
    const rounded = values.map((value) => format(round(dec(value), value === '0.5' ? 0 : 2)));

    // Assertions
    expect(rounded).toEqual(['2.35', '-2.35', '2.34', '1']);
  });

  it('parses exponents and rejects what is not a number', () => {
    // Setup
    const inputs = ['1E-10', '922337203685477', '12.', 'abc', ''];

    // Action
    const parsed = inputs.map((input) => {
      const value = parseDec(input);
      return value ? format(value) : undefined;
    });

    // Assertions
    expect(parsed).toEqual(['0.0000000001', '922337203685477', '12', undefined, undefined]);
    expect(format(sub(dec('1'), dec('1.005')), 4)).toBe('-0.0050');
  });

  it('divides with rounding half away from zero', () => {
    // Setup
    const pairs: [string, string, number][] = [
      ['500', '150', 2],
      ['-1', '3', 4],
      ['2.5', '0.92', 2],
      ['1', '8', 2],
    ];

    // Action
    const quotients = pairs.map(([a, b, scale]) => format(div(dec(a), dec(b), scale)));

    // Assertions
    expect(quotients).toEqual(['3.33', '-0.3333', '2.72', '0.13']);
  });
});
