import type { ShopChange, ShopHandle, ShopTopic } from '../shopify/shop-handle';
import { BULK_OPERATION_QUERY, bulkOperationBody, type BulkOperationQueryResult } from './bulk-operation-body';
import { COMPANY_QUERY, companyBody, type CompanyQueryResult } from './company-body';
import { CUSTOMER_QUERY, customerBody, deletedCustomerBody, type CustomerQueryResult } from './customer-body';
import { FULFILLMENT_QUERY, fulfillmentCreateBody, type FulfillmentQueryResult } from './fulfillment-body';
import { ORDER_QUERY, orderRestBody, type OrderQueryResult } from './order-body';
import { ORDER_EDITED_QUERY, orderEditedBody, type OrderEditedQueryResult } from './order-edited-body';
import { REFUND_QUERY, refundCreateBody, type RefundQueryResult } from './refund-body';
import { toJsonText, type RestValue } from './rest-json';

/**
 * Which document and which builder make the REST body of each topic. The result of `execute` is `unknown` data; the
 * documents are validated against the real Admin schema in tests, so the cast to each result type is what the
 * document selects.
 */
interface BodyRecipe {
  document: string | null;
  build(data: unknown, change: ShopChange): RestValue;
}

const order: BodyRecipe = { document: ORDER_QUERY, build: (data) => orderRestBody(data as OrderQueryResult) };
const customer: BodyRecipe = {
  document: CUSTOMER_QUERY,
  build: (data) => {
    const node = (data as CustomerQueryResult).node;
    if (!node) throw new Error('customer not found');
    return customerBody(node, true);
  },
};

/** The recipe per topic the simulator sends. */
export const BODY_RECIPES: Record<ShopTopic, BodyRecipe> = {
  'orders/create': order,
  'orders/updated': order,
  'orders/cancelled': order,
  'orders/fulfilled': order,
  'orders/partially_fulfilled': order,
  'orders/paid': order,
  'orders/edited': {
    document: ORDER_EDITED_QUERY,
    build: (data) => orderEditedBody(data as OrderEditedQueryResult),
  },
  'refunds/create': { document: REFUND_QUERY, build: (data) => refundCreateBody(data as RefundQueryResult) },
  'fulfillments/create': {
    document: FULFILLMENT_QUERY,
    build: (data) => fulfillmentCreateBody(data as FulfillmentQueryResult),
  },
  'customers/create': customer,
  'customers/update': customer,
  // The customer is gone from the shop: the body is built from its gid alone.
  'customers/delete': { document: null, build: (_data, change) => deletedCustomerBody(change.gid) },
  'companies/create': { document: COMPANY_QUERY, build: (data) => companyBody(data as CompanyQueryResult) },
  'bulk_operations/finish': {
    document: BULK_OPERATION_QUERY,
    build: (data) => bulkOperationBody(data as BulkOperationQueryResult),
  },
};

/** Raised when the shop cannot give what a body needs; carries the GraphQL errors for the report. */
export class BodyBuildError extends Error {
  readonly code = 'WEBHOOK_BODY_UNAVAILABLE';
}

/** Reads the object of a change from the shop and returns the REST body as JSON text (ids exact). */
export async function buildRestBody(shop: ShopHandle, change: ShopChange): Promise<string> {
  const recipe = BODY_RECIPES[change.topic];
  let data: unknown = null;
  if (recipe.document) {
    const result = await shop.execute(recipe.document, { id: change.gid });
    if (result.errors?.length) {
      const messages = result.errors.map((e) => e.message).join('; ');
      throw new BodyBuildError(`${change.topic} ${change.gid}: ${messages}`);
    }
    data = result.data;
  }
  return toJsonText(recipe.build(data, change));
}
