import { createDataverseOrg } from '@shopverse/sandbox';
import {
  mapOrderToSalesOrder,
  storeSettings,
  type MoneyBag,
  type OrderWritePlan,
  type ShopifyLineItem,
  type ShopifyOrder,
  type ShopifyShippingLine,
  type ShopifyTaxLine,
} from '@shopverse/sync-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * The invariant of issue 7, end to end: for generated Shopify orders, the totalamount the Dataverse simulator computes
 * from our write plan equals Shopify's current total to the cent. The generator builds orders the way Shopify does:
 * every total derives from the lines, their discount allocations, shipping and taxes, and partial refunds take back
 * units with their prorated discount and tax.
 */

interface CurrencySpec {
  iso: string;
  precision: number;
}

const USD: CurrencySpec = { iso: 'USD', precision: 2 };
const EUR: CurrencySpec = { iso: 'EUR', precision: 2 };
const GBP: CurrencySpec = { iso: 'GBP', precision: 2 };
const JPY: CurrencySpec = { iso: 'JPY', precision: 0 };

/** An order's structure, independent of currency: amounts are in minor units of the shop currency. */
interface OrderSpec {
  shop: CurrencySpec;
  presentment: CurrencySpec;
  /** Presentment minor units per shop minor unit, as a whole-number ratio (numerator / 100). */
  rate: number;
  taxesIncluded: boolean;
  /** Tax rate in basis points (2000 = 20 %). */
  taxRate: number;
  lines: {
    unit: number;
    quantity: number;
    refunded: number;
    taxable: boolean;
    /** A line-level discount, percent of the line. */
    lineDiscountPercent: number;
  }[];
  /** An order-level discount across the lines, percent of the subtotal. */
  orderDiscountPercent: number;
  shipping: { price: number; discountPercent: number; refunded: boolean }[];
}

