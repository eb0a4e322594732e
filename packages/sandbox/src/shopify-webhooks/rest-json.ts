/**
 * JSON text for Shopify's REST-shaped webhook bodies. Shopify's numeric ids can exceed 2^53 (SHOPIFY.md, "Webhooks":
 * the docs samples beside it already lost precision in `id`), so ids never pass through a JS number: they travel as
 * digit strings wrapped in {@link RawNumber} and are written into the text verbatim.
 */

/** A JSON number literal kept as text (an id beyond 2^53, or a decimal amount that REST writes unquoted). */
export class RawNumber {
  constructor(readonly literal: string) {
    if (!/^-?\d+(\.\d+)?$/.test(literal)) throw new Error(`not a JSON number literal: ${literal}`);
  }
}

/** What a REST body is made of before it becomes text. */
export type RestValue = string | boolean | null | RawNumber | RestValue[] | { [key: string]: RestValue };

/** Writes the body as compact JSON, raw numbers verbatim, keys in insertion order (as Shopify's samples list them). */
export function toJsonText(value: RestValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (value instanceof RawNumber) return value.literal;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  const parts = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`);
  return `{${parts.join(',')}}`;
}

/** The numeric tail of a gid (`gid://shopify/Order/820982911946154508` -> 820982911946154508), query string dropped. */
export function gidTail(gid: string): RawNumber {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(\?.*)?$/.exec(gid);
  if (!match?.[1]) throw new Error(`not a numeric Shopify gid: ${gid}`);
  return new RawNumber(match[1]);
}

/** `gidTail` for an optional reference (`staffMember`, `location`): null when absent. */
export function optionalGidTail(node: { id: string } | null | undefined): RawNumber | null {
  return node ? gidTail(node.id) : null;
}

/** An integer that GraphQL gives as a number (Int) or as a string (UnsignedInt64). */
export function integer(value: number | string): RawNumber {
  return new RawNumber(typeof value === 'number' ? String(Math.trunc(value)) : value);
}

/** A Float from GraphQL that is not money (tax rate, coordinates): a plain number is exact enough and REST has one. */
export function float(value: number | null | undefined): RawNumber | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  // Exponent notation ("1e-7") is valid JSON but not what RawNumber accepts; fixed notation keeps the value.
  return new RawNumber(text.includes('e') ? value.toFixed(12).replace(/\.?0+$/, '') : text);
}

/** GraphQL's MoneyV2. */
export interface Money {
  amount: string;
  currencyCode: string;
}

/** GraphQL's MoneyBag: the amount in the shop's and in the buyer's (presentment) currency. */
export interface MoneyBag {
  shopMoney: Money;
  presentmentMoney: Money;
}

/** The selection every MoneyBag field uses in our documents. */
export const MONEY_BAG_FIELDS = 'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';

/**
 * A decimal amount as REST writes it: two decimals at least ("10.0" from GraphQL's Decimal becomes "10.00"), done
 * on the digits so that money never becomes a float (STYLE.md, habit 4).
 */
export function decimal(amount: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  return `${sign}${whole}.${fraction.padEnd(2, '0')}`;
}

/** REST's `*_set`: `{ shop_money: {amount, currency_code}, presentment_money: {…} }`. */
export function moneySet(bag: MoneyBag): RestValue {
  return {
    shop_money: { amount: decimal(bag.shopMoney.amount), currency_code: bag.shopMoney.currencyCode },
    presentment_money: {
      amount: decimal(bag.presentmentMoney.amount),
      currency_code: bag.presentmentMoney.currencyCode,
    },
  };
}

/** A nullable `*_set` (duties, additional fees): null when GraphQL has none. */
export function optionalMoneySet(bag: MoneyBag | null | undefined): RestValue {
  return bag ? moneySet(bag) : null;
}

/** The shop-currency amount of a bag, as REST's unsuffixed fields (`total_price`) carry it. */
export function shopAmount(bag: MoneyBag | null | undefined): string {
  return decimal(bag?.shopMoney.amount ?? '0');
}

/** Adds decimal amounts exactly, in integer minor units (up to 4 decimals, enough for every currency Shopify has). */
export function sumAmounts(amounts: readonly string[]): string {
  const scale = 4;
  let total = 0n;
  for (const amount of amounts) {
    const text = decimal(amount);
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
    const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0').slice(0, scale));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, -scale);
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return decimal(`${negative ? '-' : ''}${whole}.${fraction}`);
}

/** Sums MoneyBags field by field; the currencies of the first bag (or the given fallback) label the result. */
export function sumBags(bags: readonly MoneyBag[], fallback: MoneyBag): MoneyBag {
  const first = bags[0] ?? fallback;
  return {
    shopMoney: { amount: sumAmounts(bags.map((b) => b.shopMoney.amount)), currencyCode: first.shopMoney.currencyCode },
    presentmentMoney: {
      amount: sumAmounts(bags.map((b) => b.presentmentMoney.amount)),
      currencyCode: first.presentmentMoney.currencyCode,
    },
  };
}

/** An ISO time as Shopify's REST writes it. GraphQL's DateTime is already ISO 8601; it passes through unchanged. */
export function time(value: string | null | undefined): string | null {
  return value ?? null;
}
