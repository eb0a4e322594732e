/**
 * The shapes of Admin GraphQL results the adapters read: what the sync's documents select (packages/shopify
 * src/documents), written out here because sync-core imports nothing internal. The generated types of those documents
 * are assignable to these, which keeps the two in step at compile time.
 */

export interface GqlMoney {
  amount: string;
  currencyCode: string;
}

export interface GqlMoneyBag {
  shopMoney: GqlMoney;
  presentmentMoney: GqlMoney;
}

export interface GqlMailingAddress {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  country?: string | null;
  countryCodeV2?: string | null;
  phone?: string | null;
}

export interface GqlCompanyAddress {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  zip?: string | null;
  countryCode: string;
  zoneCode?: string | null;
  phone?: string | null;
  companyName: string;
  recipient?: string | null;
}

export interface GqlCustomer {
  id: string;
  legacyResourceId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  state: string;
  tags: string[];
  note?: string | null;
  taxExempt: boolean;
  createdAt: string;
  updatedAt: string;
  numberOfOrders: string;
  amountSpent: GqlMoney;
  /** Null for a customer without orders. */
  lastOrder?: { createdAt: string } | null;
  defaultAddress?: GqlMailingAddress | null;
  addresses: GqlMailingAddress[];
  companyContactProfiles: { company: { id: string } }[];
}

export interface GqlCompany {
  id: string;
  name: string;
  externalId?: string | null;
  note?: string | null;
  createdAt: string;
  updatedAt: string;
  locations: {
    nodes: {
      id: string;
      name: string;
      externalId?: string | null;
      billingAddress?: GqlCompanyAddress | null;
      shippingAddress?: GqlCompanyAddress | null;
    }[];
  };
  contacts: { nodes: { id: string; isMainContact: boolean; customer: { id: string } }[] };
}

export interface GqlTaxLine {
  title: string;
  rate?: number | null;
  priceSet: GqlMoneyBag;
}

export interface GqlLineItem {
  id: string;
  sku?: string | null;
  title: string;
  variantTitle?: string | null;
  quantity: number;
  currentQuantity: number;
  taxable: boolean;
  variant?: { id: string } | null;
  originalUnitPriceSet: GqlMoneyBag;
  discountAllocations: { allocatedAmountSet: GqlMoneyBag }[];
  taxLines: GqlTaxLine[];
}

export interface GqlDiscountApplication {
  __typename: string;
  allocationMethod: string;
  targetSelection: string;
  targetType: string;
  code?: string;
  title?: string;
  value:
    | { __typename: 'MoneyV2'; amount: string; currencyCode: string }
    | { __typename: 'PricingPercentageValue'; percentage: number };
}

export interface GqlOrder {
  id: string;
  legacyResourceId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt?: string | null;
  cancelReason?: string | null;
  closedAt?: string | null;
  test: boolean;
  tags: string[];
  poNumber?: string | null;
  sourceName?: string | null;
  displayFinancialStatus?: string | null;
  displayFulfillmentStatus: string;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  customer?: { id: string } | null;
  purchasingEntity?: { company?: { id: string }; location?: { id: string } } | null;
  billingAddress?: GqlMailingAddress | null;
  shippingAddress?: GqlMailingAddress | null;
  totalPriceSet: GqlMoneyBag;
  subtotalPriceSet?: GqlMoneyBag | null;
  totalTaxSet?: GqlMoneyBag | null;
  totalDiscountsSet?: GqlMoneyBag | null;
  totalShippingPriceSet: GqlMoneyBag;
  totalRefundedSet: GqlMoneyBag;
  currentTotalPriceSet: GqlMoneyBag;
  currentSubtotalPriceSet: GqlMoneyBag;
  currentTotalTaxSet: GqlMoneyBag;
  currentTotalDiscountsSet: GqlMoneyBag;
  shippingLines: {
    nodes: {
      id?: string | null;
      title: string;
      code?: string | null;
      originalPriceSet: GqlMoneyBag;
      discountedPriceSet: GqlMoneyBag;
      /** After order edits; what the order charges now. */
      currentDiscountedPriceSet?: GqlMoneyBag | null;
      taxLines: GqlTaxLine[];
    }[];
  };
  taxLines: GqlTaxLine[];
  discountApplications: { nodes: GqlDiscountApplication[] };
  lineItems: { nodes: GqlLineItem[] };
}