/** Half away from zero division of non-negative bigints. */
function divRound(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Minor units as a decimal string. */
function text(units: bigint, precision: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(precision + 1, '0');
  const result = precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  return negative ? `-${result}` : result;
}

/** One side's amounts of an order (shop or presentment), computed the way Shopify does. */
interface SideAmounts {
  lines: { unit: bigint; discount: bigint; tax: bigint }[];
  shipping: { price: bigint; discounted: bigint; current: bigint; tax: bigint }[];
  subtotal: bigint;
  tax: bigint;
  discounts: bigint;
  shippingTotal: bigint;
  total: bigint;
  currentSubtotal: bigint;
  currentTax: bigint;
  currentDiscounts: bigint;
  currentTotal: bigint;
}

/** Tax on an amount: added (amount x rate) or included (amount x rate / (1 + rate)), rounded to the minor unit. */
function taxOn(amount: bigint, spec: OrderSpec): bigint {
  const rate = BigInt(spec.taxRate);
  return spec.taxesIncluded ? divRound(amount * rate, 10_000n + rate) : divRound(amount * rate, 10_000n);
}

function sideAmounts(spec: OrderSpec, side: 'shop' | 'presentment'): SideAmounts {
  // Shopify prices each currency on its own: presentment unit prices are the shop's converted and rounded.
  const precisionShift = (side === 'shop' ? spec.shop : spec.presentment).precision - spec.shop.precision;
  const convert = (units: number): bigint => {
    if (side === 'shop') return BigInt(units);
    const scaled = BigInt(units) * BigInt(spec.rate) * 10n ** BigInt(Math.max(0, precisionShift));
    return divRound(scaled, 100n * 10n ** BigInt(Math.max(0, -precisionShift)));
  };
  const gross = spec.lines.map((line) => convert(line.unit) * BigInt(line.quantity));
  const lineDiscounts = spec.lines.map((line, index) =>
    divRound((gross[index] ?? 0n) * BigInt(line.lineDiscountPercent), 100n),
  );
  // The order-level discount is allocated across lines in proportion to what is left of each, by largest remainder:
  // each share is the exact share rounded down or up, never more than the line, and the shares sum to the discount.
  const remaining = gross.map((value, index) => value - (lineDiscounts[index] ?? 0n));
  const base = remaining.reduce((sum, value) => sum + value, 0n);
  const orderDiscount = divRound(base * BigInt(spec.orderDiscountPercent), 100n);
  const exact = remaining.map((value, index) => ({
    index,
    floor: base === 0n ? 0n : (orderDiscount * value) / base,
    rest: base === 0n ? 0n : (orderDiscount * value) % base,
  }));
  let left = orderDiscount - exact.reduce((sum, share) => sum + share.floor, 0n);
  const allocations = exact.map((share) => share.floor);
  for (const share of [...exact].sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1))) {
    if (left === 0n) break;
    allocations[share.index] = (allocations[share.index] ?? 0n) + 1n;
    left -= 1n;
  }
  const lines = spec.lines.map((line, index) => {
    const discount = (lineDiscounts[index] ?? 0n) + (allocations[index] ?? 0n);
    const net = (gross[index] ?? 0n) - discount;
    return { unit: convert(line.unit), discount, tax: line.taxable ? taxOn(net, spec) : 0n };
  });
  const shipping = spec.shipping.map((line) => {
    const price = convert(line.price);
    const discounted = price - divRound(price * BigInt(line.discountPercent), 100n);
    return { price, discounted, current: line.refunded ? 0n : discounted, tax: taxOn(discounted, spec) };
  });
  const subtotal = lines.reduce((sum, line, index) => sum + (gross[index] ?? 0n) - line.discount, 0n);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0n) + shipping.reduce((sum, line) => sum + line.tax, 0n);
  const discounts =
    lines.reduce((sum, line) => sum + line.discount, 0n) +
    shipping.reduce((sum, line) => sum + line.price - line.discounted, 0n);
  const shippingTotal = shipping.reduce((sum, line) => sum + line.discounted, 0n);
  const total = subtotal + shippingTotal + (spec.taxesIncluded ? 0n : tax);
  // Refunds take back units with their share of the line's discounted amount and tax, each rounded on its own, and
  // a refunded shipping line with its tax.
  let refundedSubtotal = 0n;
  let refundedTax = 0n;
  let refundedDiscounts = 0n;
  spec.lines.forEach((line, index) => {
    if (line.refunded === 0) return;
    const amounts = lines[index];
    if (!amounts) return;
    const quantity = BigInt(line.quantity);
    const refunded = BigInt(line.refunded);
    refundedSubtotal += divRound(((gross[index] ?? 0n) - amounts.discount) * refunded, quantity);
    refundedTax += divRound(amounts.tax * refunded, quantity);
    refundedDiscounts += divRound(amounts.discount * refunded, quantity);
  });
  const refundedShipping = shipping.reduce((sum, line) => sum + line.discounted - line.current, 0n);
  const refundedShippingTax = spec.shipping.reduce(
    (sum, line, index) => sum + (line.refunded ? (shipping[index]?.tax ?? 0n) : 0n),
    0n,
  );
  const currentSubtotal = subtotal - refundedSubtotal;
  const currentTax = tax - refundedTax - refundedShippingTax;
  return {
    lines,
    shipping,
    subtotal,
    tax,
    discounts,
    shippingTotal,
    total,
    currentSubtotal,
    currentTax,
    currentDiscounts: discounts - refundedDiscounts,
    currentTotal:
      total - refundedSubtotal - refundedShipping - (spec.taxesIncluded ? 0n : refundedTax + refundedShippingTax),
  };
}

