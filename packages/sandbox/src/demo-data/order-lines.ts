import { convert, divRound, mapPair, pairOf, sumPairs, taxOf, moneyBag, type Currencies, type Pair } from './money';
import type { Prng } from './prng';
import { PRODUCTS, type Country, type Product } from './tables';

/**
 * The money of one demo order, worked out line by line in both currencies before the order is written, so that
 * the payment, the refunds and the tax lines agree with each other to the minor unit.
 */

/** One line as the generator knows it. */
export interface PlannedLine {
  product: Product;
  quantity: number;
  /** Price per unit, and price times quantity. */
  unit: Pair;
  gross: Pair;
  /** This line's share of an order-level discount. */
  discount: Pair;
  tax: Pair;
}

/** A discount code of the order. */
export type PlannedDiscount =
  | { kind: 'percentage'; code: string; percentage: number }
  | { kind: 'fixed'; code: string; amount: Pair }
  | { kind: 'free-shipping'; code: string };

/** A shipping line of the order. */
export interface PlannedShipping {
  title: string;
  code: string;
  price: Pair;
  discount: Pair;
  tax: Pair;
}

/** The whole order's money. */
export interface PlannedMoney {
  currencies: Currencies;
  taxesIncluded: boolean;
  tax: Country['tax'];
  lines: PlannedLine[];
  shipping: PlannedShipping[];
  discount: PlannedDiscount | null;
  total: Pair;
}

const ZERO: Pair = { shop: 0n, presentment: 0n };

/** Shares `amount` out over `weights` in proportion, the remainder to the last share (sums stay exact). */
function share(amount: bigint, weights: readonly bigint[]): bigint[] {
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (whole === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (amount * w) / whole);
  const rest = amount - shares.reduce((a, b) => a + b, 0n);
  shares[shares.length - 1] = (shares[shares.length - 1] ?? 0n) + rest;
  return shares;
}

/** Picks lines, shipping and a discount, and works out taxes and the total. */
export function planMoney(prng: Prng, currencies: Currencies, taxesIncluded: boolean, country: Country): PlannedMoney {
  const tax = country.tax;
  const lines: PlannedLine[] = Array.from({ length: prng.int(1, 4) }, () => {
    const product = prng.pick(PRODUCTS);
    const quantity = prng.chance(0.7) ? 1 : prng.int(2, 3);
    const unit = pairOf(convert(BigInt(product.usdCents), 'USD', currencies.shop), currencies);
    return { product, quantity, unit, gross: mapPair(unit, (m) => m * BigInt(quantity)), discount: ZERO, tax: ZERO };
  });
  const shippable = lines.some((line) => line.product.requiresShipping);
  const shippingUsd: [string, string, number][] = [
    ['Standard', 'STANDARD', 800],
    ['Express', 'EXPRESS', 2500],
  ];
  const shipping: PlannedShipping[] = [];
  if (shippable) {
    const [title, code, cents] = prng.pick(shippingUsd);
    shipping.push({
      title,
      code,
      price: pairOf(convert(BigInt(cents), 'USD', currencies.shop), currencies),
      discount: ZERO,
      tax: ZERO,
    });
    if (prng.chance(0.2)) {
      shipping.push({
        title: 'Gift wrapping',
        code: 'GIFT_WRAP',
        price: pairOf(convert(500n, 'USD', currencies.shop), currencies),
        discount: ZERO,
        tax: ZERO,
      });
    }
  }
  const discount = pickDiscount(prng, lines, shipping.length > 0, currencies);
  if (discount?.kind === 'free-shipping') {
    for (const line of shipping) line.discount = line.price;
  } else if (discount) {
    const gross = sumPairs(lines.map((l) => l.gross));
    const off =
      discount.kind === 'fixed'
        ? discount.amount
        : mapPair(gross, (m) => divRound(m * BigInt(discount.percentage), 100n));
    const shop = share(
      off.shop,
      lines.map((l) => l.gross.shop),
    );
    const presentment = share(
      off.presentment,
      lines.map((l) => l.gross.presentment),
    );
    lines.forEach((line, i) => (line.discount = { shop: shop[i] ?? 0n, presentment: presentment[i] ?? 0n }));
  }
  // Taxes on what is charged after discounts, each currency on its own amounts.
  const taxed = (amount: Pair, taxable: boolean): Pair =>
    tax && taxable ? mapPair(amount, (m) => taxOf(m, tax.rate, taxesIncluded)) : ZERO;
  for (const line of lines) {
    line.tax = taxed(
      { shop: line.gross.shop - line.discount.shop, presentment: line.gross.presentment - line.discount.presentment },
      line.product.taxable,
    );
  }
  for (const line of shipping) {
    line.tax = taxed(
      { shop: line.price.shop - line.discount.shop, presentment: line.price.presentment - line.discount.presentment },
      true,
    );
  }
  const charged = [
    ...lines.map((l) => ({
      shop: l.gross.shop - l.discount.shop,
      presentment: l.gross.presentment - l.discount.presentment,
    })),
    ...shipping.map((s) => ({
      shop: s.price.shop - s.discount.shop,
      presentment: s.price.presentment - s.discount.presentment,
    })),
  ];
  const taxes = taxesIncluded ? [] : [...lines.map((l) => l.tax), ...shipping.map((s) => s.tax)];
  return { currencies, taxesIncluded, tax, lines, shipping, discount, total: sumPairs([...charged, ...taxes]) };
}

