/**
 * The pure core of the sync (DESIGN.md): canonical models, adapters, normalisation, matching, mapping and the write
 * plan. No I/O, no clock, no environment.
 */
export type { Money, MoneyBag } from './models/money';
export type { ShopifyAddress } from './models/address';
export type { ShopifyCustomer } from './models/customer';
export type { ShopifyCompany, ShopifyCompanyLocation } from './models/company';
export type {
  ShopifyDiscountApplication,
  ShopifyLineItem,
  ShopifyOrder,
  ShopifyOrderTotals,
  ShopifyShippingLine,
  ShopifyTaxLine,
} from './models/order';
export type * from './adapters/graphql-shapes';
export { companyFromGraphql, customerFromGraphql, orderFromGraphql } from './adapters/from-graphql';
export * from './normalize';
export {
  matchCustomer,
  type ContactCandidate,
  type CustomerKeys,
  type MatchInput,
  type MatchKey,
  type MatchOutcome,
} from './match/match-customer';
export {
  resolveConflicts,
  type StoreOwnership,
  type ConflictContext,
  type ConflictDecision,
  type ConflictPolicy,
  type FieldProposal,
} from './map/conflict-policy';
export { mapCustomerToContact, type ContactMapping, type ContactMappingOptions } from './map/map-contact';
export { companyFromRest, customerFromRest, RestBodyError } from './adapters/from-rest';
export {
  customerSettings,
  parseStoreSettings,
  SettingsError,
  storeSettings,
  type CustomerSettings,
  type StoreSettings,
} from './settings/store-settings';
export { addressColumns } from './map/map-address';
export { contentHash, stableJson } from './plan/content-hash';
export {
  planRowWrite,
  type CrmValue,
  type Destination,
  type KeptValue,
  type RowWriteInput,
  type RowWritePlan,
} from './plan/plan-row';
export { matchConfidence, resolveMatch, type PersonDecision, type Resolution } from './plan/merge';
export { guestCustomer, GUEST_GID_PREFIX } from './adapters/guest-checkout';
export {
  AccountMappingError,
  addressCompanyHash,
  mapAddressCompanyToAccount,
  mapCompanyToAccounts,
  parentAccountBind,
  type AccountMappingOptions,
  type AccountRow,
  type CompanyAccounts,
} from './map/map-account';
export { companyRefFromRest, type CompanyRef } from './adapters/company-refs';
export { decimalToJsonNumber } from './map/json-number';
export type { ShopifyFulfillment, ShopifyOrderEvents, ShopifyRefund, ShopifyRefundLine } from './models/order-events';
export {
  orderEventsFromGraphql,
  type GqlFulfillment,
  type GqlOrderEvents,
  type GqlRefund,
  type GqlRefundLine,
} from './adapters/order-events-from-graphql';
export {
  crmOrderState,
  describeCrmStatus,
  isEditable,
  planStateTransition,
  type CrmOrderClosing,
  type CrmOrderState,
  type CrmOrderStateOptions,
  type CrmOrderStatus,
  type CrmStateRead,
  type StateStep,
} from './lifecycle/order-lifecycle';
export {
  orderTimeline,
  uuidV5,
  type OrderTimelineOptions,
  type TimelineEntry,
  type TimelineKind,
} from './lifecycle/order-timeline';
export {
  CORRECTION_DESCRIPTION,
  mapOrderToSalesOrder,
  orderName,
  OrderTotalsError,
  SHIPPING_TAX_DESCRIPTION,
  type OrderCorrection,
  type OrderLineWrite,
  type OrderMappingOptions,
  type OrderRow,
  type OrderWritePlan,
} from './map/map-order';
export {
  currencyPrecision,
  dynamicsTotals,
  pricedOrderFromRows,
  type DynamicsTotals,
  type PricedLineInput,
  type PricedOrderInput,
} from './map/order-totals';
export { orderFromRest } from './adapters/order-from-rest';
export { orderEventsFromRest } from './adapters/order-events-from-rest';
export {
  orderSettings,
  type OrderSettings,
  pipelineSettings,
  type PipelineSettings,
  syncedEntities,
  guid,
  localeTag,
  ownershipSettings,
  type OwnershipSettings,
  privacySettings,
  type PrivacySettings,
  twoWayField,
  type TwoWayField,
  twoWayPolicy,
  type TwoWayPolicy,
  twoWaySettings,
  type TwoWaySettings,
} from './settings/store-settings';
export {
  mapOrderToCustomTables,
  type CustomOrderOptions,
  type CustomOrderPlan,
  type CustomRow,
} from './map/map-order-custom';
export { isPersonalField, REDACTED, redactPersonalData } from './plan/redact';
export {
  diffAfter,
  diffRow,
  lookupProperties,
  lookupProperty,
  sameCrmValue,
  type ColumnChange,
  type RowDiff,
  type WrittenValue,
} from './plan/row-diff';
export {
  COMPANY_SOURCES,
  CUSTOMER_SOURCES,
  FIELD_MAP_ENTITIES,
  FIELD_SOURCES,
  fieldMapColumns,
  fieldMapProblems,
  ORDER_SOURCES,
  SYNC_WRITTEN_COLUMNS,
  type FieldMapEntity,
  type FieldMapEntry,
  type FieldMapProblem,
  type FieldSource,
  type FieldSourceType,
} from './map/field-map';
export { fieldMapEntry, fieldMapSettings, type FieldMapSettings } from './settings/store-settings';