/** A canonical ShopifyOrder from a spec: both money sets, each consistent in its own currency. */
function buildOrder(
  spec: OrderSpec,
  index: number,
): { order: ShopifyOrder; shop: SideAmounts; presentment: SideAmounts } {
  const shop = sideAmounts(spec, 'shop');
  const presentment = sideAmounts(spec, 'presentment');
  const bag = (shopUnits: bigint, presentmentUnits: bigint): MoneyBag => ({
    shop: { amount: text(shopUnits, spec.shop.precision), currency: spec.shop.iso },
    presentment: { amount: text(presentmentUnits, spec.presentment.precision), currency: spec.presentment.iso },
  });
  const taxLine = (shopUnits: bigint, presentmentUnits: bigint): ShopifyTaxLine[] =>
    shopUnits === 0n && presentmentUnits === 0n
      ? []
      : [{ title: 'VAT', rate: String(spec.taxRate / 10_000), price: bag(shopUnits, presentmentUnits) }];
  const lineItems: ShopifyLineItem[] = spec.lines.map((line, n) => {
    const s = shop.lines[n];
    const p = presentment.lines[n];
    if (!s || !p) throw new Error('generator: line amounts missing');
    return {
      gid: `gid://shopify/LineItem/${index * 100 + n + 1}`,
      sku: `SKU-${n}`,
      title: `Product ${n}`,
      variantTitle: n % 2 === 0 ? 'Blue' : null,
      variantGid: null,
      quantity: line.quantity,
      currentQuantity: line.quantity - line.refunded,
      taxable: line.taxable,
      originalUnitPrice: bag(s.unit, p.unit),
      discountAllocations: s.discount === 0n && p.discount === 0n ? [] : [bag(s.discount, p.discount)],
      taxLines: taxLine(s.tax, p.tax),
    };
  });
  const shippingLines: ShopifyShippingLine[] = spec.shipping.map((_line, n) => {
    const s = shop.shipping[n];
    const p = presentment.shipping[n];
    if (!s || !p) throw new Error('generator: shipping amounts missing');
    return {
      gid: `gid://shopify/ShippingLine/${index * 100 + n + 1}`,
      title: `Carrier ${n}`,
      code: null,
      originalPrice: bag(s.price, p.price),
      discountedPrice: bag(s.discounted, p.discounted),
      currentDiscountedPrice: bag(s.current, p.current),
      taxLines: taxLine(s.tax, p.tax),
    };
  });
  const order: ShopifyOrder = {
    gid: `gid://shopify/Order/${index + 1}`,
    legacyId: String(index + 1),
    name: `#${1000 + index}`,
    email: null,
    phone: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    processedAt: '2026-01-01T00:00:00.000Z',
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    test: false,
    tags: [],
    poNumber: null,
    sourceName: 'web',
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    currency: spec.shop.iso,
    presentmentCurrency: spec.presentment.iso,
    taxesIncluded: spec.taxesIncluded,
    customerGid: null,
    companyGid: null,
    companyLocationGid: null,
    billingAddress: null,
    shippingAddress: null,
    totals: {
      total: bag(shop.total, presentment.total),
      subtotal: bag(shop.subtotal, presentment.subtotal),
      tax: bag(shop.tax, presentment.tax),
      discounts: bag(shop.discounts, presentment.discounts),
      shipping: bag(shop.shippingTotal, presentment.shippingTotal),
      refunded: bag(shop.total - shop.currentTotal, presentment.total - presentment.currentTotal),
      currentTotal: bag(shop.currentTotal, presentment.currentTotal),
      currentSubtotal: bag(shop.currentSubtotal, presentment.currentSubtotal),
      currentTax: bag(shop.currentTax, presentment.currentTax),
      currentDiscounts: bag(shop.currentDiscounts, presentment.currentDiscounts),
    },
    lineItems,
    shippingLines,
    taxLines: taxLine(shop.tax, presentment.tax),
    discountApplications: [],
  };
  return { order, shop, presentment };
}

const currencyPair = fc.oneof(
  fc.constantFrom(USD, EUR, GBP, JPY).map((currency) => ({ shop: currency, presentment: currency, rate: 100 })),
  fc.constant({ shop: USD, presentment: EUR, rate: 92 }),
  fc.constant({ shop: EUR, presentment: JPY, rate: 16_300 }),
  fc.constant({ shop: GBP, presentment: USD, rate: 127 }),
);

