import { describe, expect, it } from 'vitest';
import type { MoneyBag } from '../models/money';
import type { ShopifyOrder } from '../models/order';
import type { ShopifyFulfillment, ShopifyOrderEvents, ShopifyRefund } from '../models/order-events';
import { orderTimeline, SUBJECT_MAX, uuidV5 } from './order-timeline';

const bag = (shop: string, presentment = shop): MoneyBag => ({
  shop: { amount: shop, currency: 'USD' },
  presentment: { amount: presentment, currency: 'EUR' },
});

function order(changes: Partial<ShopifyOrder> = {}): ShopifyOrder {
  const zero = bag('0.00');
  return {
    gid: 'gid://shopify/Order/1001',
    legacyId: '1001',
    name: '#1001',
    email: null,
    phone: null,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    processedAt: '2026-11-01T10:00:00Z',
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    test: false,
    tags: [],
    poNumber: null,
    sourceName: 'web',
    financialStatus: 'PENDING',
    fulfillmentStatus: 'UNFULFILLED',
    currency: 'USD',
    presentmentCurrency: 'EUR',
    taxesIncluded: false,
    customerGid: null,
    companyGid: null,
    companyLocationGid: null,
    billingAddress: null,
    shippingAddress: null,
    totals: {
      total: bag('100.00'),
      subtotal: null,
      tax: null,
      discounts: null,
      shipping: zero,
      refunded: zero,
      currentTotal: bag('100.00'),
      currentSubtotal: bag('100.00'),
      currentTax: zero,
      currentDiscounts: zero,
    },
    lineItems: [
      {
        gid: 'gid://shopify/LineItem/1',
        sku: 'MUG',
        title: 'Mug',
        variantTitle: 'Blue',
        variantGid: null,
        quantity: 2,
        currentQuantity: 2,
        taxable: true,
        originalUnitPrice: bag('50.00'),
        discountAllocations: [],
        taxLines: [],
      },
    ],
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
    ...changes,
  };
}

const fulfillment = (changes: Partial<ShopifyFulfillment> = {}): ShopifyFulfillment => ({
  gid: 'gid://shopify/Fulfillment/7',
  createdAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-02T09:00:00Z',
  status: 'SUCCESS',
  trackingCompany: 'UPS',
  trackingNumbers: ['1Z999'],
  trackingUrls: ['https://ups.example/track/1Z999'],
  lines: [{ lineItemGid: 'gid://shopify/LineItem/1', quantity: 1 }],
  ...changes,
});

const refund = (changes: Partial<ShopifyRefund> = {}): ShopifyRefund => ({
  gid: 'gid://shopify/Refund/9',
  createdAt: '2026-11-04T12:00:00Z',
  note: 'Damaged',
  totalRefunded: bag('50.00', '46.00'),
  lines: [
    {
      lineItemGid: 'gid://shopify/LineItem/1',
      quantity: 1,
      restockType: 'RETURN',
      subtotal: bag('45.00', '41.40'),
      totalTax: bag('5.00', '4.60'),
    },
  ],
  ...changes,
});

const NONE: ShopifyOrderEvents = { refunds: [], fulfillments: [] };
const US = { storeKey: 'us', currency: 'shop' } as const;

