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
  /**
   * Rollup (issue 6): the count Shopify sends as an UnsignedInt64 string, kept as its decimal digits. Rollups are null
   * when the source does not say (webhook bodies mostly do not), which means "unknown", never zero: the mapper leaves
   * a null rollup out of the row, so a webhook never blanks what a full read wrote.
   */
  numberOfOrders: string | null;
  /** Rollup: the lifetime amount spent, in the shop's currency, as Shopify wrote it; null when unknown. */
  amountSpent: Money | null;
  /**
   * Rollup: when the customer's last order was created, ISO-8601 UTC; null when there is none or the source does not say.
   */
  lastOrderAt: string | null;
  defaultAddress: ShopifyAddress | null;
  addresses: ShopifyAddress[];
  /** B2B: the companies this customer is a contact of. */
  companyGids: string[];
}