const orderSpec: fc.Arbitrary<OrderSpec> = fc
  .record({
    currencies: currencyPair,
    taxesIncluded: fc.boolean(),
    taxRate: fc.constantFrom(0, 700, 825, 1000, 2000, 2100),
    lines: fc.array(
      fc
        .record({
          unit: fc.integer({ min: 0, max: 250_000 }),
          quantity: fc.integer({ min: 1, max: 12 }),
          refundShare: fc.double({ min: 0, max: 1, noNaN: true }),
          refunds: fc.boolean(),
          taxable: fc.boolean(),
          lineDiscountPercent: fc.constantFrom(0, 0, 5, 10, 15, 33, 100),
        })
        .map(({ refundShare, refunds, ...line }) => ({
          ...line,
          refunded: refunds ? Math.floor(refundShare * line.quantity) : 0,
        })),
      { minLength: 1, maxLength: 6 },
    ),
    orderDiscountPercent: fc.constantFrom(0, 0, 10, 12, 25),
    shipping: fc.array(
      fc.record({
        price: fc.integer({ min: 0, max: 5_000 }),
        discountPercent: fc.constantFrom(0, 0, 50, 100),
        refunded: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ currencies, ...rest }) => ({ ...rest, ...currencies }));

const settingsArbitrary = fc.record({
  currency: fc.constantFrom('shop' as const, 'presentment' as const),
  shippingAs: fc.constantFrom('freight' as const, 'line' as const),
});

/** The simulator request shape, for a JSON body under /api/data/v9.2/. */
function request(method: string, path: string, body?: unknown) {
  const [pathname = '', query = ''] = path.split('?');
  return {
    method,
    path: `/api/data/v9.2/${pathname}`,
    query: new URLSearchParams(query),
    headers: { accept: 'application/json', 'content-type': 'application/json', prefer: 'return=representation' },
    body: body === undefined ? '' : JSON.stringify(body),
    origin: 'http://order-totals.test',
  };
}

/**
 * The plan as one deep insert. Our own columns (`sv_*`) are left out: provisioning them is another test's subject
 * (packages/dataverse), and they take no part in pricing.
 */
function deepInsert(plan: OrderWritePlan): Record<string, unknown> {
  const ours = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).filter(([name]) => !name.startsWith('sv_')));
  return { ...ours(plan.header.row), order_details: plan.lines.map((line) => ours(line.row)) };
}

/** Decimal text as bigint units at `precision` (the simulator writes money with four places). */
function units(value: string, precision: number): bigint {
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const kept = fraction.slice(0, precision).padEnd(precision, '0');
  if (/[1-9]/.test(fraction.slice(precision))) throw new Error(`${value} has more than ${precision} decimals`);
  const magnitude = BigInt(`${whole}${kept}`);
  return value.startsWith('-') ? -magnitude : magnitude;
}