function pickDiscount(
  prng: Prng,
  lines: PlannedLine[],
  hasShipping: boolean,
  currencies: Currencies,
): PlannedDiscount | null {
  const roll = prng.next();
  if (roll < 0.12)
    return {
      kind: 'percentage',
      code: prng.pick(['WELCOME10', 'SPRING15', 'VIP20']),
      percentage: prng.pick([10, 15, 20]),
    };
  if (roll < 0.22) {
    const gross = sumPairs(lines.map((l) => l.gross));
    const amount = pairOf(convert(500n, 'USD', currencies.shop), currencies);
    if (amount.shop < gross.shop && amount.presentment < gross.presentment)
      return { kind: 'fixed', code: 'SAVE5', amount };
  }
  if (roll >= 0.22 && roll < 0.28 && hasShipping) return { kind: 'free-shipping', code: 'FREESHIP' };
  return null;
}

/** The OrderCreateTaxLineInput list of an amount's tax, empty when there is none. */
function taxLines(money: PlannedMoney, tax: Pair): Record<string, unknown>[] {
  if (!money.tax || (tax.shop === 0n && tax.presentment === 0n)) return [];
  return [{ title: money.tax.title, rate: money.tax.rate, priceSet: moneyBag(tax, money.currencies) }];
}

/** OrderCreateLineItemInput list. */
export function lineItemInputs(prng: Prng, money: PlannedMoney): Record<string, unknown>[] {
  return money.lines.map((line) => {
    const input: Record<string, unknown> = {
      title: line.product.title,
      sku: line.product.sku,
      vendor: line.product.vendor,
      quantity: line.quantity,
      priceSet: moneyBag(line.unit, money.currencies),
      taxable: line.product.taxable,
      requiresShipping: line.product.requiresShipping,
      giftCard: line.product.giftCard,
      taxLines: taxLines(money, line.tax),
    };
    if (prng.chance(0.1)) input.properties = [{ name: 'Gift message', value: 'Alles Gute zum Geburtstag! 🎂' }];
    return input;
  });
}

/** OrderCreateShippingLineInput list. */
export function shippingLineInputs(money: PlannedMoney): Record<string, unknown>[] {
  return money.shipping.map((line) => ({
    title: line.title,
    code: line.code,
    source: 'shopify',
    priceSet: moneyBag(line.price, money.currencies),
    taxLines: taxLines(money, line.tax),
  }));
}

/** OrderCreateDiscountCodeInput, or null. */
export function discountCodeInput(money: PlannedMoney): Record<string, unknown> | null {
  const discount = money.discount;
  if (!discount) return null;
  if (discount.kind === 'percentage') {
    return { itemPercentageDiscountCode: { code: discount.code, percentage: discount.percentage } };
  }
  if (discount.kind === 'fixed') {
    return { itemFixedDiscountCode: { code: discount.code, amountSet: moneyBag(discount.amount, money.currencies) } };
  }
  return { freeShippingDiscountCode: { code: discount.code } };
}
