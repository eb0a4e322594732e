import type { MoneyBag } from '../models/money';
import type { ShopifyLineItem, ShopifyOrder, ShopifyShippingLine } from '../models/order';
import { orderSettings, type OrderSettings } from '../settings/store-settings';
import type { OrderMappingOptions } from './map-order';

/** Builders of canonical orders for the mapping tests: a valid order in USD, changed by overrides. */
export const money = (
  amount: string,
  currency = 'USD',
  presentment?: { amount: string; currency: string },
): MoneyBag => ({
  shop: { amount, currency },
  presentment: presentment ?? { amount, currency },
});

export function line(overrides: Partial<ShopifyLineItem> & { unit: string }): ShopifyLineItem {
  const { unit, ...rest } = overrides;
  return {
    gid: 'gid://shopify/LineItem/11',
    sku: 'MUG-1',
    title: 'Mug',
    variantTitle: 'Blue',
    variantGid: null,
    quantity: 1,
    currentQuantity: rest.quantity ?? 1,
    taxable: true,
    originalUnitPrice: money(unit),
    discountAllocations: [],
    taxLines: [],
    ...rest,
  };
}

export function shipping(price: string, discounted = price, tax?: string): ShopifyShippingLine {
  return {
    gid: 'gid://shopify/ShippingLine/5',
    title: 'Standard',
    code: null,
    originalPrice: money(price),
    discountedPrice: money(discounted),
    taxLines: tax ? [{ title: 'Tax', rate: '0.2', price: money(tax) }] : [],
  };
}

export function order(overrides: Partial<ShopifyOrder> & { currentTotal: string }): ShopifyOrder {
  const { currentTotal, ...rest } = overrides;
  const total = money(currentTotal);
  return {
    gid: 'gid://shopify/Order/1001',
    legacyId: '1001',
    name: '#1001',
    email: null,
    phone: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    processedAt: '2026-01-01T00:00:00.000Z',
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    test: false,
    tags: [],
    poNumber: null,
    sourceName: null,
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    currency: 'USD',
    presentmentCurrency: 'USD',
    taxesIncluded: false,
    customerGid: null,
    companyGid: null,
    companyLocationGid: null,
    billingAddress: null,
    shippingAddress: null,
    totals: {
      total,
      subtotal: null,
      tax: null,
      discounts: null,
      shipping: money('0.00'),
      refunded: money('0.00'),
      currentTotal: total,
      currentSubtotal: total,
      currentTax: money('0.00'),
      currentDiscounts: money('0.00'),
    },
    lineItems: [],
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
    ...rest,
  };
}

export const options = (
  settings: Partial<OrderSettings> = {},
  more: Partial<OrderMappingOptions> = {},
): OrderMappingOptions => ({
  storeKey: 'us',
  shopHandle: 'demo-us',
  correlationId: 'corr-1',
  countryAs: 'name',
  settings: orderSettings.parse(settings),
  customer: { table: 'contact', id: 'c0ffee00-0000-4000-8000-000000000001' },
  ...more,
});
