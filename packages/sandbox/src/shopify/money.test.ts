import { describe, expect, it } from 'vitest';
import { formatDecimal, parseMinor, rateToPpm, roundDiv, taxOn } from './money';

describe('money', () => {
  it('formats minor units the way the Admin API writes Decimals', () => {
    // Setup / Action / Assertions: "679.0" and "704.99" are in the real-store responses.
    expect(formatDecimal(67900, 'DKK')).toBe('679.0');
    expect(formatDecimal(70499, 'EUR')).toBe('704.99');
    expect(formatDecimal(1050, 'USD')).toBe('10.5');
    expect(formatDecimal(-5, 'USD')).toBe('-0.05');
    expect(formatDecimal(1000, 'JPY')).toBe('1000.0');
  });

  it('parses decimal strings into minor units and rejects too much precision', () => {
    // Assertions
    expect(parseMinor('19.99', 'USD')).toBe(1999);
    expect(parseMinor('5', 'USD')).toBe(500);
    expect(parseMinor('5.000', 'USD')).toBe(500);
    expect(parseMinor('1.001', 'USD')).toBeNull();
    expect(parseMinor('12', 'JPY')).toBe(12);
    expect(parseMinor('abc', 'USD')).toBeNull();
  });

  it('computes tax carved out of inclusive prices and added to exclusive ones', () => {
    // Setup
    const ppm = rateToPpm('0.21');
    // Assertions: 60.19 incl. 21% VAT holds 10.45 (rest-get-order-response_ms-bc-connector.json).
    expect(ppm).toBe(210_000);
    expect(taxOn(6019, ppm, true)).toBe(1045);
    expect(taxOn(1000, ppm, false)).toBe(210);
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(-5, 2)).toBe(-3);
  });
});
