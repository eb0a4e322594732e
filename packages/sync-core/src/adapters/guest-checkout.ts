import { createHash } from 'node:crypto';
import type { ShopifyCustomer } from '../models/customer';
import type { ShopifyOrder } from '../models/order';
import { normalizeEmail } from '../normalize/email';

/** The gid prefix of a guest buyer: not a Shopify object, one per email and store, kept in our links only. */
export const GUEST_GID_PREFIX = 'gid://shopify/GuestCheckout/';

/**
 * The buyer of a guest checkout (an order without a customer) as a customer record, so it goes through the same
 * matching, merge queue and mapping as everyone else. Its identity is the normalised email: every guest order with
 * that email resolves to the same contact, and a contact that already has it is found rather than duplicated.
 * Null without a usable email: nothing identifies such a buyer, so the order stays unbound.
 */
export function guestCustomer(
  order: Pick<ShopifyOrder, 'email' | 'phone' | 'billingAddress' | 'shippingAddress' | 'createdAt' | 'updatedAt'>,
): ShopifyCustomer | null {
  const email = normalizeEmail(order.email);
  if (!email.value || !email.valid) return null;
  const hash = createHash('sha256').update(email.value).digest('hex').slice(0, 20);
  const address = order.billingAddress ?? order.shippingAddress;
  return {
    gid: `${GUEST_GID_PREFIX}${hash}`,
    // Our key becomes `<store>_guest_<hash>`: only letters, digits and `_`, as Dataverse key values need.
    legacyId: `guest_${hash}`,
    firstName: address?.firstName ?? null,
    lastName: address?.lastName ?? null,
    email: email.value,
    phone: order.phone ?? address?.phone ?? null,
    state: 'DISABLED',
    tags: [],
    note: null,
    taxExempt: false,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    numberOfOrders: null,
    amountSpent: null,
    lastOrderAt: null,
    defaultAddress: address,
    addresses: address ? [address] : [],
    companyGids: [],
  };
}
