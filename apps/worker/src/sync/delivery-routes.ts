import { type JobEnvelope, type SyncJob, syncJob } from '@shopverse/db';
import { companyRefFromRest } from '@shopverse/sync-core';
import { PRIVACY_TOPICS, type PrivacyTopic } from './privacy';

/**
 * A sync job a delivery turns into: one key per entity, so a burst of deliveries for one record becomes one sync
 * (graphile-worker `replace`).
 */
export type RoutedJob = SyncJob;

/** Why a delivery leads to nothing, for the log. */
export class UnroutableDelivery extends Error {
  override readonly name = 'UnroutableDelivery';
}

function gidOf(body: Record<string, unknown>, field: string, type: string): string {
  const value = body[field];
  if (typeof value === 'string' && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value)) return value;
  throw new UnroutableDelivery(`the body has no ${type} gid in ${field}`);
}

/**
 * A numeric id of another record as the raw text wrote it (`"order_id": 5000000000123`): JSON.parse would round ids
 * past 2^53, so the digits are taken from the text, and checked against the parsed value so a nested field of the
 * same name is never taken for the top-level one.
 */
function rawId(rawBody: string, body: Record<string, unknown>, field: string): string {
  const parsed = body[field];
  for (const match of rawBody.matchAll(new RegExp(`"${field}"\\s*:\\s*(\\d+)`, 'g'))) {
    const digits = match[1] ?? '';
    if (typeof parsed === 'number' && Number(digits) === parsed) return digits;
  }
  throw new UnroutableDelivery(`the body has no numeric ${field}`);
}

/** The numeric ids of an array field as the raw text wrote them (`"orders_to_redact": [5000000000123]`). */
function rawIds(rawBody: string, body: Record<string, unknown>, field: string): string[] {
  const parsed = body[field];
  if (parsed === undefined || parsed === null) return [];
  const match = new RegExp(`"${field}"\\s*:\\s*\\[([\\d,\\s]*)\\]`).exec(rawBody);
  const digits = (match?.[1] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (!Array.isArray(parsed) || digits.length !== parsed.length || digits.some((id, i) => Number(id) !== parsed[i])) {
    throw new UnroutableDelivery(`the body's ${field} is not a list of numeric ids`);
  }
  return digits;
}

function objectField(body: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * A compliance webhook (Shopify's mandatory `customers/redact`, `customers/data_request`, `shop/redact`) as the job of
 * its own task. Its body is documented as `shop_id`, `shop_domain`, `customer {id, email, phone}`, `orders_to_redact`
 * or `orders_requested`, and `data_request {id}`; numeric ids are read as written (they can exceed 2^53).
 */
function privacyJob(
  storeId: string,
  topic: PrivacyTopic,
  rawBody: string,
  body: Record<string, unknown>,
  envelope: JobEnvelope,
): RoutedJob {
  const shopGid = `gid://shopify/Shop/${rawId(rawBody, body, 'shop_id')}`;
  const customer = objectField(body, 'customer');
  const customerGid =
    customer && customer.id !== undefined && customer.id !== null
      ? `gid://shopify/Customer/${rawId(rawBody, customer, 'id')}`
      : null;
  if (topic !== 'shop/redact' && !customerGid) throw new UnroutableDelivery(`the ${topic} body names no customer.id`);
  const dataRequest = objectField(body, 'data_request');
  const dataRequestId = dataRequest ? rawId(rawBody, dataRequest, 'id') : null;
  if (topic === 'customers/data_request' && !dataRequestId) {
    throw new UnroutableDelivery('the customers/data_request body has no data_request.id');
  }
  const orderField = topic === 'customers/data_request' ? 'orders_requested' : 'orders_to_redact';
  const orderGids = rawIds(rawBody, body, orderField).map((id) => `gid://shopify/Order/${id}`);
  return {
    task: 'shopify_privacy__process',
    payload: {
      storeId,
      topic,
      shopGid,
      customerGid,
      email: typeof customer?.email === 'string' ? customer.email : null,
      orderGids,
      dataRequestId,
      ...envelope,
    },
    // One job per request: a repeat of the same request folds into it, a second data request does not.
    jobKey: `privacy:${storeId}:${topic}:${customerGid ?? shopGid}${dataRequestId ? `:${dataRequestId}` : ''}`,
  };
}

/**
 * Which sync a webhook calls for (DESIGN.md: webhooks are hints; the sync reads the current state): the record the
 * topic is about, or for refunds, fulfilments and transactions, their order. The body rides along where the entity
 * sync can use it (customers, orders), so an up-to-date delivery saves a read. Every job carries the `envelope`: the
 * delivery's correlation id and receipt time, so the sync and its retries log under the chain the delivery started.
 */
export function routeDelivery(storeId: string, topic: string, rawBody: string, envelope: JobEnvelope): RoutedJob[] {
  const parsed: unknown = JSON.parse(rawBody);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UnroutableDelivery('the body is not a JSON object');
  }
  const body = parsed as Record<string, unknown>;
  const customer = (customerGid: string, withBody: boolean) =>
    syncJob('customer', storeId, customerGid, envelope, withBody ? body : undefined);
  const company = (companyGid: string) => syncJob('company', storeId, companyGid, envelope);
  const order = (orderGid: string, withBody: boolean) =>
    syncJob('order', storeId, orderGid, envelope, withBody ? body : undefined);
  if ((PRIVACY_TOPICS as readonly string[]).includes(topic)) {
    return [privacyJob(storeId, topic as PrivacyTopic, rawBody, body, envelope)];
  }
  const [resource] = topic.split('/');
  switch (resource) {
    case 'customers':
      if (topic === 'customers/merge') {
        const keptGid = gidOf(body, 'admin_graphql_api_customer_kept_id', 'Customer');
        const deletedGid = gidOf(body, 'admin_graphql_api_customer_deleted_id', 'Customer');
        if (body.status !== 'completed')
          throw new UnroutableDelivery(`the merge is ${String(body.status)}, not completed`);
        return [
          {
            task: 'shopify_customer__merge',
            payload: { storeId, keptGid, deletedGid, ...envelope },
            jobKey: `customer-merge:${storeId}:${deletedGid}`,
          },
        ];
      }
      return [customer(gidOf(body, 'admin_graphql_api_id', 'Customer'), topic !== 'customers/delete')];
    case 'companies':
      return [company(gidOf(body, 'admin_graphql_api_id', 'Company'))];
    case 'company_locations':
    case 'company_contacts': {
      const ref = companyRefFromRest(resource, body);
      return [company(ref.companyGid), ...(ref.customerGid ? [customer(ref.customerGid, false)] : [])];
    }
    case 'orders': {
      if (topic === 'orders/edited') {
        const edit = body.order_edit;
        if (typeof edit !== 'object' || edit === null) throw new UnroutableDelivery('the body has no order_edit');
        return [order(`gid://shopify/Order/${rawId(rawBody, edit as Record<string, unknown>, 'order_id')}`, false)];
      }
      // An orders/delete body carries the numeric id alone.
      if (topic === 'orders/delete') return [order(`gid://shopify/Order/${rawId(rawBody, body, 'id')}`, false)];
      return [order(gidOf(body, 'admin_graphql_api_id', 'Order'), true)];
    }
    case 'refunds':
    case 'fulfillments':
    case 'order_transactions':
      return [order(`gid://shopify/Order/${rawId(rawBody, body, 'order_id')}`, false)];
    default:
      throw new UnroutableDelivery(`the topic ${topic} is not one the sync subscribes to`);
  }
}
