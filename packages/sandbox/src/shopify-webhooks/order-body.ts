import { CUSTOMER_FRAGMENT, MAILING_ADDRESS_FIELDS, addressBody, customerBody } from './customer-body';
import type { GqlCustomer, GqlMailingAddress } from './customer-body';
import { FULFILLMENT_FRAGMENT, fulfillmentBody, type GqlFulfillment } from './fulfillment-body';
import { LINE_ITEM_FRAGMENT, orderLineItemBody, taxLineBody } from './line-item-body';
import type { GqlLineItem, GqlTaxLine } from './line-item-body';
import {
  DISCOUNT_APPLICATIONS_FIELDS,
  discountApplicationBody,
  discountCodesBody,
  shippingLineBody,
  SHIPPING_LINE_FIELDS,
  type GqlDiscountApplication,
  type GqlShippingLine,
} from './order-parts';
import { REFUND_FRAGMENT, refundBody, type GqlRefund } from './refund-body';
import {
  MONEY_BAG_FIELDS,
  RawNumber,
  gidTail,
  integer,
  moneySet,
  optionalGidTail,
  optionalMoneySet,
  shopAmount,
  sumBags,
  time,
  type MoneyBag,
  type RestValue,
} from './rest-json';

/**
 * Orders in REST shape for orders/create, /updated, /cancelled, /fulfilled, /partially_fulfilled and /paid, which all
 * send the same object (docs samples orders_*.json in reference/shopify/webhooks/shopify-docs-samples-2026-04/).
 */

const MONEY = `{ ${MONEY_BAG_FIELDS} }`;

/** orders/*: the order by id, with everything its REST body nests. */
export const ORDER_QUERY = `#graphql
  query RestOrderBody($id: ID!) {
    node(id: $id) {
      ... on Order {
        id name email phone note poNumber test confirmed confirmationNumber createdAt updatedAt processedAt
        cancelledAt cancelReason closedAt currencyCode presentmentCurrencyCode taxesIncluded taxExempt dutiesIncluded
        estimatedTaxes customerAcceptsMarketing customerLocale clientIp sourceName sourceIdentifier registeredSourceUrl
        statusPageUrl displayFinancialStatus displayFulfillmentStatus paymentGatewayNames tags totalWeight
        app { id }
        merchantOfRecordApp { id }
        merchantBusinessEntity { id }
        retailLocation { id }
        staffMember { id }
        customAttributes { key value }
        currentShippingPriceSet ${MONEY}
        currentSubtotalPriceSet ${MONEY}
        currentTotalAdditionalFeesSet ${MONEY}
        currentTotalDiscountsSet ${MONEY}
        currentTotalDutiesSet ${MONEY}
        currentTotalPriceSet ${MONEY}
        currentTotalTaxSet ${MONEY}
        originalTotalAdditionalFeesSet ${MONEY}
        originalTotalDutiesSet ${MONEY}
        subtotalPriceSet ${MONEY}
        totalDiscountsSet ${MONEY}
        totalOutstandingSet ${MONEY}
        totalPriceSet ${MONEY}
        totalShippingPriceSet ${MONEY}
        totalTaxSet ${MONEY}
        totalTipReceivedSet ${MONEY}
        totalCashRoundingAdjustment { paymentSet ${MONEY} refundSet ${MONEY} }
        taxLines { title rate channelLiable priceSet ${MONEY} }
        discountApplications(first: 250) { nodes { ${DISCOUNT_APPLICATIONS_FIELDS} } }
        billingAddress { ${MAILING_ADDRESS_FIELDS} }
        shippingAddress { ${MAILING_ADDRESS_FIELDS} }
        customer { ...RestCustomer }
        purchasingEntity { ... on PurchasingCompany { company { id } location { id } } }
        lineItems(first: 250) { nodes { ...RestLineItem originalTotalSet ${MONEY} } }
        shippingLines(first: 250, includeRemovals: true) { nodes { ${SHIPPING_LINE_FIELDS} } }
        fulfillments { ...RestFulfillment }
        refunds { ...RestRefund }
      }
    }
  }
  ${CUSTOMER_FRAGMENT}
  ${LINE_ITEM_FRAGMENT}
  ${FULFILLMENT_FRAGMENT}
  ${REFUND_FRAGMENT}
`;

