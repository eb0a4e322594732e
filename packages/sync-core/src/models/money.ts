/** An amount of one currency, as a decimal string exactly as Shopify wrote it ("704.99"): never a float. */
export interface Money {
  amount: string;
  currency: string;
}

/** Shopify's MoneyBag: the shop's currency and the currency the customer saw (presentment). */
export interface MoneyBag {
  shop: Money;
  presentment: Money;
}
