import { CURRENCY_DIGITS, PER_USD_MICROS } from './tables';

/**
 * Money for the demo data in integer minor units (bigint), written out as decimal strings; never a float
 * (STYLE.md, habit 4). Conversions use the fixed rates of tables.ts and round half up.
 */

/** Decimal places of a currency. */
export function digitsOf(currency: string): number {
  return CURRENCY_DIGITS[currency] ?? 2;
}

/** Minor units as a decimal string: 12345n EUR -> "123.45", 1500n JPY -> "1500". */
export function format(minor: bigint, currency: string): string {
  const places = digitsOf(currency);
  if (places === 0) return minor.toString();
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(places + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -places)}.${text.slice(-places)}`;
}

/** a / b rounded half up, for non-negative a and positive b. */
export function divRound(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/** Converts minor units between currencies at the fixed rates. */
export function convert(minor: bigint, from: string, to: string): bigint {
  if (from === to) return minor;
  const fromRate = PER_USD_MICROS[from];
  const toRate = PER_USD_MICROS[to];
  if (fromRate === undefined || toRate === undefined) throw new Error(`no rate for ${from} or ${to}`);
  const numerator = minor * toRate * 10n ** BigInt(digitsOf(to));
  return divRound(numerator, fromRate * 10n ** BigInt(digitsOf(from)));
}

/** A decimal rate ("0.08875") as a fraction: [numerator, denominator]. */
export function rateFraction(rate: string): [bigint, bigint] {
  const [whole = '0', fraction = ''] = rate.split('.');
  const scale = 10n ** BigInt(fraction.length);
  return [BigInt(whole) * scale + BigInt(fraction || '0'), scale];
}

/** Tax on an amount: added on top (exclusive) or contained in it (inclusive: amount - amount / (1 + rate)). */
export function taxOf(amount: bigint, rate: string, included: boolean): bigint {
  const [n, d] = rateFraction(rate);
  if (!included) return divRound(amount * n, d);
  return amount - divRound(amount * d, d + n);
}

/** One amount in the shop's currency and in the buyer's (presentment) currency, each in its minor units. */
export interface Pair {
  shop: bigint;
  presentment: bigint;
}

/** The currencies of one order. */
export interface Currencies {
  shop: string;
  presentment: string;
}

/** An amount given in shop money, with its presentment counterpart converted. */
export function pairOf(shopMinor: bigint, currencies: Currencies): Pair {
  return { shop: shopMinor, presentment: convert(shopMinor, currencies.shop, currencies.presentment) };
}

/** Applies a function to both sides (each side is computed in its own currency, as Shopify keeps both). */
export function mapPair(pair: Pair, fn: (minor: bigint) => bigint): Pair {
  return { shop: fn(pair.shop), presentment: fn(pair.presentment) };
}

/** Sums pairs side by side. */
export function sumPairs(pairs: readonly Pair[]): Pair {
  return pairs.reduce((a, b) => ({ shop: a.shop + b.shop, presentment: a.presentment + b.presentment }), {
    shop: 0n,
    presentment: 0n,
  });
}

/** A MoneyBagInput. */
export function moneyBag(pair: Pair, currencies: Currencies): Record<string, unknown> {
  return {
    shopMoney: { amount: format(pair.shop, currencies.shop), currencyCode: currencies.shop },
    presentmentMoney: {
      amount: format(pair.presentment, currencies.presentment),
      currencyCode: currencies.presentment,
    },
  };
}
