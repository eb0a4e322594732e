/**
 * The simulated shop's stored state: plain records, one per Shopify object, in the terms of the Admin schema
 * (reference/shopify/graphql-schema/admin-2025-01.introspection.json). Amounts are `Bag`s in minor units; derived
 * values (totals, statuses, counts) are computed from these records by order-totals.ts, never stored twice.
 */
import type { Bag } from './money';

/** A postal address (MailingAddress in the schema). */
export interface AddressRecord {
  id: number;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
}

/** A marketing consent as Customer.emailMarketingConsent / smsMarketingConsent report it. */
export interface ConsentRecord {
  marketingState: string;
  marketingOptInLevel: string | null;
  consentUpdatedAt: Date | null;
}

/** A customer (Customer). */
export interface CustomerRecord {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  locale: string;
  tags: string[];
  state: 'DISABLED' | 'ENABLED' | 'INVITED' | 'DECLINED';
  taxExempt: boolean;
  taxExemptions: string[];
  verifiedEmail: boolean;
  addresses: AddressRecord[];
  defaultAddressId: number | null;
  emailMarketing: ConsentRecord | null;
  smsMarketing: ConsentRecord | null;
}

/** A B2B company address (CompanyAddress: countryCode and zoneCode rather than province names). */
export interface CompanyAddressRecord {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  address1: string;
  address2: string | null;
  city: string | null;
  zip: string | null;
  recipient: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  zoneCode: string | null;
  countryCode: string;
}

/** A B2B company (Company). */
export interface CompanyRecord {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  name: string;
  note: string | null;
  externalId: string | null;
  customerSince: Date;
  mainContactId: number | null;
}

/** A location of a company, with its addresses and tax settings (CompanyLocation). */
export interface CompanyLocationRecord {
  id: number;
  companyId: number;
  createdAt: Date;
  updatedAt: Date;
  name: string;
  phone: string | null;
  locale: string | null;
  externalId: string | null;
  note: string | null;
  currency: string;
  taxRegistrationId: string | null;
  taxExempt: boolean;
  taxExemptions: string[];
  billingAddress: CompanyAddressRecord | null;
  shippingAddress: CompanyAddressRecord | null;
}

/** A customer acting for a company (CompanyContact). */
export interface CompanyContactRecord {
  id: number;
  companyId: number;
  customerId: number;
  createdAt: Date;
  updatedAt: Date;
  title: string | null;
  locale: string | null;
}

/** A tax charged on a line or shipping line (TaxLine). */
export interface TaxLineRecord {
  title: string;
  /** Rate in parts per million (0.21 -> 210000). */
  ratePpm: number;
  price: Bag;
  channelLiable: boolean;
}

/** A discount on the order (DiscountApplication and its three concrete types). */
export interface DiscountApplicationRecord {
  index: number;
  kind: 'DiscountCodeApplication' | 'AutomaticDiscountApplication' | 'ManualDiscountApplication';
  code: string | null;
  title: string;
  description: string | null;
  allocationMethod: 'ACROSS' | 'EACH' | 'ONE';
  targetSelection: 'ALL' | 'ENTITLED' | 'EXPLICIT';
  targetType: 'LINE_ITEM' | 'SHIPPING_LINE';
  value: { kind: 'percentage'; percentage: number } | { kind: 'money'; amount: Bag };
}

/** The share of a discount application taken off one line (DiscountAllocation). */
export interface DiscountAllocationRecord {
  applicationIndex: number;
  amount: Bag;
}

/** An order line (LineItem); unit price in both currencies. */
export interface LineItemRecord {
  id: number;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  unitPrice: Bag;
  taxable: boolean;
  requiresShipping: boolean;
  giftCard: boolean;
  productId: number | null;
  variantId: number | null;
  taxLines: TaxLineRecord[];
  discountAllocations: DiscountAllocationRecord[];
  customAttributes: { key: string; value: string | null }[];
}

/** A shipping charge of an order (ShippingLine). */
export interface ShippingLineRecord {
  id: number;
  title: string;
  code: string | null;
  source: string | null;
  price: Bag;
  taxLines: TaxLineRecord[];
  discountAllocations: DiscountAllocationRecord[];
}

