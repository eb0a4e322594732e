import type { ShopifyAddress } from '../models/address';
import type { ShopifyCompany } from '../models/company';
import type { ShopifyCustomer } from '../models/customer';
import type { Money, MoneyBag } from '../models/money';
import type { ShopifyDiscountApplication, ShopifyOrder, ShopifyTaxLine } from '../models/order';
import type {
  GqlCompanyAddress,
  GqlCompany,
  GqlCustomer,
  GqlDiscountApplication,
  GqlMailingAddress,
  GqlMoney,
  GqlMoneyBag,
  GqlOrder,
  GqlTaxLine,
} from './graphql-shapes';

const money = (value: GqlMoney): Money => ({ amount: value.amount, currency: value.currencyCode });

const bag = (value: GqlMoneyBag): MoneyBag => ({
  shop: money(value.shopMoney),
  presentment: money(value.presentmentMoney),
});

const optionalBag = (value: GqlMoneyBag | null | undefined): MoneyBag | null => (value ? bag(value) : null);

function address(value: GqlMailingAddress | null | undefined): ShopifyAddress | null {
  if (!value) return null;
  return {
    firstName: value.firstName ?? null,
    lastName: value.lastName ?? null,
    company: value.company ?? null,
    address1: value.address1 ?? null,
    address2: value.address2 ?? null,
    city: value.city ?? null,
    province: value.province ?? null,
    provinceCode: value.provinceCode ?? null,
    zip: value.zip ?? null,
    country: value.country ?? null,
    countryCode: value.countryCodeV2 ?? null,
    phone: value.phone ?? null,
  };
}

function companyAddress(value: GqlCompanyAddress | null | undefined): ShopifyAddress | null {
  if (!value) return null;
  return {
    firstName: null,
    lastName: value.recipient ?? null,
    company: value.companyName,
    address1: value.address1 ?? null,
    address2: value.address2 ?? null,
    city: value.city ?? null,
    province: value.province ?? null,
    provinceCode: value.zoneCode ?? null,
    zip: value.zip ?? null,
    country: null,
    countryCode: value.countryCode,
    phone: value.phone ?? null,
  };
}

/** GraphQL's rate is a Float; written back as the shortest decimal that reads as the same number ("0.13"). */
const taxLine = (value: GqlTaxLine): ShopifyTaxLine => ({
  title: value.title,
  rate: value.rate === null || value.rate === undefined ? null : String(value.rate),
  price: bag(value.priceSet),
});

const DISCOUNT_KINDS: Record<string, ShopifyDiscountApplication['kind']> = {
  DiscountCodeApplication: 'code',
  AutomaticDiscountApplication: 'automatic',
  ManualDiscountApplication: 'manual',
  ScriptDiscountApplication: 'script',
};

function discount(value: GqlDiscountApplication): ShopifyDiscountApplication {
  return {
    kind: DISCOUNT_KINDS[value.__typename] ?? 'manual',
    label: value.code ?? value.title ?? null,
    allocationMethod: value.allocationMethod,
    targetSelection: value.targetSelection,
    targetType: value.targetType,
    value:
      value.value.__typename === 'MoneyV2'
        ? { kind: 'amount', amount: value.value.amount, currency: value.value.currencyCode }
        : { kind: 'percentage', percentage: String(value.value.percentage) },
  };
}

/** A customer from the Admin GraphQL API (the `CustomerFields` selection). */
export function customerFromGraphql(node: GqlCustomer): ShopifyCustomer {
  return {
    gid: node.id,
    legacyId: node.legacyResourceId,
    firstName: node.firstName ?? null,
    lastName: node.lastName ?? null,
    email: node.email ?? null,
    phone: node.phone ?? null,
    state: node.state,
    tags: [...node.tags],
    note: node.note ?? null,
    taxExempt: node.taxExempt,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    numberOfOrders: node.numberOfOrders,
    amountSpent: money(node.amountSpent),
    // GraphQL's DateTime is already UTC ("2024-05-01T10:00:00Z"), like createdAt and updatedAt above.
    lastOrderAt: node.lastOrder?.createdAt ?? null,
    defaultAddress: address(node.defaultAddress),
    addresses: node.addresses.map((value) => address(value)).filter((value) => value !== null),
    companyGids: node.companyContactProfiles.map((profile) => profile.company.id),
  };
}