/** GraphQL `Order` as {@link ORDER_QUERY} selects it. */
export interface GqlOrder {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  test: boolean;
  confirmed: boolean;
  confirmationNumber: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  dutiesIncluded: boolean;
  estimatedTaxes: boolean;
  customerAcceptsMarketing: boolean;
  customerLocale: string | null;
  clientIp: string | null;
  sourceName: string | null;
  sourceIdentifier: string | null;
  registeredSourceUrl: string | null;
  statusPageUrl: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  paymentGatewayNames: string[];
  tags: string[];
  totalWeight: string | null;
  app: { id: string } | null;
  merchantOfRecordApp: { id: string } | null;
  merchantBusinessEntity: { id: string };
  retailLocation: { id: string } | null;
  staffMember: { id: string } | null;
  customAttributes: { key: string; value: string | null }[];
  currentShippingPriceSet: MoneyBag;
  currentSubtotalPriceSet: MoneyBag;
  currentTotalAdditionalFeesSet: MoneyBag | null;
  currentTotalDiscountsSet: MoneyBag;
  currentTotalDutiesSet: MoneyBag | null;
  currentTotalPriceSet: MoneyBag;
  currentTotalTaxSet: MoneyBag;
  originalTotalAdditionalFeesSet: MoneyBag | null;
  originalTotalDutiesSet: MoneyBag | null;
  subtotalPriceSet: MoneyBag | null;
  totalDiscountsSet: MoneyBag | null;
  totalOutstandingSet: MoneyBag;
  totalPriceSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag | null;
  totalTipReceivedSet: MoneyBag;
  totalCashRoundingAdjustment: { paymentSet: MoneyBag; refundSet: MoneyBag };
  taxLines: GqlTaxLine[];
  discountApplications: { nodes: GqlDiscountApplication[] };
  billingAddress: GqlMailingAddress | null;
  shippingAddress: GqlMailingAddress | null;
  customer: GqlCustomer | null;
  /** A B2B order's company and location; `{}` for an order a person bought for themselves (PurchasingEntity union). */
  purchasingEntity: { company?: { id: string }; location?: { id: string } } | null;
  lineItems: { nodes: (GqlLineItem & { originalTotalSet: MoneyBag })[] };
  shippingLines: { nodes: GqlShippingLine[] };
  fulfillments: GqlFulfillment[];
  refunds: GqlRefund[];
}

/** Result of {@link ORDER_QUERY}. */
export interface OrderQueryResult {
  node: GqlOrder | null;
}

/** REST's order-level `fulfillment_status`: null until something ships, then "partial" or "fulfilled". */
const FULFILLMENT_STATUS: Record<string, string | null> = {
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  RESTOCKED: 'restocked',
};

/** The number in the order's name ("#1001", "WEB1349"): REST's `order_number`; `number` counts from 1. */
function orderNumbers(name: string): { orderNumber: RawNumber; number: RawNumber } {
  const digits = /(\d+)\D*$/.exec(name)?.[1] ?? '1001';
  const value = BigInt(digits);
  return { orderNumber: new RawNumber(digits), number: new RawNumber(String(value > 1000n ? value - 1000n : value)) };
}

/** The order's secret token, which REST carries and the status page URL embeds (`/orders/<token>/authenticate`). */
function orderToken(order: GqlOrder): string {
  return /\/orders\/([^/?]+)/.exec(order.statusPageUrl)?.[1] ?? gidTail(order.id).literal;
}

