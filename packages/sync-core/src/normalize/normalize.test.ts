import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitAddressLines } from './address-lines';
import { countryCode, countryName, region } from './country';
import { normalizeEmail } from './email';
import { normalizePhone } from './phone';

describe('normalizeEmail', () => {
  it.each([
    ['  Ada.Lovelace@Example.COM ', 'ada.lovelace@example.com', true],
    ['ADA+shop@gmail.com', 'ada+shop@gmail.com', true],
    ['', null, true],
    ['not an email', 'not an email', false],
  ])('%j -> %j', (raw, value, valid) => {
    expect(normalizeEmail(raw)).toEqual({ value, valid });
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (raw) => {
        const once = normalizeEmail(raw);
        return JSON.stringify(normalizeEmail(once.value)) === JSON.stringify(once);
      }),
    );
  });
});

describe('normalizePhone', () => {
  it.each([
    // One number written five ways, in three countries.
    ['(416) 555-0123', 'CA', '+14165550123'],
    ['416.555.0123', 'CA', '+14165550123'],
    ['+1 416 555 0123', 'DE', '+14165550123'],
    ['1-416-555-0123', 'US', '+14165550123'],
    ['001 416 555 0123', 'DE', '+14165550123'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['+44 (0)20 7946 0018', null, '+442079460018'],
    ['0044 20 7946 0018', 'DE', '+442079460018'],
    ['030 901820', 'DE', '+4930901820'],
    ['+49 30 901820', 'GB', '+4930901820'],
  ])('%s in %s -> %s', (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toEqual({ value: e164, e164: true });
  });

  it('keeps an invalid number as typed and flags it', () => {
    expect(normalizePhone(' 12345 ', 'US')).toEqual({ value: '12345', e164: false });
    expect(normalizePhone('', 'US')).toEqual({ value: null, e164: false });
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[+0-9 ()-]{0,20}$/),
        fc.constantFrom('US', 'GB', 'DE', 'JP', null),
        (raw, country) => {
          const once = normalizePhone(raw, country);
          return JSON.stringify(normalizePhone(once.value, country)) === JSON.stringify(once);
        },
      ),
    );
  });
});

describe('countries and regions', () => {
  it('reads a country by code or by name in several languages', () => {
    expect(countryCode({ code: 'ca' })).toBe('CA');
    expect(countryCode({ code: 'DEU' })).toBe('DE');
    expect(countryCode({ name: 'Deutschland' })).toBe('DE');
    expect(countryCode({ name: 'Germany' })).toBe('DE');
    expect(countryCode({ name: 'Atlantis' })).toBeNull();
    expect(countryName('CA')).toBe('Canada');
  });

  it('validates a region against its country, by code or by name', () => {
    expect(region('CA', { code: 'ON' })).toEqual({ iso: 'CA-ON', code: 'ON', name: 'Ontario' });
    expect(region('CA', { code: 'CA-QC' })?.name).toBe('Quebec');
    expect(region('CA', { name: 'Québec' })?.iso).toBe('CA-QC');
    expect(region('US', { code: 'ON' })).toBeNull();
    expect(region('SG', { name: 'Singapore' })).toBeNull();
  });
});

describe('fitAddressLines', () => {
  it('moves overflow to the next line at a word boundary', () => {
    const long = `${'a'.repeat(8)} ${'b'.repeat(8)} ${'c'.repeat(8)}`;
    expect(fitAddressLines([long, 'Suite 4'], 3, 17)).toEqual({
      lines: [`${'a'.repeat(8)} ${'b'.repeat(8)}`, `${'c'.repeat(8)} Suite 4`],
      cut: null,
    });
  });

  it('returns what cannot fit anywhere, for the sync log', () => {
    expect(fitAddressLines(['one two', 'three four', 'five six'], 2, 9)).toEqual({
      lines: ['one two', 'three'],
      cut: 'four five six',
    });
  });

  it('is idempotent and loses nothing: what does not fit is in `cut`', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80, size: 'large' }), { maxLength: 4 }), (raw) => {
        const once = fitAddressLines(raw, 3, 30);
        const twice = fitAddressLines(once.lines, 3, 30);
        const letters = (lines: string[]) => lines.join('').replace(/\s/g, '');
        return (
          JSON.stringify(twice.lines) === JSON.stringify(once.lines) &&
          twice.cut === null &&
          once.lines.every((line) => line.length <= 30) &&
          letters([...once.lines, once.cut ?? '']) === letters(raw)
        );
      }),
    );
  });
});