/** A company from the Admin GraphQL API (the `CompanyFields` selection). */
export function companyFromGraphql(node: GqlCompany): ShopifyCompany {
  return {
    gid: node.id,
    name: node.name,
    externalId: node.externalId ?? null,
    note: node.note ?? null,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    locations: node.locations.nodes.map((location) => ({
      gid: location.id,
      name: location.name,
      externalId: location.externalId ?? null,
      billingAddress: companyAddress(location.billingAddress),
      shippingAddress: companyAddress(location.shippingAddress),
    })),
    contacts: node.contacts.nodes.map((contact) => ({
      gid: contact.id,
      customerGid: contact.customer.id,
      isMain: contact.isMainContact,
    })),
  };
}

/** An order from the Admin GraphQL API (the `OrderFields` selection with all its line items). */
export function orderFromGraphql(node: GqlOrder): ShopifyOrder {
  return {
    gid: node.id,
    legacyId: node.legacyResourceId,
    name: node.name,
    email: node.email ?? null,
    phone: node.phone ?? null,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    processedAt: node.processedAt,
    cancelledAt: node.cancelledAt ?? null,
    cancelReason: node.cancelReason ?? null,
    closedAt: node.closedAt ?? null,
    test: node.test,
    tags: [...node.tags],
    poNumber: node.poNumber ?? null,
    sourceName: node.sourceName ?? null,
    financialStatus: node.displayFinancialStatus ?? null,
    fulfillmentStatus: node.displayFulfillmentStatus,
    currency: node.currencyCode,
    presentmentCurrency: node.presentmentCurrencyCode,
    taxesIncluded: node.taxesIncluded,
    customerGid: node.customer?.id ?? null,
    companyGid: node.purchasingEntity?.company?.id ?? null,
    companyLocationGid: node.purchasingEntity?.location?.id ?? null,
    billingAddress: address(node.billingAddress),
    shippingAddress: address(node.shippingAddress),
    totals: {
      total: bag(node.totalPriceSet),
      subtotal: optionalBag(node.subtotalPriceSet),
      tax: optionalBag(node.totalTaxSet),
      discounts: optionalBag(node.totalDiscountsSet),
      shipping: bag(node.totalShippingPriceSet),
      refunded: bag(node.totalRefundedSet),
      currentTotal: bag(node.currentTotalPriceSet),
      currentSubtotal: bag(node.currentSubtotalPriceSet),
      currentTax: bag(node.currentTotalTaxSet),
      currentDiscounts: bag(node.currentTotalDiscountsSet),
    },
    lineItems: node.lineItems.nodes.map((line) => ({
      gid: line.id,
      sku: line.sku ?? null,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      variantGid: line.variant?.id ?? null,
      quantity: line.quantity,
      currentQuantity: line.currentQuantity,
      taxable: line.taxable,
      originalUnitPrice: bag(line.originalUnitPriceSet),
      discountAllocations: line.discountAllocations.map((allocation) => bag(allocation.allocatedAmountSet)),
      taxLines: line.taxLines.map(taxLine),
    })),
    shippingLines: node.shippingLines.nodes.map((line) => ({
      gid: line.id ?? null,
      title: line.title,
      code: line.code ?? null,
      originalPrice: bag(line.originalPriceSet),
      discountedPrice: bag(line.discountedPriceSet),
      ...(line.currentDiscountedPriceSet ? { currentDiscountedPrice: bag(line.currentDiscountedPriceSet) } : {}),
      taxLines: line.taxLines.map(taxLine),
    })),
    taxLines: node.taxLines.map(taxLine),
    discountApplications: node.discountApplications.nodes.map(discount),
  };
}
