import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyPrecision,
  dec,
  dynamicsTotals,
  fitsScale,
  format,
  pricedLine,
  pricedOrderFromRows,
  prorate,
  round,
} from './order-totals';

describe('dynamicsTotals', () => {
  it('computes what the Dataverse simulator computes for its own reference order', () => {
    // Setup: the order of packages/sandbox/src/dataverse/orders.integration.test.ts, whose totals are asserted there.
    const order = {
      discountamount: '2',
      freightamount: '4.99',
      lines: [
        { quantity: '3', priceperunit: '12.49', manualdiscountamount: '1.5', tax: '2.1' },
        { quantity: '1', priceperunit: '19.99', manualdiscountamount: '0', tax: '1.2' },
      ],
    };

    // Action
    const totals = dynamicsTotals(order, 2);

    // Assertions
    expect(totals).toEqual({
      totallineitemamount: '55.96',
      totallineitemdiscountamount: '1.50',
      totaldiscountamount: '3.50',
      totalamountlessfreight: '53.96',
      totaltax: '3.30',
      totalamount: '62.25',
      lines: [
        { baseamount: '37.47', extendedamount: '38.07' },
        { baseamount: '19.99', extendedamount: '21.19' },
      ],
    });
  });

  it('rounds half away from zero at the currency precision, negative amounts included', () => {
    const line = (quantity: string, priceperunit: string) => ({
      discountamount: '0',
      freightamount: '0',
      lines: [{ quantity, priceperunit, manualdiscountamount: '0', tax: '0' }],
    });
    expect(dynamicsTotals(line('0.5', '0.05'), 2).totalamount).toBe('0.03');
    expect(dynamicsTotals(line('0.5', '-0.05'), 2).totalamount).toBe('-0.03');
    expect(dynamicsTotals(line('0.5', '0.03'), 2).totalamount).toBe('0.02');
    expect(dynamicsTotals(line('3', '333'), 0).totalamount).toBe('999');
    expect(dynamicsTotals(line('0.5', '3'), 0).totalamount).toBe('2');
  });

  it('applies a percentage discount to the line items before freight and tax', () => {
    const totals = dynamicsTotals(
      {
        discountamount: '1',
        discountpercentage: '10',
        freightamount: '5',
        lines: [{ quantity: '1', priceperunit: '99.95', manualdiscountamount: '0', tax: '7' }],
      },
      2,
    );
    // 10 % of 99.95 = 9.995 -> with the 1.00 amount, 10.995 rounds to 11.00.
    expect(totals).toMatchObject({
      totaldiscountamount: '11.00',
      totalamountlessfreight: '88.95',
      totalamount: '100.95',
    });
  });

  it('reads the plan rows (JSON numbers as written) back as exact decimals', () => {
    const priced = pricedOrderFromRows({ freightamount: 4.12, discountamount: 0 }, [
      { quantity: 1, priceperunit: 45.62, manualdiscountamount: 0, tax: 9.58 },
      { quantity: 1, priceperunit: 0.1, tax: 0.2 },
    ]);
    expect(dynamicsTotals(priced, 2).totalamount).toBe('59.62');
    expect(() => pricedOrderFromRows({ freightamount: true }, [])).toThrow('freightamount holds true');
    expect(() => dec('1e-7', 'tax')).toThrow('tax: "1e-7" is not a decimal number');
  });

  it('is the sum of the line extended amounts, less the order discount, plus freight, for amounts at precision', () => {
    const amount = (precision: number) =>
      fc.bigInt({ min: 0n, max: 10n ** 9n }).map((units) => format({ units, scale: precision }));
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3).chain((precision) =>
          fc.record({
            precision: fc.constant(precision),
            freight: amount(precision),
            discount: amount(precision),
            lines: fc.array(
              fc.record({
                quantity: fc.integer({ min: 1, max: 50 }).map(String),
                priceperunit: amount(precision),
                manualdiscountamount: amount(precision),
                tax: amount(precision),
              }),
              { maxLength: 6 },
            ),
          }),
        ),
        ({ precision, freight, discount, lines }) => {
          const totals = dynamicsTotals({ discountamount: discount, freightamount: freight, lines }, precision);
          const expected = totals.lines.reduce(
            (sum, line) => sum + dec(line.extendedamount, 'extended').units,
            dec(freight, 'freight').units - dec(discount, 'discount').units,
          );
          expect(dec(totals.totalamount, 'total').units).toBe(
            round({ units: expected, scale: precision }, precision).units,
          );
        },
      ),
    );
  });
});

describe('currencyPrecision', () => {
  it('follows ISO 4217 minor units', () => {
    expect([currencyPrecision('JPY'), currencyPrecision('eur'), currencyPrecision('KWD')]).toEqual([0, 2, 3]);
  });
});

describe('pricedLine', () => {
  it('makes a tax-included line contribute exactly its net amount, with a discount that is never negative', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(0, 500, 1000, 2000, 2100, 2500),
        (precision, unitUnits, quantity, discountPercent, rate) => {
          // Setup: Shopify's amounts for the line, in minor units: gross, discount, included tax.
          const gross = BigInt(unitUnits) * BigInt(quantity);
          const discount = (gross * BigInt(discountPercent)) / 100n;
          const tax = ((gross - discount) * BigInt(rate)) / (10_000n + BigInt(rate));
          const at = (units: bigint) => ({ units, scale: precision });

          // Action
          const line = pricedLine(at(BigInt(unitUnits)), quantity, at(discount), at(tax), true, precision);

          // Assertions: Dynamics' base - manual discount is the net amount, so base - manual + tax is the gross.
          const base = round({ units: line.price.units * BigInt(quantity), scale: line.price.scale }, precision);
          expect(line.manual.units >= 0n).toBe(true);
          expect(fitsScale(line.manual, precision) && fitsScale(line.price, precision)).toBe(true);
          expect(base.units - round(line.manual, precision).units).toBe(gross - discount - tax);
        },
      ),
    );
  });

  it('writes a taxes-added line as Shopify has it', () => {
    const line = pricedLine(dec('12.49', 'unit'), 3, dec('1.50', 'discount'), dec('2.38', 'tax'), false, 2);
    expect([format(line.price), format(line.manual), format(line.tax), line.quantity]).toEqual([
      '12.49',
      '1.50',
      '2.38',
      3,
    ]);
  });
});

describe('prorate', () => {
  it('takes the share of the current quantity, rounded half away from zero', () => {
    expect(format(prorate(dec('1.00', 'x'), 2, 3, 2))).toBe('0.67');
    expect(format(prorate(dec('0.05', 'x'), 1, 2, 2))).toBe('0.03');
    expect(format(prorate(dec('-0.05', 'x'), 1, 2, 2))).toBe('-0.03');
    expect(format(prorate(dec('7', 'x'), 3, 3, 0))).toBe('7');
  });
});
