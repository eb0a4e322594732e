import {
  MONEY_BAG_FIELDS,
  float,
  gidTail,
  moneySet,
  optionalGidTail,
  shopAmount,
  type MoneyBag,
  type RestValue,
} from './rest-json';

/**
 * Line items, tax lines and discount allocations in REST shape: shared by orders, refunds and fulfilments, whose
 * docs samples (reference/shopify/webhooks/shopify-docs-samples-2026-04/) nest the same line item object.
 */

/** Tax line selection (GraphQL `TaxLine`). */
export const TAX_LINE_FIELDS = `title rate channelLiable priceSet { ${MONEY_BAG_FIELDS} }`;

/** Discount allocation selection (GraphQL `DiscountAllocation`). */
export const DISCOUNT_ALLOCATION_FIELDS = `allocatedAmountSet { ${MONEY_BAG_FIELDS} } discountApplication { index }`;

/** The fragment every document that nests line items spreads. */
export const LINE_ITEM_FRAGMENT = `#graphql
  fragment RestLineItem on LineItem {
    id name title quantity currentQuantity unfulfilledQuantity nonFulfillableQuantity sku variantTitle vendor taxable requiresShipping isGiftCard
    customAttributes { key value }
    originalUnitPriceSet { ${MONEY_BAG_FIELDS} }
    totalDiscountSet { ${MONEY_BAG_FIELDS} }
    taxLines { ${TAX_LINE_FIELDS} }
    discountAllocations { ${DISCOUNT_ALLOCATION_FIELDS} }
    product { id }
    variant { id inventoryItem { tracked } }
    staffMember { id }
    lineItemGroup { id }
  }
`;

/** GraphQL `TaxLine` as selected. */
export interface GqlTaxLine {
  title: string;
  rate: number | null;
  channelLiable: boolean | null;
  priceSet: MoneyBag;
}

/** GraphQL `DiscountAllocation` as selected. */
export interface GqlDiscountAllocation {
  allocatedAmountSet: MoneyBag;
  discountApplication: { index: number };
}

/** GraphQL `LineItem` as {@link LINE_ITEM_FRAGMENT} selects it. */
export interface GqlLineItem {
  id: string;
  name: string;
  title: string;
  quantity: number;
  currentQuantity: number;
  unfulfilledQuantity: number;
  nonFulfillableQuantity: number;
  sku: string | null;
  variantTitle: string | null;
  vendor: string | null;
  taxable: boolean;
  requiresShipping: boolean;
  isGiftCard: boolean;
  customAttributes: { key: string; value: string | null }[];
  originalUnitPriceSet: MoneyBag;
  totalDiscountSet: MoneyBag;
  taxLines: GqlTaxLine[];
  discountAllocations: GqlDiscountAllocation[];
  product: { id: string } | null;
  variant: { id: string; inventoryItem: { tracked: boolean } } | null;
  staffMember: { id: string } | null;
  lineItemGroup: { id: string } | null;
}

/** REST `tax_lines[]` element. */
export function taxLineBody(line: GqlTaxLine): RestValue {
  return {
    channel_liable: line.channelLiable ?? false,
    price: shopAmount(line.priceSet),
    price_set: moneySet(line.priceSet),
    rate: float(line.rate ?? 0),
    title: line.title,
  };
}

/** REST `discount_allocations[]` element. */
export function discountAllocationBody(allocation: GqlDiscountAllocation): RestValue {
  return {
    amount: shopAmount(allocation.allocatedAmountSet),
    discount_application_index: float(allocation.discountApplication.index),
    amount_set: moneySet(allocation.allocatedAmountSet),
  };
}

/**
 * REST's line item `fulfillment_status`: null when nothing is fulfilled, "partial" or "fulfilled" otherwise. Units
 * that cannot be fulfilled (refunded or cancelled before shipping) count as neither.
 */
function fulfillmentStatus(item: GqlLineItem): string | null {
  const fulfilled = item.quantity - item.unfulfilledQuantity - item.nonFulfillableQuantity;
  if (fulfilled <= 0) return null;
  return item.unfulfilledQuantity > 0 ? 'partial' : 'fulfilled';
}

/**
 * The line item as refunds/create and fulfillments/create nest it (their docs samples share this key order). Fields
 * GraphQL cannot give are the honest values of a simulated shop: `fulfillment_service` is "manual" (the shop has no
 * fulfilment services), `grams` is 0 (it keeps no product weights), `duties` is empty (it charges no duties).
 */
export function lineItemBody(item: GqlLineItem, quantity = item.quantity): { [key: string]: RestValue } {
  return {
    id: gidTail(item.id),
    variant_id: optionalGidTail(item.variant),
    title: item.title,
    quantity: float(quantity),
    sku: item.sku,
    variant_title: item.variantTitle,
    vendor: item.vendor,
    fulfillment_service: 'manual',
    product_id: optionalGidTail(item.product),
    requires_shipping: item.requiresShipping,
    taxable: item.taxable,
    gift_card: item.isGiftCard,
    name: item.name,
    variant_inventory_management: item.variant?.inventoryItem.tracked ? 'shopify' : null,
    properties: item.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    product_exists: item.product !== null,
    fulfillable_quantity: float(item.unfulfilledQuantity),
    grams: float(0),
    price: shopAmount(item.originalUnitPriceSet),
    total_discount: shopAmount(item.totalDiscountSet),
    fulfillment_status: fulfillmentStatus(item),
    price_set: moneySet(item.originalUnitPriceSet),
    total_discount_set: moneySet(item.totalDiscountSet),
    discount_allocations: item.discountAllocations.map(discountAllocationBody),
    duties: [],
    admin_graphql_api_id: item.id,
    tax_lines: item.taxLines.map(taxLineBody),
  };
}

/** The line item as orders/* nest it: the same fields in the order's key order, plus staff, quantity and group. */
export function orderLineItemBody(item: GqlLineItem): RestValue {
  const base = lineItemBody(item);
  return {
    id: base.id ?? null,
    admin_graphql_api_id: item.id,
    // REST lists the staff members credited with the sale; GraphQL gives the one staff member of the line.
    attributed_staffs: item.staffMember ? [{ id: item.staffMember.id, quantity: float(item.quantity) }] : [],
    current_quantity: float(item.currentQuantity),
    fulfillable_quantity: base.fulfillable_quantity ?? null,
    fulfillment_service: 'manual',
    fulfillment_status: base.fulfillment_status ?? null,
    gift_card: item.isGiftCard,
    grams: base.grams ?? null,
    name: item.name,
    price: base.price ?? null,
    price_set: base.price_set ?? null,
    product_exists: item.product !== null,
    product_id: base.product_id ?? null,
    properties: base.properties ?? [],
    quantity: float(item.quantity),
    requires_shipping: item.requiresShipping,
    sales_line_item_group_id: optionalGidTail(item.lineItemGroup),
    sku: item.sku,
    taxable: item.taxable,
    title: item.title,
    total_discount: base.total_discount ?? null,
    total_discount_set: base.total_discount_set ?? null,
    variant_id: base.variant_id ?? null,
    variant_inventory_management: base.variant_inventory_management ?? null,
    variant_title: item.variantTitle,
    vendor: item.vendor,
    tax_lines: base.tax_lines ?? [],
    duties: [],
    discount_allocations: base.discount_allocations ?? [],
  };
}
