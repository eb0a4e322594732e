/**
 * Money as Shopify does it: decimal strings on the wire, integer minor units inside (STYLE.md: money is never a float).
 * Every amount on an order is a `Bag` (shop and presentment amounts), the shape of Shopify's MoneyBag.
 */

/** An amount in the shop currency and in the order's presentment currency, both in integer minor units. */
export interface Bag {
  shop: number;
  pres: number;
}

/** Currencies with no minor unit (ISO 4217 exponent 0); every other currency here uses 2. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD', 'UGX', 'XAF', 'XOF']);

export function currencyDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

export const ZERO: Bag = { shop: 0, pres: 0 };

export function bag(shop: number, pres: number): Bag {
  return { shop, pres };
}

export function addBags(...bags: Bag[]): Bag {
  let shop = 0;
  let pres = 0;
  for (const b of bags) {
    shop += b.shop;
    pres += b.pres;
  }
  return { shop, pres };
}

export function subBags(a: Bag, b: Bag): Bag {
  return { shop: a.shop - b.shop, pres: a.pres - b.pres };
}

export function scaleBag(b: Bag, factor: number): Bag {
  return { shop: b.shop * factor, pres: b.pres * factor };
}

/** `b * numerator / denominator`, rounded half away from zero in each currency (a share of an amount). */
export function shareOfBag(b: Bag, numerator: number, denominator: number): Bag {
  if (denominator === 0) return { ...ZERO };
  return { shop: roundDiv(b.shop * numerator, denominator), pres: roundDiv(b.pres * numerator, denominator) };
}

/** Integer division rounded half away from zero. */
export function roundDiv(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

/**
 * Parses a Shopify `Decimal`/`Money` string ("12.5", "704.99", "-3") into minor units of `currency`. Returns null
 * when the text is not a plain decimal or has more precision than the currency allows.
 */
export function parseMinor(text: string | number, currency: string): number | null {
  const value = String(text).trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  const minor = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return match[1] === '-' ? -minor : minor;
}

/**
 * Formats minor units the way the Admin GraphQL API writes a `Decimal`: no trailing zeros beyond the first decimal
 * place ("679.0", "704.99", "10.5"), as in real-store-responses/graphql-order-transactions-response_ms-bc-connector.json.
 */
export function formatDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  let fraction = digits === 0 ? '' : String(abs % 10 ** digits).padStart(digits, '0');
  fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}.${fraction === '' ? '0' : fraction}`;
}

/** Decimal rate such as "0.21" or 0.21 to parts per million (exact for rates with up to 6 decimals). */
export function rateToPpm(rate: string | number): number {
  const text = typeof rate === 'number' ? rate.toFixed(6) : rate;
  const match = /^(\d+)(?:\.(\d{1,6}))?\d*$/.exec(text.trim());
  if (!match) return 0;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** Tax on `amount` at `ppm`: carved out of a tax-inclusive amount, or added on top of a tax-exclusive one. */
export function taxOn(amount: number, ppm: number, taxesIncluded: boolean): number {
  return taxesIncluded ? roundDiv(amount * ppm, 1_000_000 + ppm) : roundDiv(amount * ppm, 1_000_000);
}

/** Converts presentment minor units to shop minor units with the order's exchange rate (shop per presentment, ppm). */
export function toShop(pres: number, ratePpm: number): number {
  return roundDiv(pres * ratePpm, 1_000_000);
}

/** Converts shop minor units to presentment minor units. */
export function toPresentment(shop: number, ratePpm: number): number {
  return roundDiv(shop * 1_000_000, ratePpm);
}
