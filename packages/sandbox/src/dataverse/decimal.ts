/**
 * Exact decimal arithmetic on strings, for money and quantities (STYLE.md: money is never a float). A value is a
 * bigint of units at a given scale; results are rounded half away from zero, as Dynamics rounds currency amounts.
 */

/** A decimal as an integer count of 10^-scale units. */
export interface Dec {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal literal ("12.5", "-3", "1E-10"); undefined when it is not one. */
export function parseDec(text: string): Dec | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  let digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits = `${digits}${'0'.repeat(-scale)}`;
    scale = 0;
  }
  const units = BigInt(digits === '' ? '0' : digits);
  return { units: sign === '-' ? -units : units, scale };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** The same value at a larger scale. */
function widen(value: Dec, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

/** Rounds to `scale` places, half away from zero. */
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

export function compare(a: Dec, b: Dec): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = widen(a, scale) - widen(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

export const ZERO: Dec = { units: 0n, scale: 0 };

/** Fixed-point text with exactly `scale` places ("12.50"). */
export function format(value: Dec, scale: number = value.scale): string {
  const rounded = round(value, scale);
  const negative = rounded.units < 0n;
  const digits = (negative ? -rounded.units : rounded.units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Parses or throws: for values already validated. */
export function dec(text: string): Dec {
  const value = parseDec(text);
  if (!value) throw new Error(`not a decimal: ${text}`);
  return value;
}

/** a / b rounded half away from zero to `scale` places. */
export function div(a: Dec, b: Dec, scale: number): Dec {
  if (b.units === 0n) throw new Error('division by zero');
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^scale.
  const shift = scale + b.scale - a.scale;
  let numerator = a.units;
  let denominator = b.units;
  if (shift >= 0) numerator *= pow10(shift);
  else denominator *= pow10(-shift);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  return { units: negative ? -quotient : quotient, scale };
}
