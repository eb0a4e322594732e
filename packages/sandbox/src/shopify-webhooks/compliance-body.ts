import type { ShopStore } from '../shopify/store';

/**
 * Shopify's mandatory compliance webhooks: sent to the compliance URLs of the app's configuration (not subscribed
 * through `webhookSubscriptionCreate`), signed like every webhook. `customers/data_request` when the merchant requests
 * a customer's data, `customers/redact` when the merchant asks to erase it (Shopify holds it back while the customer
 * has an order of the last six months), `shop/redact` 48 hours after the app is uninstalled.
 */
export type ComplianceTopic = 'customers/redact' | 'customers/data_request' | 'shop/redact';

export const COMPLIANCE_TOPICS: readonly ComplianceTopic[] = [
  'customers/redact',
  'customers/data_request',
  'shop/redact',
];

/** A compliance body and the record it is about (its gid, for the delivery record). */
export interface ComplianceBody {
  gid: string;
  body: string;
}

/**
 * The documented body of a compliance webhook, built from the shop's data: `shop_id`, `shop_domain`, and for the
 * customer topics `customer {id, email, phone}` with the customer's orders (`orders_to_redact`, or `orders_requested`
 * with `data_request {id}`). Null when the customer is not in the shop.
 */
export function complianceBody(
  store: ShopStore,
  topic: ComplianceTopic,
  customerId: number | null,
  dataRequestId: number,
): ComplianceBody | null {
  const shop = { shop_id: store.shopId, shop_domain: store.config.domain };
  if (topic === 'shop/redact') return { gid: `gid://shopify/Shop/${store.shopId}`, body: JSON.stringify(shop) };
  const customer = customerId === null ? undefined : store.customers.get(customerId);
  if (!customer) return null;
  const orders = [...(store.ordersByCustomer.get(customer.id) ?? [])].sort((a, b) => a - b);
  const person = { id: customer.id, email: customer.email, phone: customer.phone };
  const body =
    topic === 'customers/redact'
      ? { ...shop, customer: person, orders_to_redact: orders }
      : { ...shop, orders_requested: orders, customer: person, data_request: { id: dataRequestId } };
  return { gid: `gid://shopify/Customer/${customer.id}`, body: JSON.stringify(body) };
}

/**
 * What Shopify does to its own copy when it erases a customer's personal data: the names, email, phone, addresses
 * and note of the customer, and the email, phone and addresses of their orders, are removed; what was sold, when and
 * for how much stays. Shopify documents no webhook for it, so none is raised; `updatedAt` moves, so a poll reads the
 * erased records.
 */
export function eraseCustomer(store: ShopStore, customerId: number): boolean {
  const customer = store.customers.get(customerId);
  if (!customer) return false;
  Object.assign(customer, {
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    note: null,
    addresses: [],
    defaultAddressId: null,
    updatedAt: store.bump(customer.updatedAt),
  });
  for (const orderId of store.ordersByCustomer.get(customerId) ?? []) {
    const order = store.orders.get(orderId);
    if (!order) continue;
    Object.assign(order, {
      email: null,
      phone: null,
      billingAddress: null,
      shippingAddress: null,
      updatedAt: store.bump(order.updatedAt),
    });
  }
  return true;
}
