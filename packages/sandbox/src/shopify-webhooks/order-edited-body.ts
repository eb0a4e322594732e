import { float, gidTail, optionalGidTail, time, type RestValue } from './rest-json';

/**
 * orders/edited in REST shape, after docs sample orders_edited.json (reference/shopify/webhooks/). GraphQL keeps no
 * OrderEdit object after the commit; the edit survives as the order's latest OrderEditAgreement, whose sales carry
 * the quantity deltas (positive: added, negative: removed).
 */

/** The order's sales agreements; the last OrderEditAgreement is the edit that raised the topic. */
export const ORDER_EDITED_QUERY = `#graphql
  query RestOrderEditedBody($id: ID!) {
    node(id: $id) {
      ... on Order {
        id
        agreements(first: 250) {
          nodes {
            __typename id happenedAt
            app { id }
            user { id }
            sales(first: 250) {
              nodes {
                __typename quantity
                ... on ProductSale { lineItem { id } }
                ... on ShippingLineSale { shippingLine { id } }
              }
            }
          }
        }
      }
    }
  }
`;

interface GqlSale {
  __typename: string;
  quantity: number | null;
  lineItem?: { id: string };
  shippingLine?: { id: string | null } | null;
}

/** Result of {@link ORDER_EDITED_QUERY}. */
export interface OrderEditedQueryResult {
  node: {
    id: string;
    agreements: {
      nodes: {
        __typename: string;
        id: string;
        happenedAt: string;
        app: { id: string } | null;
        user: { id: string } | null;
        sales: { nodes: GqlSale[] };
      }[];
    };
  } | null;
}

function deltas(sales: GqlSale[], pick: (sale: GqlSale) => string | null | undefined, sign: 1 | -1): RestValue {
  return sales.flatMap((sale) => {
    const id = pick(sale);
    const quantity = sale.quantity ?? 0;
    if (!id || quantity * sign <= 0) return [];
    return [{ id: gidTail(id), delta: float(Math.abs(quantity)) }];
  });
}

/** The `order_edit` body of the order's latest edit. */
export function orderEditedBody(result: OrderEditedQueryResult): RestValue {
  const order = result.node;
  if (!order) throw new Error('order not found');
  const edits = order.agreements.nodes.filter((a) => a.__typename === 'OrderEditAgreement');
  const edit = edits[edits.length - 1];
  if (!edit) throw new Error(`order ${order.id} has no edit`);
  const sales = edit.sales.nodes;
  const lineItem = (sale: GqlSale) => sale.lineItem?.id;
  const shippingLine = (sale: GqlSale) => sale.shippingLine?.id;
  return {
    order_edit: {
      id: gidTail(edit.id),
      app_id: optionalGidTail(edit.app),
      created_at: time(edit.happenedAt),
      committed_at: time(edit.happenedAt),
      // orderEditCommit's notifyCustomer and staffNote are not readable afterwards through the GraphQL Admin API.
      notify_customer: false,
      order_id: gidTail(order.id),
      staff_note: '',
      user_id: optionalGidTail(edit.user),
      line_items: { additions: deltas(sales, lineItem, 1), removals: deltas(sales, lineItem, -1) },
      // Discount changes of an edit are not separable from the agreement's sales; a simulated edit changes none.
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: deltas(sales, shippingLine, 1), removals: deltas(sales, shippingLine, -1) },
    },
  };
}
