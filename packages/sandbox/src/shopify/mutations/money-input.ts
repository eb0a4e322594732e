/** Reads MoneyBagInput / Money inputs into Bags for one order, with its exchange rate. */
import { type Bag, currencyDigits, parseMinor, toPresentment, toShop } from '../money';

/** MoneyBagInput */
export interface MoneyBagInput {
  shopMoney: { amount: string | number; currencyCode: string };
  presentmentMoney?: { amount: string | number; currencyCode: string } | null;
}

/**
 * Value of one unit of each currency in US cents × 10^4, for orders whose presentment currency differs from the
 * shop's and whose inputs give only one side. Fixed sandbox rates, not market data.
 */
const UNIT_VALUE: Record<string, number> = {
  USD: 1_000_000,
  EUR: 1_080_000,
  GBP: 1_270_000,
  CAD: 730_000,
  AUD: 660_000,
  DKK: 145_000,
  SEK: 95_000,
  NOK: 93_000,
  CHF: 1_130_000,
  JPY: 6_700,
};

/** Shop minor units per presentment minor unit, in ppm, from the fixed table (1:1 if a currency is unknown). */
export function defaultRatePpm(shopCurrency: string, presentmentCurrency: string): number {
  if (shopCurrency === presentmentCurrency) return 1_000_000;
  const shopUnit = UNIT_VALUE[shopCurrency];
  const presUnit = UNIT_VALUE[presentmentCurrency];
  if (!shopUnit || !presUnit) return 1_000_000;
  const perUnit = (presUnit * 1_000_000) / shopUnit;
  const digits = currencyDigits(shopCurrency) - currencyDigits(presentmentCurrency);
  return Math.round(perUnit * 10 ** digits);
}

/** Money context of one order. */
export interface OrderCurrencies {
  shop: string;
  presentment: string;
  ratePpm: number;
}

/** Reads a MoneyBagInput; null if an amount is not a valid decimal in its currency. */
export function readBag(input: MoneyBagInput | null | undefined, c: OrderCurrencies): Bag | null {
  if (!input) return { shop: 0, pres: 0 };
  const shopSide = input.shopMoney;
  let shop: number | null = null;
  let pres: number | null = null;
  if (shopSide.currencyCode === c.shop) shop = parseMinor(shopSide.amount, c.shop);
  else if (shopSide.currencyCode === c.presentment) pres = parseMinor(shopSide.amount, c.presentment);
  else return null;
  if (input.presentmentMoney) {
    if (input.presentmentMoney.currencyCode !== c.presentment) return null;
    pres = parseMinor(input.presentmentMoney.amount, c.presentment);
    if (pres === null) return null;
  }
  if (shop === null && pres === null) return null;
  return {
    shop: shop ?? toShop(pres ?? 0, c.ratePpm),
    pres: pres ?? toPresentment(shop ?? 0, c.ratePpm),
  };
}

/** A `Money` amount given in the presentment currency (refund transactions), as a Bag. */
export function presentmentAmount(amount: string | number, c: OrderCurrencies): Bag | null {
  const pres = parseMinor(amount, c.presentment);
  return pres === null ? null : { shop: toShop(pres, c.ratePpm), pres };
}
