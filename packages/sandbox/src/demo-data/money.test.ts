import { describe, expect, it } from 'vitest';
import { convert, format, taxOf } from './money';
import { createPrng } from './prng';

describe('demo money', () => {
  it('formats minor units per currency and converts at the fixed rates, rounding half up', () => {
    // Setup
    const tenDollars = 1000n;

    // Action
    const inYen = convert(tenDollars, 'USD', 'JPY');
    const inEuro = convert(tenDollars, 'USD', 'EUR');

    // Assertions
    expect(format(inYen, 'JPY')).toBe('1510');
    expect(format(inEuro, 'EUR')).toBe('9.20');
    expect(format(-5n, 'USD')).toBe('-0.05');
  });

  it('computes tax added on top and tax contained in a price', () => {
    // Setup
    const price = 11900n;

    // Action
    const added = taxOf(price, '0.19', false);
    const contained = taxOf(price, '0.19', true);

    // Assertions
    expect(added).toBe(2261n);
    expect(contained).toBe(1900n);
  });
});

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    // Setup
    const a = createPrng(5);
    const b = createPrng(5);
    const c = createPrng(6);

    // Action
    const draws = [a, b, c].map((prng) => Array.from({ length: 5 }, () => prng.int(0, 1000)));

    // Assertions
    expect(draws[0]).toEqual(draws[1]);
    expect(draws[0]).not.toEqual(draws[2]);
    expect(draws[0]?.every((n) => n >= 0 && n <= 1000)).toBe(true);
  });
});
