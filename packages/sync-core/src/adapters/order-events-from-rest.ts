/**
 * An order's refunds and fulfillments from an `orders/*` webhook body (the REST shape), to the same canonical
 * ShopifyOrderEvents the Admin GraphQL reader gives (order-events-from-graphql.ts), so that an order synced from its
 * delivery and one read from the API map to the same CRM rows.
 */
import type { MoneyBag } from '../models/money';
import type { ShopifyFulfillment, ShopifyOrderEvents, ShopifyRefund } from '../models/order-events';
import { RestBodyError } from './from-rest';
import { type Body, count, list, moneyBagFromRest, object, refundTotal, restTime, text } from './order-from-rest';

/** The gid of a nested REST object: only `admin_graphql_api_id` keeps every digit of its id. */
function gidOf(body: Body, type: string, what: string): string {
  const gid = text(body.admin_graphql_api_id);
  if (gid && new RegExp(`^gid://shopify/${type}/\\d+$`).test(gid)) return gid;
  throw new RestBodyError(`${what} has no ${type} gid in admin_graphql_api_id`);
}

function refund(value: unknown, index: number, like: MoneyBag): ShopifyRefund {
  const what = `refunds[${index}]`;
  const body = object(value, what);
  return {
    gid: gidOf(body, 'Refund', what),
    createdAt: restTime(body.created_at, `${what}.created_at`),
    note: text(body.note),
    totalRefunded: refundTotal(body, index, like),
    lines: list(body.refund_line_items, `${what}.refund_line_items`).map((entry, n) => {
      const line = object(entry, `${what}.refund_line_items[${n}]`);
      const lineWhat = `${what}.refund_line_items[${n}]`;
      return {
        lineItemGid: gidOf(object(line.line_item, `${lineWhat}.line_item`), 'LineItem', `${lineWhat}.line_item`),
        quantity: count(line.quantity, `${lineWhat}.quantity`),
        restockType: (text(line.restock_type) ?? 'no_restock').toUpperCase(),
        subtotal: moneyBagFromRest(line.subtotal_set, `${lineWhat}.subtotal_set`),
        totalTax: moneyBagFromRest(line.total_tax_set, `${lineWhat}.total_tax_set`),
      };
    }),
  };
}

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string' && entry !== '') : [];

function fulfillment(value: unknown, index: number): ShopifyFulfillment {
  const what = `fulfillments[${index}]`;
  const body = object(value, what);
  return {
    gid: gidOf(body, 'Fulfillment', what),
    createdAt: restTime(body.created_at, `${what}.created_at`),
    updatedAt: restTime(body.updated_at, `${what}.updated_at`),
    status: (text(body.status) ?? '').toUpperCase(),
    trackingCompany: text(body.tracking_company),
    trackingNumbers: texts(body.tracking_numbers),
    trackingUrls: texts(body.tracking_urls),
    lines: list(body.line_items, `${what}.line_items`).map((entry, n) => {
      const line = object(entry, `${what}.line_items[${n}]`);
      return {
        lineItemGid: gidOf(line, 'LineItem', `${what}.line_items[${n}]`),
        quantity: count(line.quantity, `${what}.line_items[${n}].quantity`),
      };
    }),
  };
}

/**
 * The refunds and fulfillments of an order body, in the order Shopify lists them. Throws RestBodyError naming the
 * field it cannot read; `orderFromRest` reads the same body's order.
 */
export function orderEventsFromRest(value: unknown): ShopifyOrderEvents {
  const body = object(value, 'the order body');
  const like = moneyBagFromRest(body.total_price_set, 'total_price_set');
  return {
    refunds: list(body.refunds, 'refunds').map((entry, index) => refund(entry, index, like)),
    fulfillments: list(body.fulfillments, 'fulfillments').map(fulfillment),
  };
}
