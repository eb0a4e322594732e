import { describe, expect, it } from 'vitest';
import { lineAmounts, orderTotals } from './pricing';
import type { Row } from './store';

function row(values: Row['values']): Row {
  return { id: 'x', version: 1, values };
}

describe('system pricing (DATAVERSE.md)', () => {
  it('line: baseamount = (price - volume discount) x quantity; extended = base - manual discount + tax', () => {
    // Setup
    const values = {
      priceperunit: '10.3333',
      volumediscountamount: '0.3333',
      quantity: '2.50000',
      manualdiscountamount: '1.0000',
      tax: '0.7500',
    };

    // Action
    const amounts = lineAmounts(values, 2);

    // Assertions
    expect(amounts).toEqual({ baseamount: '25.0000', extendedamount: '24.7500' });
  });

  it('order: totals from lines, order discount (amount and percentage), freight and tax', () => {
    // Setup
    const order = row({ discountamount: '5.0000', discountpercentage: '10.00', freightamount: '7.5000' });
    const lines = [
      row({ baseamount: '100.0000', manualdiscountamount: '10.0000', tax: '9.0000' }),
      row({ baseamount: '50.0000', manualdiscountamount: null, tax: '4.5000' }),
    ];

    // Action
    const totals = orderTotals(order, lines, 2);

    // Assertions
    // line items 90 + 50 = 140; order discount 5 + 10% x 140 = 19; less freight 121; tax 13.50; total 121 + 7.50 + 13.50
    expect(totals).toEqual({
      totallineitemamount: '140.0000',
      totallineitemdiscountamount: '10.0000',
      totaldiscountamount: '29.0000',
      totalamountlessfreight: '121.0000',
      totaltax: '13.5000',
      totalamount: '142.0000',
    });
  });

  it('rounds to the currency precision', () => {
    // Setup
    const values = { priceperunit: '0.3333', quantity: '3.00000' };

    // Action
    const cents = lineAmounts(values, 2);
    const whole = lineAmounts(values, 0);

    // Assertions
    expect(cents.baseamount).toBe('1.0000');
    expect(whole.baseamount).toBe('1.0000');
    expect(lineAmounts({ priceperunit: '0.335', quantity: '1' }, 2).baseamount).toBe('0.3400');
  });
});