/** A payment event on an order (OrderTransaction). */
export interface TransactionRecord {
  id: number;
  kind: 'SALE' | 'CAPTURE' | 'AUTHORIZATION' | 'VOID' | 'REFUND' | 'CHANGE' | 'EMV_AUTHORIZATION' | 'SUGGESTED_REFUND';
  status: 'SUCCESS' | 'FAILURE' | 'PENDING' | 'ERROR' | 'AWAITING_RESPONSE' | 'UNKNOWN';
  gateway: string;
  amount: Bag;
  createdAt: Date;
  processedAt: Date;
  parentId: number | null;
  authorizationCode: string | null;
  test: boolean;
  paymentId: string;
}

/** A refunded quantity of one line (RefundLineItem). */
export interface RefundLineRecord {
  id: number;
  lineItemId: number;
  quantity: number;
  restockType: 'RETURN' | 'CANCEL' | 'LEGACY_RESTOCK' | 'NO_RESTOCK';
  /** Unit price after all discounts, as the line's price was charged. */
  price: Bag;
  subtotal: Bag;
  totalTax: Bag;
}

/** A refund: lines, refund transactions and refunded shipping (Refund). */
export interface RefundRecord {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  note: string | null;
  lines: RefundLineRecord[];
  transactionIds: number[];
  shipping: Bag;
  returnId: number | null;
}

/** A shipment of some line quantities with its tracking (Fulfillment). */
export interface FulfillmentRecord {
  id: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  status: 'SUCCESS' | 'CANCELLED';
  deliveredAt: Date | null;
  tracking: { company: string | null; number: string | null; url: string | null }[];
  lines: { id: number; lineItemId: number; quantity: number }[];
}

/** What remains to be fulfilled of an order, per line (FulfillmentOrder). */
export interface FulfillmentOrderRecord {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  lines: { id: number; lineItemId: number; totalQuantity: number; remainingQuantity: number }[];
}

/** A return of fulfilled quantities (Return). */
export interface ReturnRecord {
  id: number;
  name: string;
  createdAt: Date;
  status: 'OPEN' | 'CLOSED' | 'CANCELED' | 'REQUESTED' | 'DECLINED';
  lines: {
    id: number;
    fulfillmentLineItemId: number;
    quantity: number;
    returnReason: string;
    returnReasonNote: string;
  }[];
}

/** An order and everything that hangs off it (Order). */
export interface OrderRecord {
  id: number;
  number: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  tags: string[];
  test: boolean;
  sourceName: string;
  sourceIdentifier: string | null;
  customAttributes: { key: string; value: string | null }[];
  buyerAcceptsMarketing: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string;
  /** Shop minor units per presentment minor unit, in parts per million. */
  exchangeRatePpm: number;
  taxesIncluded: boolean;
  customerId: number | null;
  companyLocationId: number | null;
  companyContactId: number | null;
  billingAddress: AddressRecord | null;
  shippingAddress: AddressRecord | null;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  discountApplications: DiscountApplicationRecord[];
  transactions: TransactionRecord[];
  refunds: RefundRecord[];
  fulfillments: FulfillmentRecord[];
  fulfillmentOrders: FulfillmentOrderRecord[];
  returns: ReturnRecord[];
  /** orderCreate's `financialStatus` when no transaction backs it (it persists but captures nothing: SHOPIFY.md). */
  declaredFinancialStatus: string | null;
}

/** A webhook subscription the dispatcher delivers to (WebhookSubscription). */
export interface WebhookSubscriptionRecord {
  id: number;
  topic: string;
  callbackUrl: string;
  format: 'JSON' | 'XML';
  includeFields: string[];
  metafieldNamespaces: string[];
  filter: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A bulk query operation and its result file (BulkOperation). */
export interface BulkOperationRecord {
  id: number;
  query: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'EXPIRED';
  errorCode: string | null;
  createdAt: Date;
  completedAt: Date | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
}