/** The REST body of an order. */
export function orderBody(order: GqlOrder): RestValue {
  const numbers = orderNumbers(order.name);
  const zero = order.totalPriceSet;
  const lineItemsTotal = sumBags(
    order.lineItems.nodes.map((item) => item.originalTotalSet),
    { shopMoney: { ...zero.shopMoney, amount: '0' }, presentmentMoney: { ...zero.presentmentMoney, amount: '0' } },
  );
  const subtotal = order.subtotalPriceSet ?? order.currentSubtotalPriceSet;
  const totalDiscounts = order.totalDiscountsSet ?? order.currentTotalDiscountsSet;
  const totalTax = order.totalTaxSet ?? order.currentTotalTaxSet;
  return {
    id: gidTail(order.id),
    admin_graphql_api_id: order.id,
    app_id: optionalGidTail(order.app),
    browser_ip: order.clientIp,
    buyer_accepts_marketing: order.customerAcceptsMarketing,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: time(order.cancelledAt),
    // Storefront session fields: a simulated shop has no storefront, carts or checkouts, so Shopify's own value for
    // an order created through the API applies: null.
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: time(order.closedAt),
    // A B2B order's company and location, by numeric id (inferred schema orders_updated.json: null or {id, location_id}).
    company: order.purchasingEntity?.company
      ? {
          id: gidTail(order.purchasingEntity.company.id),
          location_id: optionalGidTail(order.purchasingEntity.location),
        }
      : null,
    confirmation_number: order.confirmationNumber,
    confirmed: order.confirmed,
    contact_email: order.email,
    created_at: time(order.createdAt),
    currency: order.currencyCode,
    current_shipping_price_set: moneySet(order.currentShippingPriceSet),
    current_subtotal_price: shopAmount(order.currentSubtotalPriceSet),
    current_subtotal_price_set: moneySet(order.currentSubtotalPriceSet),
    current_total_additional_fees_set: optionalMoneySet(order.currentTotalAdditionalFeesSet),
    current_total_discounts: shopAmount(order.currentTotalDiscountsSet),
    current_total_discounts_set: moneySet(order.currentTotalDiscountsSet),
    current_total_duties_set: optionalMoneySet(order.currentTotalDutiesSet),
    current_total_price: shopAmount(order.currentTotalPriceSet),
    current_total_price_set: moneySet(order.currentTotalPriceSet),
    current_total_tax: shopAmount(order.currentTotalTaxSet),
    current_total_tax_set: moneySet(order.currentTotalTaxSet),
    customer_locale: order.customerLocale,
    // POS device: none in a simulated online shop.
    device_id: null,
    discount_codes: discountCodesBody(order),
    duties_included: order.dutiesIncluded,
    email: order.email,
    estimated_taxes: order.estimatedTaxes,
    financial_status: order.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillment_status: FULFILLMENT_STATUS[order.displayFulfillmentStatus] ?? null,
    // Storefront referral fields: no storefront visit precedes an order in a simulated shop.
    landing_site: null,
    landing_site_ref: null,
    location_id: optionalGidTail(order.retailLocation),
    // REST gives the business entity's id base64-encoded without padding (docs sample: "MTU0ODM4MDAwOQ" is 1548380009).
    merchant_business_entity_id: Buffer.from(gidTail(order.merchantBusinessEntity.id).literal)
      .toString('base64')
      .replace(/=+$/, ''),
    merchant_of_record_app_id: optionalGidTail(order.merchantOfRecordApp),
    name: order.name,
    note: order.note,
    note_attributes: order.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    number: numbers.number,
    order_number: numbers.orderNumber,
    order_status_url: order.statusPageUrl,
    original_total_additional_fees_set: optionalMoneySet(order.originalTotalAdditionalFeesSet),
    original_total_duties_set: optionalMoneySet(order.originalTotalDutiesSet),
    payment_gateway_names: order.paymentGatewayNames,
    phone: order.phone,
    po_number: order.poNumber,
    presentment_currency: order.presentmentCurrencyCode,
    processed_at: time(order.processedAt),
    // POS reference and storefront referrer: neither exists in a simulated shop.
    reference: null,
    referring_site: null,
    source_identifier: order.sourceIdentifier,
    source_name: order.sourceName,
    source_url: order.registeredSourceUrl,
    subtotal_price: shopAmount(subtotal),
    subtotal_price_set: moneySet(subtotal),
    tags: order.tags.join(', '),
    tax_exempt: order.taxExempt,
    tax_lines: order.taxLines.map(taxLineBody),
    taxes_included: order.taxesIncluded,
    test: order.test,
    token: orderToken(order),
    total_cash_rounding_payment_adjustment_set: moneySet(order.totalCashRoundingAdjustment.paymentSet),
    total_cash_rounding_refund_adjustment_set: moneySet(order.totalCashRoundingAdjustment.refundSet),
    total_discounts: shopAmount(totalDiscounts),
    total_discounts_set: moneySet(totalDiscounts),
    total_line_items_price: shopAmount(lineItemsTotal),
    total_line_items_price_set: moneySet(lineItemsTotal),
    total_outstanding: shopAmount(order.totalOutstandingSet),
    total_price: shopAmount(order.totalPriceSet),
    total_price_set: moneySet(order.totalPriceSet),
    total_shipping_price_set: moneySet(order.totalShippingPriceSet),
    total_tax: shopAmount(totalTax),
    total_tax_set: moneySet(totalTax),
    total_tip_received: shopAmount(order.totalTipReceivedSet),
    total_weight: integer(order.totalWeight ?? '0'),
    updated_at: time(order.updatedAt),
    user_id: optionalGidTail(order.staffMember),
    billing_address: addressBody(order.billingAddress),
    customer: order.customer ? customerBody(order.customer, false) : null,
    discount_applications: order.discountApplications.nodes.map(discountApplicationBody),
    fulfillments: order.fulfillments.map((f) => fulfillmentBody(f, order.id)),
    line_items: order.lineItems.nodes.map(orderLineItemBody),
    // orderCreate cannot set payment terms (OrderCreateOrderInput has none), so a simulated order never has them.
    payment_terms: null,
    refunds: order.refunds.map((r) => refundBody(r, order.id)),
    shipping_address: addressBody(order.shippingAddress),
    shipping_lines: order.shippingLines.nodes.map(shippingLineBody),
    // Returns and bundles (line item groups) are not simulated: no mutation creates them.
    returns: [],
    line_item_groups: [],
  };
}

/** orders/* body from {@link ORDER_QUERY}'s result. */
export function orderRestBody(result: OrderQueryResult): RestValue {
  if (!result.node) throw new Error('order not found');
  return orderBody(result.node);
}
