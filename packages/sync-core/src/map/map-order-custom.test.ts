import { describe, expect, it } from 'vitest';
import { orderSettings } from '../settings/store-settings';
import { mapOrderToCustomTables } from './map-order-custom';
import { line, money, order } from './order-fixtures';

const options = {
  storeKey: 'us',
  shopHandle: 'demo-us',
  correlationId: 'corr-1',
  settings: orderSettings.parse({ target: 'custom' }),
  customer: { table: 'contact' as const, id: 'c0ffee00-0000-4000-8000-000000000001' },
};

describe('mapOrderToCustomTables', () => {
  it('writes Shopify’s own figures: lines after refunds, shipping as what the total leaves, and each refund', () => {
    // Setup: two mugs at 10.00 with 2.00 off, one refunded; shipping 5.00; tax added at 10 %.
    const source = order({
      name: '#1042',
      currentTotal: '15.90',
      lineItems: [
        line({
          unit: '10.00',
          quantity: 2,
          currentQuantity: 1,
          discountAllocations: [money('2.00')],
          taxLines: [{ title: 'Tax', rate: '0.1', price: money('1.80') }],
        }),
      ],
    });
    source.totals = {
      ...source.totals,
      currentSubtotal: money('9.00'),
      currentTax: money('0.90'),
      currentDiscounts: money('1.00'),
      currentTotal: money('15.90'),
    };
    const events = {
      fulfillments: [],
      refunds: [
        {
          gid: 'gid://shopify/Refund/77',
          createdAt: '2026-02-01T10:00:00.000Z',
          note: 'Chipped',
          totalRefunded: money('9.90'),
          lines: [
            {
              lineItemGid: 'gid://shopify/LineItem/11',
              quantity: 1,
              restockType: 'RETURN',
              subtotal: money('9.00'),
              totalTax: money('0.90'),
            },
          ],
        },
      ],
    };

    // Action
    const plan = mapOrderToCustomTables(source, events, options);

    // Assertions
    expect(plan.tables).toEqual({ order: 'sv_shopifyorder', line: 'sv_shopifyorderline', refund: 'sv_shopifyrefund' });
    expect(plan.order.row).toMatchObject({
      sv_name: 'us-#1042',
      sv_shopifyid: 'us_1001',
      'sv_contactid@odata.bind': '/contacts(c0ffee00-0000-4000-8000-000000000001)',
      sv_subtotal: 9,
      sv_totaltax: 0.9,
      sv_totaldiscount: 1,
      sv_freight: 6,
      sv_total: 15.9,
      sv_currency: 'USD',
    });
    expect(plan.lines.map((row) => [row.key, row.gid])).toEqual([['us_11', 'gid://shopify/LineItem/11']]);
    expect(plan.lines[0]?.row).toMatchObject({
      sv_quantity: 1,
      sv_unitprice: 10,
      sv_discount: 1,
      sv_tax: 0.9,
      sv_total: 9,
    });
    expect(plan.refunds.map((row) => [row.key, row.gid])).toEqual([['us_77', 'gid://shopify/Refund/77']]);
    expect(plan.refunds[0]?.row).toMatchObject({
      sv_amount: 9.9,
      sv_currency: 'USD',
      sv_lines: '1 x MUG-1 (RETURN)',
      sv_note: 'Chipped',
      sv_refundedon: '2026-02-01T10:00:00.000Z',
    });
  });

  it('leaves out lines refunded or removed entirely', () => {
    const source = order({
      currentTotal: '0.00',
      lineItems: [line({ unit: '5.00', quantity: 1, currentQuantity: 0 })],
    });
    expect(mapOrderToCustomTables(source, { refunds: [], fulfillments: [] }, options).lines).toEqual([]);
  });
});
