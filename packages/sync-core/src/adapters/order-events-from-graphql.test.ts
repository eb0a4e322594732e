import { describe, expect, it } from 'vitest';
import type { GqlMoneyBag } from './graphql-shapes';
import { orderEventsFromGraphql, type GqlFulfillment, type GqlOrderEvents } from './order-events-from-graphql';

/** A shop in EUR selling to a customer who paid in USD: the two sides of every bag differ. */
const eurUsd = (eur: string, usd: string): GqlMoneyBag => ({
  shopMoney: { amount: eur, currencyCode: 'EUR' },
  presentmentMoney: { amount: usd, currencyCode: 'USD' },
});

const fulfillment = (overrides: Partial<GqlFulfillment>): GqlFulfillment => ({
  id: 'gid://shopify/Fulfillment/255858046',
  createdAt: '2026-11-03T09:00:00Z',
  updatedAt: '2026-11-03T09:05:00Z',
  status: 'SUCCESS',
  trackingInfo: [],
  fulfillmentLineItems: { nodes: [] },
  ...overrides,
});

describe('orderEventsFromGraphql', () => {
  it('reads a partial refund with its lines, restock and money in shop and presentment currency', () => {
    // Setup
    const node: GqlOrderEvents = {
      updatedAt: '2026-11-05T12:00:00Z',
      refunds: [
        {
          id: 'gid://shopify/Refund/929361464',
          createdAt: '2026-11-04T08:30:00Z',
          note: 'Wrong size',
          totalRefundedSet: eurUsd('33.00', '35.97'),
          refundLineItems: {
            nodes: [
              {
                lineItem: { id: 'gid://shopify/LineItem/466157049' },
                quantity: 1,
                restockType: 'RETURN',
                subtotalSet: eurUsd('30.00', '32.70'),
                totalTaxSet: eurUsd('3.00', '3.27'),
              },
            ],
          },
        },
      ],
      fulfillments: [],
    };
    // Action
    const events = orderEventsFromGraphql(node);
    // Assertions
    expect(events).toEqual({
      refunds: [
        {
          gid: 'gid://shopify/Refund/929361464',
          createdAt: '2026-11-04T08:30:00Z',
          note: 'Wrong size',
          totalRefunded: {
            shop: { amount: '33.00', currency: 'EUR' },
            presentment: { amount: '35.97', currency: 'USD' },
          },
          lines: [
            {
              lineItemGid: 'gid://shopify/LineItem/466157049',
              quantity: 1,
              restockType: 'RETURN',
              subtotal: {
                shop: { amount: '30.00', currency: 'EUR' },
                presentment: { amount: '32.70', currency: 'USD' },
              },
              totalTax: { shop: { amount: '3.00', currency: 'EUR' }, presentment: { amount: '3.27', currency: 'USD' } },
            },
          ],
        },
      ],
      fulfillments: [],
    });
  });

  it('keeps a return without money back, and dates a refund without createdAt by its order', () => {
    // Setup: Shopify's schema lets Refund.createdAt be null.
    const node: GqlOrderEvents = {
      updatedAt: '2026-11-05T12:00:00Z',
      refunds: [
        {
          id: 'gid://shopify/Refund/1',
          createdAt: null,
          note: null,
          totalRefundedSet: eurUsd('0.0', '0.0'),
          refundLineItems: {
            nodes: [
              {
                lineItem: { id: 'gid://shopify/LineItem/2' },
                quantity: 2,
                restockType: 'NO_RESTOCK',
                subtotalSet: eurUsd('0.0', '0.0'),
                totalTaxSet: eurUsd('0.0', '0.0'),
              },
            ],
          },
        },
      ],
      fulfillments: [],
    };
    // Action
    const [refund] = orderEventsFromGraphql(node).refunds;
    // Assertions
    expect(refund?.createdAt).toBe('2026-11-05T12:00:00Z');
    expect(refund?.note).toBeNull();
    expect(refund?.totalRefunded.shop).toEqual({ amount: '0.0', currency: 'EUR' });
    expect(refund?.lines.map((line) => [line.lineItemGid, line.quantity, line.restockType])).toEqual([
      ['gid://shopify/LineItem/2', 2, 'NO_RESTOCK'],
    ]);
  });

  it('reads a fulfillment with its carrier, every tracking number and link, and its lines', () => {
    // Setup: two parcels with the same carrier; the second has no tracking page.
    const node: GqlOrderEvents = {
      updatedAt: '2026-11-05T12:00:00Z',
      refunds: [],
      fulfillments: [
        fulfillment({
          trackingInfo: [
            {
              company: 'UPS',
              number: '1Z999AA10123456784',
              url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
            },
            { company: 'UPS', number: '1Z999AA10123456785', url: null },
          ],
          fulfillmentLineItems: {
            nodes: [
              { lineItem: { id: 'gid://shopify/LineItem/466157049' }, quantity: 2 },
              { lineItem: { id: 'gid://shopify/LineItem/518995019' }, quantity: 1 },
            ],
          },
        }),
      ],
    };
    // Action
    const events = orderEventsFromGraphql(node);
    // Assertions
    expect(events.fulfillments).toEqual([
      {
        gid: 'gid://shopify/Fulfillment/255858046',
        createdAt: '2026-11-03T09:00:00Z',
        updatedAt: '2026-11-03T09:05:00Z',
        status: 'SUCCESS',
        trackingCompany: 'UPS',
        trackingNumbers: ['1Z999AA10123456784', '1Z999AA10123456785'],
        trackingUrls: ['https://www.ups.com/track?tracknum=1Z999AA10123456784'],
        lines: [
          { lineItemGid: 'gid://shopify/LineItem/466157049', quantity: 2 },
          { lineItemGid: 'gid://shopify/LineItem/518995019', quantity: 1 },
        ],
      },
    ]);
  });

  it('reads a fulfillment without tracking, a cancelled one, and a line without a quantity', () => {
    // Setup
    const node: GqlOrderEvents = {
      updatedAt: '2026-11-05T12:00:00Z',
      refunds: [],
      fulfillments: [
        fulfillment({ id: 'gid://shopify/Fulfillment/1', trackingInfo: [{ company: null, number: '', url: null }] }),
        fulfillment({
          id: 'gid://shopify/Fulfillment/2',
          status: 'CANCELLED',
          fulfillmentLineItems: { nodes: [{ lineItem: { id: 'gid://shopify/LineItem/3' }, quantity: null }] },
        }),
      ],
    };
    // Action
    const [untracked, cancelled] = orderEventsFromGraphql(node).fulfillments;
    // Assertions
    expect(untracked).toMatchObject({ trackingCompany: null, trackingNumbers: [], trackingUrls: [] });
    expect(cancelled?.status).toBe('CANCELLED');
    expect(cancelled?.lines).toEqual([{ lineItemGid: 'gid://shopify/LineItem/3', quantity: 0 }]);
  });

  it('gives no events for an order with none', () => {
    // Setup: like the real store's order WEB1349 (reference/shopify/real-store-responses, REST body: no refunds or fulfillments).
    const node: GqlOrderEvents = { updatedAt: '2022-08-08T09:20:40+02:00', refunds: [], fulfillments: [] };
    // Action
    const events = orderEventsFromGraphql(node);
    // Assertions
    expect(events).toEqual({ refunds: [], fulfillments: [] });
  });
});
