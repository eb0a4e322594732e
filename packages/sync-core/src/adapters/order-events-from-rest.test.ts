import { describe, expect, it } from 'vitest';
import { orderEventsFromRest } from './order-events-from-rest';

const set = (shop: string, presentment: string) => ({
  shop_money: { amount: shop, currency_code: 'USD' },
  presentment_money: { amount: presentment, currency_code: 'EUR' },
});

/** An order body with one refund (money back in two transactions, one failed) and one fulfillment, REST-shaped. */
function body() {
  return {
    admin_graphql_api_id: 'gid://shopify/Order/1',
    total_price_set: set('30.00', '27.60'),
    refunds: [
      {
        id: 7,
        admin_graphql_api_id: 'gid://shopify/Refund/7',
        created_at: '2026-11-27T10:00:00-05:00',
        note: '',
        refund_line_items: [
          {
            line_item_id: 11,
            line_item: { id: 11, admin_graphql_api_id: 'gid://shopify/LineItem/11' },
            quantity: 1,
            restock_type: 'return',
            subtotal_set: set('10.00', '9.20'),
            total_tax_set: set('0.80', '0.74'),
          },
        ],
        transactions: [
          { kind: 'refund', status: 'success', amount: '10.80', amount_set: set('10.80', '9.94') },
          { kind: 'refund', status: 'failure', amount: '10.80', amount_set: set('10.80', '9.94') },
        ],
      },
    ],
    fulfillments: [
      {
        id: 9,
        admin_graphql_api_id: 'gid://shopify/Fulfillment/9',
        created_at: '2026-11-27 14:00:00.000Z',
        updated_at: '2026-11-27T14:05:00Z',
        status: 'success',
        tracking_company: 'UPS',
        tracking_numbers: ['1Z1', ''],
        tracking_urls: ['https://ups.example/1Z1'],
        line_items: [{ id: 11, admin_graphql_api_id: 'gid://shopify/LineItem/11', quantity: 2 }],
      },
    ],
  };
}

describe('orderEventsFromRest', () => {
  it('reads refunds and fulfillments as the GraphQL reader gives them', () => {
    // Action
    const events = orderEventsFromRest(body());

    // Assertions: times as GraphQL's DateTime, enums in upper case, money as Decimal text, failed transactions left out.
    expect(events).toEqual({
      refunds: [
        {
          gid: 'gid://shopify/Refund/7',
          createdAt: '2026-11-27T15:00:00Z',
          note: null,
          totalRefunded: {
            shop: { amount: '10.8', currency: 'USD' },
            presentment: { amount: '9.94', currency: 'EUR' },
          },
          lines: [
            {
              lineItemGid: 'gid://shopify/LineItem/11',
              quantity: 1,
              restockType: 'RETURN',
              subtotal: { shop: { amount: '10.0', currency: 'USD' }, presentment: { amount: '9.2', currency: 'EUR' } },
              totalTax: { shop: { amount: '0.8', currency: 'USD' }, presentment: { amount: '0.74', currency: 'EUR' } },
            },
          ],
        },
      ],
      fulfillments: [
        {
          gid: 'gid://shopify/Fulfillment/9',
          createdAt: '2026-11-27T14:00:00Z',
          updatedAt: '2026-11-27T14:05:00Z',
          status: 'SUCCESS',
          trackingCompany: 'UPS',
          trackingNumbers: ['1Z1'],
          trackingUrls: ['https://ups.example/1Z1'],
          lines: [{ lineItemGid: 'gid://shopify/LineItem/11', quantity: 2 }],
        },
      ],
    });
  });

  it('refuses a refund whose transaction gives its amount without amount_set, naming it', () => {
    // Setup: REST's bare amount does not say in which currency it is.
    const refunded = body();
    const [refund] = refunded.refunds;
    if (!refund) throw new Error('the fixture has a refund');
    refund.transactions = [{ kind: 'refund', status: 'success', amount: '10.80' } as never];

    // Action, Assertions
    expect(() => orderEventsFromRest(refunded)).toThrow('refunds[0].transactions[0].amount_set is not an object');
  });

  it('refuses a line it cannot name exactly', () => {
    const lost = body();
    const [fulfillment] = lost.fulfillments;
    if (!fulfillment) throw new Error('the fixture has a fulfillment');
    fulfillment.line_items = [{ id: 11, quantity: 2 } as never];
    expect(() => orderEventsFromRest(lost)).toThrow('fulfillments[0].line_items[0] has no LineItem gid');
  });
});
