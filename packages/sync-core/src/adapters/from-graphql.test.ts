import { describe, expect, it } from 'vitest';
import { customerFromGraphql, orderFromGraphql } from './from-graphql';
import type { GqlCustomer, GqlMoneyBag, GqlOrder } from './graphql-shapes';

const usd = (amount: string): GqlMoneyBag => ({
  shopMoney: { amount, currencyCode: 'USD' },
  presentmentMoney: { amount, currencyCode: 'USD' },
});

const order: GqlOrder = {
  id: 'gid://shopify/Order/820982911946154508',
  legacyResourceId: '820982911946154508',
  name: '#1042',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-02T10:00:00Z',
  processedAt: '2026-11-01T10:00:00Z',
  test: false,
  tags: ['vip'],
  displayFinancialStatus: 'PAID',
  displayFulfillmentStatus: 'UNFULFILLED',
  currencyCode: 'USD',
  presentmentCurrencyCode: 'USD',
  taxesIncluded: false,
  totalPriceSet: usd('21.60'),
  totalShippingPriceSet: usd('0.0'),
  totalRefundedSet: usd('0.0'),
  currentTotalPriceSet: usd('21.60'),
  currentSubtotalPriceSet: usd('20.0'),
  currentTotalTaxSet: usd('1.60'),
  currentTotalDiscountsSet: usd('2.0'),
  shippingLines: { nodes: [] },
  taxLines: [{ title: 'State tax', rate: 0.08, priceSet: usd('1.60') }],
  discountApplications: {
    nodes: [
      {
        __typename: 'DiscountCodeApplication',
        code: 'WELCOME10',
        allocationMethod: 'ACROSS',
        targetSelection: 'ALL',
        targetType: 'LINE_ITEM',
        value: { __typename: 'PricingPercentageValue', percentage: 10 },
      },
    ],
  },
  lineItems: {
    nodes: [
      {
        id: 'gid://shopify/LineItem/1',
        title: 'Mug',
        quantity: 2,
        currentQuantity: 2,
        taxable: true,
        originalUnitPriceSet: usd('11.0'),
        discountAllocations: [{ allocatedAmountSet: usd('2.0') }],
        taxLines: [{ title: 'State tax', rate: 0.08, priceSet: usd('1.60') }],
      },
    ],
  },
};

describe('orderFromGraphql', () => {
  it('keeps ids and money as strings and names the discount by its code', () => {
    // Action
    const canonical = orderFromGraphql(order);
    // Assertions
    expect(canonical.legacyId).toBe('820982911946154508');
    expect(canonical.totals.currentTotal).toEqual({
      shop: { amount: '21.60', currency: 'USD' },
      presentment: { amount: '21.60', currency: 'USD' },
    });
    expect(canonical.taxLines[0]?.rate).toBe('0.08');
    expect(canonical.discountApplications[0]).toMatchObject({
      kind: 'code',
      label: 'WELCOME10',
      value: { kind: 'percentage', percentage: '10' },
    });
    expect(canonical.customerGid).toBeNull();
    expect(canonical.lineItems[0]?.discountAllocations[0]?.shop.amount).toBe('2.0');
  });
});

describe('customerFromGraphql', () => {
  const node: GqlCustomer = {
    id: 'gid://shopify/Customer/7390123456789012345',
    legacyResourceId: '7390123456789012345',
    firstName: 'Ada',
    state: 'ENABLED',
    tags: [],
    taxExempt: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    numberOfOrders: '18446744073709551615',
    amountSpent: { amount: '1204.50', currencyCode: 'EUR' },
    lastOrder: { createdAt: '2026-10-30T14:05:00Z' },
    addresses: [],
    companyContactProfiles: [],
  };

  it('keeps the rollups as Shopify wrote them: the count and the amount as strings, the last order date', () => {
    // Action
    const customer = customerFromGraphql(node);

    // Assertions
    expect(customer).toMatchObject({
      numberOfOrders: '18446744073709551615',
      amountSpent: { amount: '1204.50', currency: 'EUR' },
      lastOrderAt: '2026-10-30T14:05:00Z',
    });
  });

  it('has no last order date for a customer without orders', () => {
    // Action
    const none = customerFromGraphql({ ...node, numberOfOrders: '0', lastOrder: null });
    const unselected = customerFromGraphql({ ...node, lastOrder: undefined });

    // Assertions
    expect(none.lastOrderAt).toBeNull();
    expect(unselected.lastOrderAt).toBeNull();
  });
});
