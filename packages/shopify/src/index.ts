/**
 * The Shopify Admin API client (DESIGN.md): typed `#graphql` documents, the cost-aware limiter, pagination, bulk
 * operations and webhook HMAC verification.
 */
export { verifyShopifyWebhook, signShopifyWebhook } from './verify-webhook';
export { CostBucket, MAX_SINGLE_QUERY_COST, backoffMs, maxPageSize, type ThrottleStatus } from './cost-bucket';
export { ShopifyClient, SHOPIFY_API_VERSION, systemClock, type Clock, type ShopifyClientEvent } from './client';
export { ShopifyApiError, type ErrorClass, type ShopifyErrorCode } from './errors';
export { clientCredentialsToken, staticToken, type TokenProvider } from './token-provider';
export { pages, updatedBetween, type Connection, type PageOptions } from './paginate';
export { jsonLines, reassemble, type BulkLine, type BulkRecord } from './bulk';
export { startBulkQuery, waitForBulkOperation, type BulkOperationNode } from './bulk-operations';
export { ensureWebhookSubscriptions, SYNC_TOPICS, type SubscriptionReport } from './webhook-subscriptions';
export { ORDERS_PAGE, ORDER_BY_ID } from './documents/orders';
export { CUSTOMERS_PAGE, CUSTOMER_BY_ID } from './documents/customers';
export { COMPANIES_PAGE, COMPANY_BY_ID } from './documents/companies';
export {
  readCompanies,
  readCompany,
  readCustomer,
  readCustomers,
  readOrder,
  readOrders,
  readOrdersWithEvents,
  readOrderWithEvents,
  type OrderWithEvents,
  type ReadScope,
} from './readers';
export type * from './generated/admin.generated';
export { rebasedFetch } from './rebased-fetch';
export {
  BULK_OPERATION_ROOT_COUNT,
  BULK_QUERIES,
  bulkRecordLine,
  type BulkEntity,
  type BulkRecordLine,
} from './documents/bulk-queries';
export { readUpdatedRecords, type PolledRecord, type PollEntity, type PollWindow } from './poll-reader';
export { clientForStore, type StoreConnection } from './store-connection';
export {
  addressFromCrmColumns,
  pushCustomerChanges,
  type CustomerAddressChange,
  type CustomerChanges,
  type CustomerPushResult,
  type PushUserError,
} from './customer-push';
export { createCustomerFromCrm, findCustomerByEmail, type NewCustomer } from './customer-create';
