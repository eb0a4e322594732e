/**
 * GraphQL-shaped objects (Admin schema 2025-01 field names) in the states the docs samples describe
 * (reference/shopify/webhooks/shopify-docs-samples-2026-04/): a cancelled and voided order of five lines, its refund,
 * its fulfilment, a customer, a company, a bulk operation and an order edit. Run through the fixture shop, they give
 * the conformance test what the store will give once it exists.
 */

type Node = Record<string, unknown>;

/** A MoneyBag in one currency. */
export function bag(amount: string, currency = 'USD', presentment = currency): Node {
  return {
    shopMoney: { amount, currencyCode: currency },
    presentmentMoney: { amount, currencyCode: presentment },
  };
}

export const ORDER_GID = 'gid://shopify/Order/820982911946154508';
export const CUSTOMER_GID = 'gid://shopify/Customer/115310627314723954';
export const STAFF_GID = 'gid://shopify/StaffMember/902541635';
const T = '2021-12-31T19:00:00-05:00';

/** The sample's shipping and billing address. */
export const SHIPPING_ADDRESS: Node = {
  firstName: 'Steve',
  lastName: 'Shipper',
  company: 'Shipping Company',
  address1: '123 Shipping Street',
  address2: null,
  city: 'Shippington',
  province: 'Kentucky',
  provinceCode: 'KY',
  country: 'United States',
  countryCodeV2: 'US',
  zip: '40003',
  phone: '555-555-SHIP',
  name: 'Steve Shipper',
  latitude: null,
  longitude: null,
};

function address(id: string, fields: Partial<Node>): Node {
  return { ...SHIPPING_ADDRESS, id, latitude: null, longitude: null, ...fields };
}

/** A customer like the docs sample's (John Smith in Ottawa). */
export function customerNode(gid = CUSTOMER_GID): Node {
  return {
    __typename: 'Customer',
    id: gid,
    createdAt: T,
    updatedAt: T,
    firstName: 'John',
    lastName: 'Smith',
    state: 'DISABLED',
    note: null,
    verifiedEmail: true,
    multipassIdentifier: null,
    taxExempt: false,
    email: 'john@example.com',
    phone: null,
    taxExemptions: [],
    amountSpent: { amount: '0.0', currencyCode: 'USD' },
    defaultAddress: address('gid://shopify/MailingAddress/715243470612851245?model_name=CustomerAddress', {
      firstName: 'John',
      lastName: 'Smith',
      company: null,
      address1: '123 Elm St.',
      city: 'Ottawa',
      province: 'Ontario',
      provinceCode: 'ON',
      country: 'Canada',
      countryCodeV2: 'CA',
      zip: 'K2H7A8',
      phone: '123-123-1234',
      name: 'John Smith',
    }),
  };
}

interface LineSpec {
  id: string;
  title: string;
  price: string;
  sku: string;
  product: string | null;
  group: string | null;
  staff?: boolean;
  discounts?: { amount: string; index: number }[];
}

/** The sample's five lines: sunglasses, a protection plan and a case in a bundle, a lounger and a coffee table. */
const LINES: LineSpec[] = [
  {
    id: '487817672276298554',
    title: 'Aviator sunglasses',
    price: '89.99',
    sku: 'SKU2006-001',
    product: '788032119674292870',
    group: null,
    staff: true,
  },
  {
    id: '789012345678901234',
    title: 'Lens Protection Plan (2 Year)',
    price: '19.99',
    sku: 'LENS-PROTECT-2YR',
    product: null,
    group: '234567890123456789',
  },
  {
    id: '890123456789012345',
    title: 'Premium Leather Case',
    price: '24.99',
    sku: 'CASE-LEATHER-PREM',
    product: null,
    group: '234567890123456789',
  },
  {
    id: '976318377106520349',
    title: 'Mid-century lounger',
    price: '159.99',
    sku: 'SKU2006-020',
    product: '788032119674292870',
    group: '142831562',
  },
  {
    id: '315789986012684393',
    title: 'Coffee table',
    price: '119.99',
    sku: 'SKU2006-035',
    product: '788032119674292870',
    group: '142831562',
  },
];

function lineItem(spec: LineSpec, unfulfilled = 1): Node {
  return {
    id: `gid://shopify/LineItem/${spec.id}`,
    name: spec.title,
    title: spec.title,
    quantity: 1,
    currentQuantity: 1,
    unfulfilledQuantity: unfulfilled,
    nonFulfillableQuantity: 0,
    sku: spec.sku,
    variantTitle: null,
    vendor: null,
    taxable: true,
    requiresShipping: true,
    isGiftCard: false,
    customAttributes: [],
    originalUnitPriceSet: bag(spec.price),
    originalTotalSet: bag(spec.price),
    totalDiscountSet: bag('0.00'),
    taxLines: [],
    discountAllocations: (spec.discounts ?? []).map((d) => ({
      allocatedAmountSet: bag(d.amount),
      discountApplication: { __typename: 'DiscountCodeApplication', index: d.index },
    })),
    product: spec.product ? { id: `gid://shopify/Product/${spec.product}` } : null,
    variant: null,
    staffMember: spec.staff ? { id: STAFF_GID } : null,
    lineItemGroup: spec.group ? { id: `gid://shopify/LineItemGroup/${spec.group}` } : null,
  };
}

/** The line items of the sample order. */
export function lineItems(): Node[] {
  return LINES.map((spec) => lineItem(spec));
}

