import type { ShopifyAddress } from './address';
import type { Money } from './money';

/** A Shopify customer in the sync's own terms, whatever it was read from (GraphQL node or webhook body). */
export interface ShopifyCustomer {
  /** `gid://shopify/Customer/…`: the id we key on (numeric ids can exceed 2^53 and are never parsed). */
  gid: string;
  /** The numeric id as a string, for `sv_shopifyid` (`<store key>_<legacy id>`). */
  legacyId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  /** DISABLED, INVITED, ENABLED, DECLINED. */
  state: string;
  tags: string[];
  note: string | null;
  taxExempt: boolean;
  createdAt: string;
  /** ISO-8601; orders the versions of one customer (newer wins). */
  updatedAt: string;
  /** A count Shopify sends as an UnsignedInt64 string; not in webhook bodies (null there). */
  numberOfOrders: string | null;
  amountSpent: Money | null;
  defaultAddress: ShopifyAddress | null;
  addresses: ShopifyAddress[];
  /** B2B: the companies this customer is a contact of. */
  companyGids: string[];
}
