import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToJsonNumber } from './json-number';

/**
 * A decimal as text in one form ("704.99", "-0.5", "12", "0.000001"), from a plain decimal or from the JSON text of a
 * number (which may use an exponent: "1.5e-7"), so that the two can be compared digit for digit.
 */
function canonical(text: string): string {
  const [, sign = '', whole = '', fraction = '', exponent = '0'] =
    /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text) ?? [];
  // Shift the point by the exponent over the digits, then trim zeros that only place it.
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  const padded = point <= 0 ? `${'0'.repeat(1 - point)}${digits}` : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const decimals = padded.slice(at).replace(/0+$/, '');
  const plain = decimals ? `${integer}.${decimals}` : integer;
  return plain === '0' ? '0' : `${sign}${plain}`;
}

describe('decimalToJsonNumber', () => {
  it.each([
    ['704.99', 704.99, '704.99'],
    ['120.5', 120.5, '120.5'],
    ['0.0', 0, '0'],
    ['-0.00', 0, '0'],
    ['3', 3, '3'],
    ['007', 7, '7'],
    ['99999999999.99', 99999999999.99, '99999999999.99'],
    ['999999999999999', 999999999999999, '999999999999999'],
    ['0.000000000000000123456789012345', 1.23456789012345e-16, '1.23456789012345e-16'],
  ])('%s is the JSON number %s', (text, number, json) => {
    // Action
    const value = decimalToJsonNumber(text, 'sv_amountspent');

    // Assertions
    expect(value).toBe(number);
    expect(JSON.stringify(value)).toBe(json);
    expect(Object.is(value, -0)).toBe(false);
  });

  it('refuses a value a JSON number would round, naming the column and the value', () => {
    // 17 significant digits: as a double this is 1234567890123456.8.
    expect(() => decimalToJsonNumber('1234567890123456.78', 'sv_amountspent')).toThrow(
      /sv_amountspent: "1234567890123456\.78" has 18 significant digits/,
    );
    expect(() => decimalToJsonNumber('0.1000000000000000055', 'sv_amountspent')).toThrow(/19 significant digits/);
    // An UnsignedInt64 count past 15 digits.
    expect(() => decimalToJsonNumber('18446744073709551615', 'sv_orderscount')).toThrow(/sv_orderscount/);
  });

  it('refuses text that is not a plain decimal', () => {
    for (const text of ['', '1e5', 'NaN', 'Infinity', '1,5', ' 1', '+1', '.5', '5.', '0x10']) {
      expect(() => decimalToJsonNumber(text, 'sv_orderscount'), text).toThrow(/is not a decimal number/);
    }
  });

  it('refuses what is beyond the range of a double', () => {
    expect(() => decimalToJsonNumber(`1${'0'.repeat(400)}`, 'sv_amountspent')).toThrow(/outside the range/);
    expect(() => decimalToJsonNumber(`0.${'0'.repeat(400)}1`, 'sv_amountspent')).toThrow(/outside the range/);
  });

  it('keeps every decimal of up to 15 significant digits exactly (property)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 15 }))
      .map(([negative, mantissa, scale]) => {
        const digits = mantissa.toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return negative ? `-${text}` : text;
      });
    fc.assert(
      fc.property(decimal, (text) => {
        // Action: what the CRM receives is the JSON text of the number.
        const sent = JSON.stringify(decimalToJsonNumber(text, 'sv_amountspent'));

        // Assertions: read back as a decimal, it is the value we started from.
        expect(canonical(sent)).toBe(canonical(text));
      }),
    );
  });
});