/** The sample's order: cancelled by the customer, voided, unfulfilled, $10 shipping. */
export function orderNode(overrides: Partial<Node> = {}): Node {
  return {
    __typename: 'Order',
    id: ORDER_GID,
    name: '#9999',
    email: 'jon@example.com',
    phone: null,
    note: null,
    poNumber: null,
    test: true,
    confirmed: false,
    confirmationNumber: null,
    createdAt: T,
    updatedAt: T,
    processedAt: T,
    cancelledAt: T,
    cancelReason: 'CUSTOMER',
    closedAt: null,
    currencyCode: 'USD',
    presentmentCurrencyCode: 'USD',
    taxesIncluded: false,
    taxExempt: false,
    dutiesIncluded: false,
    estimatedTaxes: false,
    customerAcceptsMarketing: true,
    customerLocale: 'en',
    clientIp: null,
    sourceName: 'web',
    sourceIdentifier: null,
    registeredSourceUrl: null,
    statusPageUrl: 'https://jsmith.myshopify.com/548380009/orders/123456abcd/authenticate?key=abcdefg',
    displayFinancialStatus: 'VOIDED',
    displayFulfillmentStatus: 'UNFULFILLED',
    paymentGatewayNames: ['visa', 'bogus'],
    tags: ['tag1', 'tag2'],
    totalWeight: '0',
    app: null,
    merchantOfRecordApp: null,
    merchantBusinessEntity: { id: 'gid://shopify/BusinessEntity/1548380009' },
    retailLocation: null,
    staffMember: null,
    customAttributes: [],
    currentShippingPriceSet: bag('0.00'),
    currentSubtotalPriceSet: bag('414.95'),
    currentTotalAdditionalFeesSet: null,
    currentTotalDiscountsSet: bag('0.00'),
    currentTotalDutiesSet: null,
    currentTotalPriceSet: bag('414.95'),
    currentTotalTaxSet: bag('0.00'),
    originalTotalAdditionalFeesSet: null,
    originalTotalDutiesSet: null,
    subtotalPriceSet: bag('404.95'),
    totalDiscountsSet: bag('20.00'),
    totalOutstandingSet: bag('414.95'),
    totalPriceSet: bag('404.95'),
    totalShippingPriceSet: bag('10.00'),
    totalTaxSet: bag('0.00'),
    totalTipReceivedSet: bag('0.00'),
    totalCashRoundingAdjustment: { paymentSet: bag('0.00'), refundSet: bag('0.00') },
    taxLines: [],
    discountApplications: { nodes: [] },
    billingAddress: SHIPPING_ADDRESS,
    shippingAddress: SHIPPING_ADDRESS,
    customer: customerNode(),
    lineItems: { nodes: lineItems() },
    shippingLines: {
      nodes: [
        {
          id: 'gid://shopify/ShippingLine/271878346596884015',
          title: 'Generic Shipping',
          code: null,
          source: 'shopify',
          phone: null,
          carrierIdentifier: null,
          isRemoved: false,
          originalPriceSet: bag('10.00'),
          discountedPriceSet: bag('0.00'),
          currentDiscountedPriceSet: bag('0.00'),
          taxLines: [],
          discountAllocations: [],
        },
      ],
    },
    fulfillments: [],
    refunds: [],
    agreements: { nodes: [] },
    ...overrides,
  };
}

/** The sample's refund of all five lines ("Things were damaged"), with one $75 refund transaction. */
export function refundNode(): Node {
  const specs = LINES.map((spec, i) =>
    i === 3
      ? {
          ...spec,
          discounts: [
            { amount: '5.00', index: 0 },
            { amount: '5.00', index: 2 },
          ],
        }
      : spec,
  );
  return {
    __typename: 'Refund',
    id: 'gid://shopify/Refund/890088186047892319',
    createdAt: T,
    note: 'Things were damaged',
    staffMember: { id: 'gid://shopify/StaffMember/548380009' },
    return: null,
    totalRefundedSet: bag('75.00'),
    orderAdjustments: { nodes: [] },
    refundLineItems: {
      nodes: specs.map((spec, i) => ({
        id: `gid://shopify/RefundLineItem/${String(487817672276298600n + BigInt(i))}`,
        quantity: 1,
        restockType: 'NO_RESTOCK',
        restocked: false,
        location: null,
        subtotalSet: bag(spec.price),
        totalTaxSet: bag('0.00'),
        lineItem: lineItem(spec),
      })),
    },
    transactions: {
      nodes: [
        {
          id: 'gid://shopify/OrderTransaction/245135271310201194',
          kind: 'REFUND',
          gateway: 'bogus',
          status: 'SUCCESS',
          createdAt: '2019-12-31T19:00:00-05:00',
          processedAt: null,
          test: false,
          authorizationCode: null,
          errorCode: null,
          paymentId: '#9999.',
          manualPaymentGateway: false,
          user: null,
          parentTransaction: null,
          amountSet: bag('75.00'),
          amountRoundingSet: null,
          totalUnsettledSet: bag('0.00'),
        },
      ],
    },
    order: { __typename: 'Order', id: ORDER_GID },
  };
}

/** The sample's pending UPS fulfilment of the sunglasses. */
export function fulfillmentNode(): Node {
  const [first] = LINES;
  return {
    __typename: 'Fulfillment',
    id: 'gid://shopify/Fulfillment/123456',
    name: '#9999.1',
    status: 'PENDING',
    displayStatus: null,
    createdAt: T,
    updatedAt: T,
    service: null,
    location: null,
    originAddress: null,
    trackingInfo: [
      {
        company: 'UPS',
        number: '1z827wk74630',
        url: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1z827wk74630',
      },
    ],
    fulfillmentLineItems: { nodes: first ? [{ quantity: 1, lineItem: lineItem(first) }] : [] },
    order: { __typename: 'Order', id: ORDER_GID, email: 'jon@example.com', shippingAddress: SHIPPING_ADDRESS },
  };
}
