/**
 * Dynamics' order pricing, replicated exactly, so that a write plan can be checked against Shopify's total before it
 * is written. The formulas and the rounding are those of reference/DATAVERSE.md ("System pricing"), the same ones the
 * Dataverse simulator applies (packages/sandbox/src/dataverse/pricing.ts):
 *   line:  baseamount      = round((priceperunit - volumediscountamount) x quantity)
 *          extendedamount  = baseamount - manualdiscountamount + tax
 *   order: totallineitemamount    = round(sum(baseamount - manualdiscountamount))
 *          order discount         = round(discountamount + discountpercentage% x totallineitemamount)
 *          totalamountlessfreight = totallineitemamount - order discount
 *          totaltax               = sum(tax)
 *          totalamount            = totalamountlessfreight + freightamount + totaltax
 * Rounding is half away from zero to the currency's precision. Arithmetic is on bigints: money is never a float.
 */

/** A decimal as an integer count of 10^-scale units. */
export interface Dec {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal ("12.50", "-3"); throws an Error naming `what` for anything else (a float's "1e-7"). */
export function dec(text: string, what: string): Dec {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`${what}: "${text}" is not a decimal number`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

const widen = (value: Dec, scale: number): bigint => value.units * pow10(scale - value.scale);

export const ZERO: Dec = { units: 0n, scale: 0 };

/** Rounds to `scale` places, half away from zero (Dynamics' rounding of currency amounts). */
export function round(value: Dec, scale: number): Dec {
  if (value.scale <= scale) return { units: widen(value, scale), scale };
  const divisor = pow10(value.scale - scale);
  const negative = value.units < 0n;
  const magnitude = negative ? -value.units : value.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return { units: negative ? -quotient : quotient, scale };
}

export function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { units: widen(a, scale) + widen(b, scale), scale };
}

export function sub(a: Dec, b: Dec): Dec {
  return add(a, { units: -b.units, scale: b.scale });
}

export function mul(a: Dec, b: Dec): Dec {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** -1, 0 or 1. */
export function compare(a: Dec, b: Dec): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = widen(a, scale) - widen(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** Whether the value has no non-zero digit past `scale` places. */
export function fitsScale(value: Dec, scale: number): boolean {
  return compare(round(value, scale), value) === 0;
}

/** Plain text with exactly `scale` places ("12.50"); rounds half away from zero when `scale` is smaller. */
export function format(value: Dec, scale: number = value.scale): string {
  const rounded = round(value, scale);
  const negative = rounded.units < 0n;
  const digits = (negative ? -rounded.units : rounded.units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * Decimal places of an ISO 4217 currency, which is what a Dynamics org's transactioncurrency.currencyprecision holds
 * unless an admin changed it (the caller can pass the org's value instead). Two unless listed.
 */
const MINOR_UNITS: Record<string, number> = {
  BHD: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  PYG: 0,
  RWF: 0,
  TND: 3,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

/** The decimal places of a currency (ISO 4217 minor units; 2 when not listed). */
export function currencyPrecision(isoCode: string): number {
  return MINOR_UNITS[isoCode.toUpperCase()] ?? 2;
}

/** One salesorderdetail as Dynamics prices it: the columns we write, as decimal strings. */
export interface PricedLineInput {
  quantity: string;
  priceperunit: string;
  manualdiscountamount: string;
  tax: string;
  volumediscountamount?: string;
}

/** A salesorder's pricing columns as we write them, with its lines. */
export interface PricedOrderInput {
  discountamount: string;
  discountpercentage?: string;
  freightamount: string;
  lines: PricedLineInput[];
}

/** The computed columns Dynamics stores, as decimal strings at the currency's precision. */
export interface DynamicsTotals {
  totallineitemamount: string;
  totallineitemdiscountamount: string;
  totaldiscountamount: string;
  totalamountlessfreight: string;
  totaltax: string;
  totalamount: string;
  lines: { baseamount: string; extendedamount: string }[];
}

/** The totals Dynamics computes for an order from what we write (see the formulas at the top of this file). */
export function dynamicsTotals(order: PricedOrderInput, precision: number): DynamicsTotals {
  let lineItems = ZERO;
  let lineDiscounts = ZERO;
  let tax = ZERO;
  const lines = order.lines.map((line, index) => {
    const what = `line ${index + 1}`;
    const price = sub(dec(line.priceperunit, `${what} priceperunit`), dec(line.volumediscountamount ?? '0', what));
    const base = round(mul(price, dec(line.quantity, `${what} quantity`)), precision);
    const manual = dec(line.manualdiscountamount, `${what} manualdiscountamount`);
    const lineTax = dec(line.tax, `${what} tax`);
    lineItems = add(lineItems, sub(base, manual));
    lineDiscounts = add(lineDiscounts, manual);
    tax = add(tax, lineTax);
    return { baseamount: format(base, precision), extendedamount: format(add(sub(base, manual), lineTax), precision) };
  });
  lineItems = round(lineItems, precision);
  // discountpercentage is 0..100: the product with the line items is scaled down by two places.
  const percentage = mul(dec(order.discountpercentage ?? '0', 'discountpercentage'), lineItems);
  const orderDiscount = round(
    add(dec(order.discountamount, 'discountamount'), { units: percentage.units, scale: percentage.scale + 2 }),
    precision,
  );
  const lessFreight = sub(lineItems, orderDiscount);
  const total = add(add(lessFreight, dec(order.freightamount, 'freightamount')), tax);
  return {
    totallineitemamount: format(lineItems, precision),
    totallineitemdiscountamount: format(lineDiscounts, precision),
    totaldiscountamount: format(add(orderDiscount, lineDiscounts), precision),
    totalamountlessfreight: format(lessFreight, precision),
    totaltax: format(tax, precision),
    totalamount: format(total, precision),
    lines,
  };
}

/** A row value as a plan holds it: text, a JSON number, a boolean or null. */
type RowValue = string | number | boolean | null;

/**
 * A plan row's money or quantity column as a decimal string. Rows carry JSON numbers made by decimalToJsonNumber, whose
 * shortest text is the decimal they were made from, so `String` gives it back exactly. Absent or null is zero, as
 * Dynamics treats it.
 */
export function rowDecimal(row: Record<string, RowValue | undefined>, column: string): string {
  const value = row[column];
  if (value === undefined || value === null) return '0';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  throw new Error(`${column} holds ${String(value)}, not an amount`);
}

/** The pricing input Dynamics reads from a salesorder row and its salesorderdetail rows. */
export function pricedOrderFromRows(
  header: Record<string, RowValue | undefined>,
  lines: Record<string, RowValue | undefined>[],
): PricedOrderInput {
  return {
    discountamount: rowDecimal(header, 'discountamount'),
    discountpercentage: rowDecimal(header, 'discountpercentage'),
    freightamount: rowDecimal(header, 'freightamount'),
    lines: lines.map((line) => ({
      quantity: rowDecimal(line, 'quantity'),
      priceperunit: rowDecimal(line, 'priceperunit'),
      manualdiscountamount: rowDecimal(line, 'manualdiscountamount'),
      tax: rowDecimal(line, 'tax'),
      volumediscountamount: rowDecimal(line, 'volumediscountamount'),
    })),
  };
}

/** The amounts we write on one line, as decimals at the currency's precision. */
export interface LineAmounts {
  quantity: number;
  price: Dec;
  manual: Dec;
  tax: Dec;
}

/** a x numerator / denominator rounded half away from zero to `precision` places; all three are decimals. */
export function prorate(value: Dec, numerator: number, denominator: number, precision: number): Dec {
  if (numerator === denominator) return value;
  const scaled = mul(value, { units: BigInt(numerator), scale: 0 });
  // Divide at four more places than needed, then round: exact enough for half-away-from-zero at `precision`.
  const extra = precision + 4;
  const units = (scaled.units * 10n ** BigInt(extra)) / (BigInt(denominator) * 10n ** BigInt(scaled.scale));
  return round({ units, scale: extra }, precision);
}

/** The smallest decimal at `precision` places that is >= numerator / denominator (bigint units at that scale). */
function ceilQuotient(numerator: bigint, denominator: bigint, precision: number): Dec {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if (!negative && n % d !== 0n) quotient += 1n;
  return { units: negative ? -quotient : quotient, scale: precision };
}

/**
 * The columns of one priced line from Shopify's gross unit price, quantity, discount and tax.
 *
 * Taxes added: the unit price, the discount as manualdiscountamount and the tax as written; Dynamics' line is then
 * Shopify's line exactly. Taxes included (EU VAT): Shopify's price and discount contain the tax, and Dynamics adds
 * `tax` on top, so the net amount (gross - discount - tax) must be what the line contributes. The unit price is scaled
 * down by the line's net-to-gross ratio and rounded UP to the currency's precision, so that price x quantity is never
 * below the net amount; manualdiscountamount (which Dynamics keeps >= 0) takes the rest, and the line is exact to the
 * cent. Only a line whose net amount exceeds its undiscounted price (never in a consistent order) leaves a remainder,
 * which the correction line absorbs.
 */
export function pricedLine(
  unit: Dec,
  quantity: number,
  discount: Dec,
  tax: Dec,
  taxesIncluded: boolean,
  precision: number,
): LineAmounts {
  const q: Dec = { units: BigInt(quantity), scale: 0 };
  const gross = mul(unit, q);
  if (!taxesIncluded) return { quantity, price: unit, manual: discount, tax };
  const afterDiscount = sub(gross, discount);
  const net = sub(afterDiscount, tax);
  let price = unit;
  if (compare(afterDiscount, ZERO) > 0 && compare(net, ZERO) >= 0) {
    // price = ceil(unit x net / afterDiscount), all three at the currency's precision.
    const s = precision;
    const u = round(unit, s).units;
    const n = round(net, s).units;
    const a = round(afterDiscount, s).units;
    price = ceilQuotient(u * n, a, s);
  }
  const base = round(mul(price, q), precision);
  const manual = sub(base, net);
  return { quantity, price, manual: compare(manual, ZERO) < 0 ? ZERO : manual, tax };
}
