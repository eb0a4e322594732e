/**
 * The Web API takes Whole Number and Decimal columns as JSON numbers, not strings, but we hold counts and money as
 * decimal strings (STYLE.md: money is never a float). A JSON number is read back as an IEEE double on our side and on
 * the way out (JSON.stringify), and a double keeps any decimal of up to 15 significant digits exactly: the shortest
 * text of the double is the decimal we started from. Past 15 digits the CRM could receive a rounded value, so we refuse.
 */
const MAX_EXACT_DIGITS = 15;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal string ("704.99", "3", "-0.50") as the JSON number that carries exactly that value. Throws an Error naming
 * the column and the value when the text is not a plain decimal or has more than 15 significant digits, so that
 * money is never rounded silently.
 */
export function decimalToJsonNumber(text: string, column: string): number {
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new Error(`${column}: "${text}" is not a decimal number (digits, an optional sign and decimal point)`);
  }
  const [, , whole = '', fraction = ''] = match;
  // Significant digits: leading and trailing zeros only place the point, which a double's exponent does exactly.
  const digits = `${whole}${fraction}`.replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > MAX_EXACT_DIGITS) {
    throw new Error(
      `${column}: "${text}" has ${digits.length} significant digits; a JSON number keeps only ${MAX_EXACT_DIGITS} ` +
        'exactly, so the CRM would receive a rounded value. Not written.',
    );
  }
  const value = Number(text);
  // The 15-digit guarantee holds for normal doubles only: far beyond any column's range, but refused all the same.
  if (!Number.isFinite(value) || (digits !== '' && Math.abs(value) < Number.MIN_VALUE * 2 ** 52)) {
    throw new Error(`${column}: "${text}" is outside the range a JSON number carries exactly. Not written.`);
  }
  // "-0.00" is zero; JSON has no negative zero worth sending.
  return value === 0 ? 0 : value;
}