describe('generated orders (the generator itself)', () => {
  it('builds orders whose totals derive from their lines, discounts, shipping, taxes and refunds', () => {
    fc.assert(
      fc.property(orderSpec, (spec) => {
        const { order, shop } = buildOrder(spec, 0);
        const lineNet = order.lineItems.reduce((sum, line) => {
          const s = shop.lines[order.lineItems.indexOf(line)];
          return sum + (s ? s.unit * BigInt(line.quantity) - s.discount : 0n);
        }, 0n);
        // Totals as placed: subtotal = lines less discounts; total = subtotal + shipping (+ tax when added).
        expect(shop.subtotal).toBe(lineNet);
        expect(shop.total).toBe(shop.subtotal + shop.shippingTotal + (spec.taxesIncluded ? 0n : shop.tax));
        // Discounts never exceed what they discount; taxes are never negative.
        for (const line of shop.lines) expect(line.tax >= 0n && line.discount >= 0n).toBe(true);
        order.lineItems.forEach((line, n) => {
          const s = shop.lines[n];
          if (s) expect(s.discount <= s.unit * BigInt(line.quantity)).toBe(true);
        });
        // The order-level allocations sum to the discount: no cent created or lost.
        expect(shop.discounts).toBe(
          shop.lines.reduce((sum, line) => sum + line.discount, 0n) +
            shop.shipping.reduce((sum, line) => sum + line.price - line.discounted, 0n),
        );
        // Refunds only reduce; a fully kept order's current totals are its totals.
        expect(shop.currentTotal <= shop.total && shop.currentTotal >= 0n).toBe(true);
        const refunds = spec.lines.some((line) => line.refunded > 0) || spec.shipping.some((line) => line.refunded);
        if (!refunds) expect([shop.currentTotal, shop.currentTax]).toEqual([shop.total, shop.tax]);
        for (const line of order.lineItems) expect(line.currentQuantity).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('computes Shopify-style amounts for a known order: 20 % VAT included, 10 % off, one unit refunded', () => {
    // Setup: 2 x 12.00 EUR with 10 % off = 21.60 gross, of which 3.60 VAT; shipping 4.80 gross, 0.80 VAT.
    const spec: OrderSpec = {
      shop: EUR,
      presentment: EUR,
      rate: 100,
      taxesIncluded: true,
      taxRate: 2000,
      lines: [{ unit: 1200, quantity: 2, refunded: 1, taxable: true, lineDiscountPercent: 10 }],
      orderDiscountPercent: 0,
      shipping: [{ price: 480, discountPercent: 0, refunded: false }],
    };

    // Action
    const { order } = buildOrder(spec, 0);

    // Assertions
    expect(order.totals.total.shop.amount).toBe('26.40');
    expect(order.totals.tax?.shop.amount).toBe('4.40');
    // Refunding one unit takes back 10.80 gross (1.80 VAT): 15.60 remain, 2.60 of it VAT.
    expect(order.totals.currentTotal.shop.amount).toBe('15.60');
    expect(order.totals.currentTax.shop.amount).toBe('2.60');
  });
});

/** About 100 orders keep the run well under 20 s (about 0.3 s here); a refund needs a correction in about a quarter. */
const RUNS = 100;

describe('order totals in the Dataverse simulator', () => {
  it('equal Shopify current total to the cent for every generated order (tax included or added, discounts, refunds)', async () => {
    // Setup: one in-process org with the currencies the generator uses (JPY with no decimals).
    const org = createDataverseOrg({
      name: 'http://order-totals.test',
      seed: {
        currencies: [
          { isoCode: 'USD', name: 'US Dollar', symbol: '$' },
          { isoCode: 'EUR', name: 'Euro', symbol: '€', exchangeRate: '0.92' },
          { isoCode: 'GBP', name: 'Pound Sterling', symbol: '£', exchangeRate: '0.79' },
          { isoCode: 'JPY', name: 'Yen', symbol: '¥', precision: 0, exchangeRate: '150' },
        ],
      },
    });
    let corrections = 0;
    let index = 0;

    // Action, Assertions
    await fc.assert(
      fc.asyncProperty(orderSpec, settingsArbitrary, async (spec, chosen) => {
        index += 1;
        const { order } = buildOrder(spec, index);
        const settings = storeSettings.parse({ orders: chosen }).orders;
        const plan = mapOrderToSalesOrder(order, {
          storeKey: 'prop',
          shopHandle: 'prop',
          correlationId: `run-${index}`,
          countryAs: 'name',
          settings,
          customer: null,
        });
        const bag = order.totals.currentTotal[settings.currency];
        const precision = bag.currency === 'JPY' ? 0 : 2;
        expect(plan.expected.currency).toBe(bag.currency);
        expect(units(plan.expected.totalamount, precision)).toBe(units(bag.amount, precision));
        // Without refunds, every amount is Shopify's own and the plan is exact with no correction line; prorated
        // refunds may round a cent differently from Shopify, which the correction line then carries.
        const refunds = spec.lines.some((line) => line.refunded > 0) || spec.shipping.some((line) => line.refunded);
        if (!refunds) expect(plan.correction, plan.warnings.join('; ')).toBeNull();
        if (plan.correction) corrections += 1;

        const created = await org.handle(request('POST', 'salesorders?$select=totalamount', deepInsert(plan)));
        expect(created.status, created.body).toBe(201);
        // Read as text: the number's digits, never a float.
        const total = /"totalamount":(-?[\d.]+)/.exec(created.body)?.[1];
        expect(total, created.body).toBeDefined();
        expect(units(total ?? '', precision)).toBe(units(bag.amount, precision));
      }),
      { numRuns: RUNS },
    );
    // Refunded shipping always needs one (its tax stays on the shipping tax line), prorated refunds sometimes.
    expect(corrections).toBeLessThan(RUNS / 2);
  });
});
