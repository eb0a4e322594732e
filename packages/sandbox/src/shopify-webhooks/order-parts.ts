import {
  DISCOUNT_ALLOCATION_FIELDS,
  TAX_LINE_FIELDS,
  discountAllocationBody,
  taxLineBody,
  type GqlDiscountAllocation,
  type GqlLineItem,
  type GqlTaxLine,
} from './line-item-body';
import { MONEY_BAG_FIELDS, decimal, gidTail, moneySet, shopAmount, sumAmounts } from './rest-json';
import type { MoneyBag, RestValue } from './rest-json';

/**
 * Discounts and shipping lines of an order in REST shape. The docs sample orders_create.json lists them empty, so the
 * element keys follow the inferred schema orders_create.json beside it (reference/shopify/webhooks/).
 */

/** DiscountApplication selection (an interface: each kind adds its own name field). */
export const DISCOUNT_APPLICATIONS_FIELDS = `
  __typename index allocationMethod targetSelection targetType
  value { __typename ... on MoneyV2 { amount currencyCode } ... on PricingPercentageValue { percentage } }
  ... on DiscountCodeApplication { code }
  ... on AutomaticDiscountApplication { title }
  ... on ManualDiscountApplication { title description }
  ... on ScriptDiscountApplication { title }
`;

/** ShippingLine selection. */
export const SHIPPING_LINE_FIELDS = `
  id title code source phone carrierIdentifier isRemoved
  originalPriceSet { ${MONEY_BAG_FIELDS} }
  discountedPriceSet { ${MONEY_BAG_FIELDS} }
  currentDiscountedPriceSet { ${MONEY_BAG_FIELDS} }
  taxLines { ${TAX_LINE_FIELDS} }
  discountAllocations { ${DISCOUNT_ALLOCATION_FIELDS} }
`;

/** GraphQL `DiscountApplication` as selected. */
export interface GqlDiscountApplication {
  __typename: string;
  index: number;
  allocationMethod: string;
  targetSelection: string;
  targetType: string;
  value: { __typename: 'MoneyV2'; amount: string; currencyCode: string } | { __typename: string; percentage?: number };
  code?: string;
  title?: string;
  description?: string | null;
}

/** GraphQL `ShippingLine` as selected. */
export interface GqlShippingLine {
  id: string | null;
  title: string;
  code: string | null;
  source: string | null;
  phone: string | null;
  carrierIdentifier: string | null;
  isRemoved: boolean;
  originalPriceSet: MoneyBag;
  discountedPriceSet: MoneyBag;
  currentDiscountedPriceSet: MoneyBag;
  taxLines: GqlTaxLine[];
  discountAllocations: GqlDiscountAllocation[];
}

/** REST's `type` of a discount application, from its GraphQL type name. */
const APPLICATION_TYPE: Record<string, string> = {
  DiscountCodeApplication: 'discount_code',
  AutomaticDiscountApplication: 'automatic',
  ManualDiscountApplication: 'manual',
  ScriptDiscountApplication: 'script',
};

function valueOf(application: GqlDiscountApplication): { value: string; valueType: string } {
  const value = application.value;
  if ('amount' in value) return { value: decimal(value.amount), valueType: 'fixed_amount' };
  // REST writes a percentage as a decimal with at least one fraction digit ("10.0").
  const percentage = String(value.percentage ?? 0);
  return { value: percentage.includes('.') ? percentage : `${percentage}.0`, valueType: 'percentage' };
}

/** REST `discount_applications[]` element. */
export function discountApplicationBody(application: GqlDiscountApplication): RestValue {
  const { value, valueType } = valueOf(application);
  const body: { [key: string]: RestValue } = {
    target_type: application.targetType.toLowerCase(),
    type: APPLICATION_TYPE[application.__typename] ?? 'manual',
    value,
    value_type: valueType,
    allocation_method: application.allocationMethod.toLowerCase(),
    target_selection: application.targetSelection.toLowerCase(),
  };
  if (application.code !== undefined) body.code = application.code;
  else body.title = application.title ?? '';
  if (application.description !== undefined) body.description = application.description;
  return body;
}

/**
 * REST `discount_codes[]`: one entry per code, with the amount it took off (the sum of its allocations over line
 * items and shipping lines) and its kind ("shipping" when it targets shipping lines).
 */
export function discountCodesBody(order: {
  discountApplications: { nodes: GqlDiscountApplication[] };
  lineItems: { nodes: GqlLineItem[] };
  shippingLines: { nodes: GqlShippingLine[] };
}): RestValue {
  const allocations = [
    ...order.lineItems.nodes.flatMap((item) => item.discountAllocations),
    ...order.shippingLines.nodes.flatMap((line) => line.discountAllocations),
  ];
  return order.discountApplications.nodes.flatMap((application) => {
    if (application.code === undefined) return [];
    const amounts = allocations
      .filter((a) => a.discountApplication.index === application.index)
      .map((a) => a.allocatedAmountSet.shopMoney.amount);
    const type = application.targetType === 'SHIPPING_LINE' ? 'shipping' : valueOf(application).valueType;
    return [{ code: application.code, amount: sumAmounts(amounts), type }];
  });
}

/** REST `shipping_lines[]` element. */
export function shippingLineBody(line: GqlShippingLine): RestValue {
  return {
    id: line.id ? gidTail(line.id) : null,
    carrier_identifier: line.carrierIdentifier,
    code: line.code,
    current_discounted_price_set: moneySet(line.currentDiscountedPriceSet),
    discounted_price: shopAmount(line.discountedPriceSet),
    discounted_price_set: moneySet(line.discountedPriceSet),
    is_removed: line.isRemoved,
    phone: line.phone,
    price: shopAmount(line.originalPriceSet),
    price_set: moneySet(line.originalPriceSet),
    // Carrier-calculated shipping through a fulfilment service: a simulated shop has none.
    requested_fulfillment_service_id: null,
    source: line.source,
    title: line.title,
    tax_lines: line.taxLines.map(taxLineBody),
    discount_allocations: line.discountAllocations.map(discountAllocationBody),
  };
}
