import {
  CUSTOMER_GID,
  ORDER_GID,
  SHIPPING_ADDRESS,
  bag,
  fulfillmentNode,
  lineItems,
  orderNode,
  refundNode,
} from './sample-fixtures';

/**
 * More GraphQL-shaped fixtures: the customers, company, bulk operation and order edit of the docs samples, and a
 * busier order (discount codes, an automatic discount, tax lines, two shipping lines, a fulfilment and a refund) whose
 * nested lists the docs sample leaves empty, so that their element shapes are checked too.
 */

type Node = Record<string, unknown>;

/** The docs sample's customer Bob Biller, with his default address also in `addresses` as a real shop lists it. */
export function sampleCustomerNode(): Node {
  const home = {
    id: 'gid://shopify/MailingAddress/12321?model_name=CustomerAddress',
    ...SHIPPING_ADDRESS,
    firstName: 'Bob',
    lastName: 'Biller',
    company: null,
    address1: "151 O'Connor Street",
    city: 'Ottawa',
    province: 'Ontario',
    provinceCode: 'ON',
    country: 'Canada',
    countryCodeV2: 'CA',
    zip: 'K2P 2L8',
    phone: '555-555-5555',
    name: 'Bob Biller',
  };
  return {
    __typename: 'Customer',
    id: 'gid://shopify/Customer/706405506930370084',
    createdAt: '2021-12-31T19:00:00-05:00',
    updatedAt: '2021-12-31T19:00:00-05:00',
    firstName: 'Bob',
    lastName: 'Biller',
    state: 'DISABLED',
    note: 'This customer loves ice cream',
    verifiedEmail: true,
    multipassIdentifier: null,
    taxExempt: false,
    email: 'bob@biller.com',
    phone: null,
    taxExemptions: [],
    amountSpent: { amount: '0.0', currencyCode: 'USD' },
    defaultAddress: home,
    addresses: [home],
  };
}

/** The docs sample's company. */
export function companyNode(): Node {
  return {
    __typename: 'Company',
    id: 'gid://shopify/Company/408372092144951419',
    name: 'Example Company',
    note: 'This is an example company',
    externalId: '123456789',
    createdAt: '2021-12-31T19:00:00-05:00',
    updatedAt: '2021-12-31T19:00:00-05:00',
    customerSince: '2021-12-31T19:00:00-05:00',
    mainContact: { id: 'gid://shopify/CompanyContact/408372092144951652' },
  };
}

/** The docs sample's finished bulk query. */
export function bulkOperationNode(): Node {
  return {
    __typename: 'BulkOperation',
    id: 'gid://shopify/BulkOperation/147595010',
    completedAt: '2024-01-01T07:34:56-05:00',
    createdAt: '2026-03-02T12:16:30-05:00',
    errorCode: null,
    status: 'COMPLETED',
    type: 'QUERY',
  };
}

/** The sample order after an edit that added one line and removed the sunglasses. */
export function editedOrderNode(): Node {
  return orderNode({
    agreements: {
      nodes: [
        {
          __typename: 'OrderEditAgreement',
          id: 'gid://shopify/SalesAgreement/78912328793123782',
          happenedAt: '2021-12-31T19:00:00-05:00',
          app: null,
          user: null,
          sales: {
            nodes: [
              { __typename: 'ProductSale', quantity: 1, lineItem: { id: 'gid://shopify/LineItem/78643924236718241' } },
              {
                __typename: 'ProductSale',
                quantity: -1,
                lineItem: { id: 'gid://shopify/LineItem/487817672276298554' },
              },
            ],
          },
        },
      ],
    },
  });
}

const TAX = { title: 'State tax', rate: 0.06, channelLiable: false, priceSet: bag('6.00') };
const ALLOCATION = (index: number, amount: string) => ({
  allocatedAmountSet: bag(amount),
  discountApplication: { __typename: 'DiscountCodeApplication', index },
});

/** A busier order: discounts of every kind it can have, taxes, two shipping lines, a fulfilment and a refund. */
export function busyOrderNode(): Node {
  const items = lineItems().map((item, i) =>
    i === 0 ? { ...item, taxLines: [TAX], discountAllocations: [ALLOCATION(0, '5.00'), ALLOCATION(1, '2.50')] } : item,
  );
  const shipping = (id: string, title: string, price: string, allocations: Node[]) => ({
    id: `gid://shopify/ShippingLine/${id}`,
    title,
    code: title.toUpperCase().replaceAll(' ', '_'),
    source: 'shopify',
    phone: null,
    carrierIdentifier: null,
    isRemoved: false,
    originalPriceSet: bag(price),
    discountedPriceSet: bag(price),
    currentDiscountedPriceSet: bag(price),
    taxLines: [TAX],
    discountAllocations: allocations,
  });
  const { order: _order, ...refund } = refundNode();
  const { order: _o, ...fulfillment } = fulfillmentNode();
  return orderNode({
    cancelledAt: null,
    cancelReason: null,
    note: 'Leave at the door',
    taxLines: [TAX],
    discountApplications: {
      nodes: [
        {
          __typename: 'DiscountCodeApplication',
          index: 0,
          code: 'WELCOME5',
          allocationMethod: 'ACROSS',
          targetSelection: 'ALL',
          targetType: 'LINE_ITEM',
          value: { __typename: 'MoneyV2', amount: '5.0', currencyCode: 'USD' },
        },
        {
          __typename: 'AutomaticDiscountApplication',
          index: 1,
          title: 'Summer sale',
          allocationMethod: 'ACROSS',
          targetSelection: 'ALL',
          targetType: 'LINE_ITEM',
          value: { __typename: 'PricingPercentageValue', percentage: 10 },
        },
        {
          __typename: 'DiscountCodeApplication',
          index: 2,
          code: 'FREESHIP',
          allocationMethod: 'EACH',
          targetSelection: 'ALL',
          targetType: 'SHIPPING_LINE',
          value: { __typename: 'PricingPercentageValue', percentage: 100 },
        },
      ],
    },
    lineItems: { nodes: items },
    shippingLines: {
      nodes: [
        shipping('271878346596884015', 'Standard', '10.00', [ALLOCATION(2, '10.00')]),
        shipping('271878346596884016', 'Gift wrap delivery', '4.00', []),
      ],
    },
    fulfillments: [fulfillment],
    refunds: [refund],
    customer: { ...(orderNode().customer as Node), id: CUSTOMER_GID },
    id: ORDER_GID,
  });
}