describe('uuidV5', () => {
  it('is RFC 4122 version 5 (the RFC errata example: www.example.com in the DNS name space)', () => {
    // Assertions
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('refuses a name space that is not a UUID', () => {
    // Assertions
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/not a UUID/);
  });
});

describe('orderTimeline', () => {
  it('a pending order has only "placed", dated when the order was processed', () => {
    // Action
    const entries = orderTimeline(order(), NONE, US);

    // Assertions
    expect(entries).toEqual([
      {
        key: uuidV5('us:gid://shopify/Order/1001:placed:once'),
        customerKey: uuidV5('us:gid://shopify/Order/1001:placed:once:customer'),
        kind: 'placed',
        subject: 'Order #1001 placed in Shopify',
        notetext: 'Order #1001 was placed on 2026-11-01T10:00:00Z (web).',
        occurredAt: '2026-11-01T10:00:00Z',
      },
    ]);
  });

  it('a paid, fulfilled, refunded, cancelled order has every entry, in the order they happened', () => {
    // Setup
    const full = order({
      financialStatus: 'partially_refunded',
      cancelledAt: '2026-11-05T00:00:00Z',
      cancelReason: 'customer',
    });
    const events = { fulfillments: [fulfillment()], refunds: [refund()] };

    // Action
    const entries = orderTimeline(full, events, US);

    // Assertions
    // placed and paid share a time: between them the key decides, whichever way that falls.
    expect(new Set(entries.slice(0, 2).map((entry) => entry.kind))).toEqual(new Set(['placed', 'paid']));
    expect(entries.slice(2).map((entry) => [entry.kind, entry.occurredAt])).toEqual([
      ['fulfilled', '2026-11-02T09:00:00Z'],
      ['refunded', '2026-11-04T12:00:00Z'],
      ['cancelled', '2026-11-05T00:00:00Z'],
    ]);
    const byKind = Object.fromEntries(entries.map((entry) => [entry.kind, entry]));
    expect(byKind.fulfilled?.subject).toBe('Order #1001 fulfilled by UPS');
    expect(byKind.fulfilled?.notetext).toBe(
      'Shipped with UPS.\nTracking: 1Z999 (https://ups.example/track/1Z999).\nLines:\n- 1 × Mug (Blue)',
    );
    expect(byKind.fulfilled?.key).toBe(uuidV5('us:gid://shopify/Order/1001:fulfilled:gid://shopify/Fulfillment/7'));
    expect(byKind.refunded?.subject).toBe('Order #1001 refunded 50.00 USD');
    expect(byKind.refunded?.notetext).toBe(
      'Refunded 50.00 USD.\nLines:\n- 1 × Mug (Blue): 45.00 USD, tax 5.00 USD, restock return\nNote: Damaged',
    );
    expect(byKind.cancelled?.notetext).toBe(
      'Order #1001 was cancelled in Shopify on 2026-11-05T00:00:00Z: the customer changed or cancelled the order (CUSTOMER).',
    );
  });

  it('quotes refunds in the presentment currency when the store keeps orders in it', () => {
    // Action
    const entries = orderTimeline(
      order({ financialStatus: 'PARTIALLY_REFUNDED' }),
      { fulfillments: [], refunds: [refund()] },
      {
        storeKey: 'us',
        currency: 'presentment',
      },
    );

    // Assertions
    expect(entries.find((entry) => entry.kind === 'refunded')?.subject).toBe('Order #1001 refunded 46.00 EUR');
  });

  it('a return without money back says so, and does not make the order paid', () => {
    // Action
    const entries = orderTimeline(
      order(),
      { fulfillments: [], refunds: [refund({ totalRefunded: bag('0.00'), note: null })] },
      US,
    );

    // Assertions
    expect(entries.map((entry) => entry.kind)).toEqual(['placed', 'refunded']);
    expect(entries[1]?.subject).toBe('Order #1001: return recorded, no money back');
  });

  it('leaves out fulfilments that have not shipped; a cancelled one that shipped gets a second entry', () => {
    // Setup
    const events = {
      refunds: [],
      fulfillments: [
        fulfillment({ gid: 'gid://shopify/Fulfillment/1', status: 'OPEN' }),
        fulfillment({ gid: 'gid://shopify/Fulfillment/2', status: 'CANCELLED', trackingNumbers: [] }),
        fulfillment({ gid: 'gid://shopify/Fulfillment/3', status: 'CANCELLED', updatedAt: '2026-11-03T00:00:00Z' }),
        fulfillment({
          gid: 'gid://shopify/Fulfillment/4',
          trackingCompany: null,
          trackingNumbers: [],
          trackingUrls: [],
        }),
      ],
    };

    // Action
    const entries = orderTimeline(order(), events, US);

    // Assertions
    expect(entries.filter((entry) => entry.kind !== 'placed').map((entry) => [entry.kind, entry.occurredAt])).toEqual(
      expect.arrayContaining([
        ['fulfilled', '2026-11-02T09:00:00Z'],
        ['fulfilled', '2026-11-02T09:00:00Z'],
        ['fulfillment-cancelled', '2026-11-03T00:00:00Z'],
      ]),
    );
    expect(entries).toHaveLength(4);
    const untracked = entries.find(
      (entry) => entry.key === uuidV5('us:gid://shopify/Order/1001:fulfilled:gid://shopify/Fulfillment/4'),
    );
    expect(untracked?.subject).toBe('Order #1001 fulfilled');
    expect(untracked?.notetext).toMatch(/^Shipped with no carrier given\.\nTracking: none\./);
  });

  it('keys differ by store, order, kind and event, and never change between calls', () => {
    // Setup
    const events = { fulfillments: [fulfillment()], refunds: [refund()] };
    const paid = order({ financialStatus: 'PAID' });

    // Action
    const keys = [
      ...orderTimeline(paid, events, US),
      ...orderTimeline(paid, events, { storeKey: 'eu', currency: 'shop' }),
      ...orderTimeline({ ...paid, gid: 'gid://shopify/Order/1002' }, events, US),
    ].flatMap((entry) => [entry.key, entry.customerKey]);

    // Assertions
    expect(new Set(keys).size).toBe(keys.length);
    expect(orderTimeline(paid, events, US)).toEqual(orderTimeline(paid, events, US));
  });

  it('cuts a subject longer than an annotation takes', () => {
    // Action
    const entries = orderTimeline(order({ name: 'X'.repeat(600) }), NONE, US);

    // Assertions
    expect(entries[0]?.subject).toHaveLength(SUBJECT_MAX);
    expect(entries[0]?.subject.endsWith('…')).toBe(true);
  });
});
