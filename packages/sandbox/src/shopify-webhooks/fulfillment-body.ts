import { LINE_ITEM_FRAGMENT, lineItemBody, type GqlLineItem } from './line-item-body';
import { MAILING_ADDRESS_FIELDS, addressBody, type GqlMailingAddress } from './customer-body';
import { gidTail, optionalGidTail, time, type RestValue } from './rest-json';

/** Fulfilments in REST shape, after docs sample fulfillments_create.json (reference/shopify/webhooks/). */

/** The fragment for a fulfilment, as fulfillments/create sends it and orders/* nest it. */
export const FULFILLMENT_FRAGMENT = `#graphql
  fragment RestFulfillment on Fulfillment {
    id name status displayStatus createdAt updatedAt
    service { handle }
    location { id }
    originAddress { address1 address2 city countryCode provinceCode zip }
    trackingInfo { company number url }
    fulfillmentLineItems(first: 250) { nodes { quantity lineItem { ...RestLineItem } } }
  }
`;

/** fulfillments/create: the fulfilment by id, with the order's email and shipping address (REST `destination`). */
export const FULFILLMENT_QUERY = `#graphql
  query RestFulfillmentBody($id: ID!) {
    node(id: $id) {
      ... on Fulfillment { ...RestFulfillment order { id email shippingAddress { ${MAILING_ADDRESS_FIELDS} } } }
    }
  }
  ${FULFILLMENT_FRAGMENT}
  ${LINE_ITEM_FRAGMENT}
`;

/** GraphQL `Fulfillment` as {@link FULFILLMENT_FRAGMENT} selects it. */
export interface GqlFulfillment {
  id: string;
  name: string;
  status: string;
  displayStatus: string | null;
  createdAt: string;
  updatedAt: string;
  service: { handle: string } | null;
  location: { id: string } | null;
  originAddress: {
    address1: string | null;
    address2: string | null;
    city: string | null;
    countryCode: string;
    provinceCode: string | null;
    zip: string | null;
  } | null;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  fulfillmentLineItems: { nodes: { quantity: number | null; lineItem: GqlLineItem }[] };
}

/** Result of {@link FULFILLMENT_QUERY}. */
export interface FulfillmentQueryResult {
  node:
    | (GqlFulfillment & {
        order: { id: string; email: string | null; shippingAddress: GqlMailingAddress | null };
      })
    | null;
}

/**
 * REST's `shipment_status` is the carrier's last tracking event; GraphQL's displayStatus mixes those with states of
 * the fulfilment itself (FULFILLED, CANCELED…), which REST leaves null.
 */
const SHIPMENT_STATUSES = new Set([
  'ATTEMPTED_DELIVERY',
  'CONFIRMED',
  'DELAYED',
  'DELIVERED',
  'FAILURE',
  'IN_TRANSIT',
  'LABEL_PRINTED',
  'LABEL_PURCHASED',
  'OUT_FOR_DELIVERY',
  'READY_FOR_PICKUP',
  'PICKED_UP',
]);

/** The fulfilment as orders/* nest it: without `email` and `destination` (inferred schema orders_create.json). */
export function fulfillmentBody(fulfillment: GqlFulfillment, orderGid: string): { [key: string]: RestValue } {
  const tracking = fulfillment.trackingInfo;
  const first = tracking[0];
  const origin = fulfillment.originAddress;
  return {
    id: gidTail(fulfillment.id),
    order_id: gidTail(orderGid),
    status: fulfillment.status.toLowerCase(),
    created_at: time(fulfillment.createdAt),
    service: fulfillment.service?.handle ?? null,
    updated_at: time(fulfillment.updatedAt),
    tracking_company: first?.company ?? null,
    shipment_status:
      fulfillment.displayStatus && SHIPMENT_STATUSES.has(fulfillment.displayStatus)
        ? fulfillment.displayStatus.toLowerCase()
        : null,
    location_id: optionalGidTail(fulfillment.location),
    origin_address: origin
      ? {
          address1: origin.address1,
          address2: origin.address2,
          city: origin.city,
          country_code: origin.countryCode,
          province_code: origin.provinceCode,
          zip: origin.zip,
        }
      : null,
    line_items: fulfillment.fulfillmentLineItems.nodes.map((n) => lineItemBody(n.lineItem, n.quantity ?? 0)),
    tracking_number: first?.number ?? null,
    tracking_numbers: tracking.flatMap((t) => (t.number ? [t.number] : [])),
    tracking_url: first?.url ?? null,
    tracking_urls: tracking.flatMap((t) => (t.url ? [t.url] : [])),
    // The gateway receipt of a shipping-label purchase; a simulated shop buys no labels.
    receipt: {},
    name: fulfillment.name,
    admin_graphql_api_id: fulfillment.id,
  };
}

/** fulfillments/create body: the nested shape plus the order's email and shipping address, in the sample's order. */
export function fulfillmentCreateBody(result: FulfillmentQueryResult): RestValue {
  const node = result.node;
  if (!node) throw new Error('fulfillment not found');
  const { line_items: lineItems, ...rest } = fulfillmentBody(node, node.order.id);
  const ordered: { [key: string]: RestValue } = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'tracking_number') {
      ordered.line_items = lineItems ?? [];
    }
    ordered[key] = value;
    if (key === 'origin_address') {
      ordered.email = node.order.email;
      ordered.destination = addressBody(node.order.shippingAddress);
    }
  }
  return ordered;
}
