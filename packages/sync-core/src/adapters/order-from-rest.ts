import type { Money, MoneyBag } from '../models/money';
import type {
  ShopifyDiscountApplication,
  ShopifyLineItem,
  ShopifyOrder,
  ShopifyShippingLine,
  ShopifyTaxLine,
} from '../models/order';
import { addressFromRest as address, RestBodyError } from './from-rest';

/** A JSON object of a webhook body. */
export type Body = Record<string, unknown>;

/** `value` as an object, or a RestBodyError naming `what`. */
export function object(value: unknown, what: string): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RestBodyError(`${what} is not an object`);
  }
  return value as Body;
}

/** `value` as a list (absent or null: empty), or a RestBodyError naming `what`. */
export function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RestBodyError(`${what} is not a list`);
  return value;
}

/** A non-empty string, else null. */
export const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function requiredText(value: unknown, what: string): string {
  const result = text(value);
  if (result === null) throw new RestBodyError(`${what} is missing`);
  return result;
}

/**
 * ISO-8601 UTC as GraphQL's DateTime writes it ("2021-12-31T19:00:00Z", milliseconds only when there are some), so an
 * order from its delivery and one from the API are the same record; REST bodies write times with offsets
 * ("2021-12-31T19:00:00-05:00") or spaces.
 */
export function restTime(value: unknown, what: string): string {
  const parsed = typeof value === 'string' ? Date.parse(value.replace(' ', 'T').replace(' ', '')) : Number.NaN;
  if (Number.isNaN(parsed)) throw new RestBodyError(`${what} is not a time: ${JSON.stringify(value)}`);
  return new Date(parsed).toISOString().replace('.000Z', 'Z');
}

const optionalTime = (value: unknown, what: string): string | null =>
  value === null || value === undefined ? null : restTime(value, what);

/**
 * A gid from `admin_graphql_api_id`, which keeps every digit; the numeric `id` has lost precision above 2^53 once
 * parsed (SHOPIFY.md), so it serves only when it is a safe integer.
 */
function gidOf(body: Body, type: string, what: string): { gid: string; legacyId: string } {
  const gid = text(body.admin_graphql_api_id);
  const match = gid ? new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(gid) : null;
  if (gid && match?.[1]) return { gid, legacyId: match[1] };
  if (typeof body.id === 'number' && Number.isSafeInteger(body.id)) {
    return { gid: `gid://shopify/${type}/${body.id}`, legacyId: String(body.id) };
  }
  throw new RestBodyError(`${what} has neither a ${type} gid in admin_graphql_api_id nor a safe numeric id`);
}

/**
 * A gid from a bare numeric id (`variant_id`, `company.id`); null when there is none, or when it is past 2^53 and has
 * lost digits once parsed. `exact` throws then instead: for an id the sync binds by (the order's company), a null
 * would bind the order elsewhere, and a refused body makes the sync read the order from the API.
 */
function gidFromNumber(value: unknown, type: string, exact?: string): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return `gid://shopify/${type}/${value}`;
  if (typeof value === 'string' && /^\d+$/.test(value)) return `gid://shopify/${type}/${value}`;
  if (exact && value !== null && value !== undefined) {
    throw new RestBodyError(`${exact} is not an exact numeric id: ${JSON.stringify(value)}`);
  }
  return null;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function money(value: unknown, what: string): Money {
  const body = object(value, what);
  const amount = body.amount;
  if (typeof amount !== 'string' || !DECIMAL.test(amount)) {
    throw new RestBodyError(`${what}.amount is not a decimal amount: ${JSON.stringify(amount)}`);
  }
  const currency = body.currency_code;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw new RestBodyError(`${what}.currency_code is not a currency: ${JSON.stringify(currency)}`);
  }
  return { amount: graphqlDecimal(amount), currency };
}

/**
 * A decimal as GraphQL's Decimal writes it: no trailing zeros but one ("65.00" is "65.0", "19.90" is "19.9"), so that
 * money from a delivery and from the API are the same text.
 */
function graphqlDecimal(amount: string): string {
  if (!amount.includes('.')) return `${amount}.0`;
  const trimmed = amount.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

/** Money from a `*_set` (shop_money and presentment_money): never from the bare amount, whose currency is implied. */
export function moneyBagFromRest(value: unknown, what: string): MoneyBag {
  const body = object(value, what);
  return {
    shop: money(body.shop_money, `${what}.shop_money`),
    presentment: money(body.presentment_money, `${what}.presentment_money`),
  };
}

function optionalBag(value: unknown, what: string): MoneyBag | null {
  return value === null || value === undefined ? null : moneyBagFromRest(value, what);
}

function zeroMoneyBag(reference: MoneyBag): MoneyBag {
  return {
    shop: { amount: '0.0', currency: reference.shop.currency },
    presentment: { amount: '0.0', currency: reference.presentment.currency },
  };
}

/** A rate as a decimal string: REST writes it as a JSON number (0.21), whose shortest text is the rate. */
function rate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  return null;
}

function taxLines(value: unknown, what: string): ShopifyTaxLine[] {
  return list(value, what).map((entry, index) => {
    const body = object(entry, `${what}[${index}]`);
    return {
      title: text(body.title) ?? '',
      rate: rate(body.rate),
      price: moneyBagFromRest(body.price_set, `${what}[${index}].price_set`),
    };
  });
}

/** Units of each line refunded so far, from `refunds[].refund_line_items`: for bodies without `current_quantity`. */
function refundedQuantities(refunds: unknown[]): Map<string, number> {
  const refunded = new Map<string, number>();
  refunds.forEach((refund, index) => {
    const items = list(object(refund, `refunds[${index}]`).refund_line_items, `refunds[${index}].refund_line_items`);
    for (const item of items) {
      const body = object(item, `refunds[${index}].refund_line_items[]`);
      const id = body.line_item_id;
      const key = typeof id === 'number' || typeof id === 'string' ? String(id) : null;
      if (key && typeof body.quantity === 'number') refunded.set(key, (refunded.get(key) ?? 0) + body.quantity);
    }
  });
  return refunded;
}

/** A non-negative whole number (a quantity), or a RestBodyError naming `what`. */
export function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RestBodyError(`${what} is not a count: ${JSON.stringify(value)}`);
  }
  return value;
}

function lineItem(value: unknown, index: number, refunded: Map<string, number>): ShopifyLineItem {
  const what = `line_items[${index}]`;
  const body = object(value, what);
  const { gid, legacyId } = gidOf(body, 'LineItem', what);
  const quantity = count(body.quantity, `${what}.quantity`);
  // Bodies of older API versions have no current_quantity (null): the quantity less what refunds took back.
  const currentQuantity =
    body.current_quantity === null || body.current_quantity === undefined
      ? Math.max(0, quantity - (refunded.get(legacyId) ?? refunded.get(String(body.id)) ?? 0))
      : count(body.current_quantity, `${what}.current_quantity`);
  return {
    gid,
    sku: text(body.sku),
    title: requiredText(body.title, `${what}.title`),
    variantTitle: text(body.variant_title),
    variantGid: gidFromNumber(body.variant_id, 'ProductVariant'),
    quantity,
    currentQuantity,
    taxable: body.taxable !== false,
    originalUnitPrice: moneyBagFromRest(body.price_set, `${what}.price_set`),
    discountAllocations: list(body.discount_allocations, `${what}.discount_allocations`).map((entry, n) =>
      moneyBagFromRest(
        object(entry, `${what}.discount_allocations[${n}]`).amount_set,
        `${what}.discount_allocations[${n}].amount_set`,
      ),
    ),
    taxLines: taxLines(body.tax_lines, `${what}.tax_lines`),
  };
}

function shippingLine(value: unknown, index: number): ShopifyShippingLine {
  const what = `shipping_lines[${index}]`;
  const body = object(value, what);
  const current = optionalBag(body.current_discounted_price_set, `${what}.current_discounted_price_set`);
  return {
    gid: gidFromNumber(body.id, 'ShippingLine'),
    title: text(body.title) ?? '',
    code: text(body.code),
    originalPrice: moneyBagFromRest(body.price_set, `${what}.price_set`),
    discountedPrice: moneyBagFromRest(body.discounted_price_set, `${what}.discounted_price_set`),
    ...(current ? { currentDiscountedPrice: current } : {}),
    taxLines: taxLines(body.tax_lines, `${what}.tax_lines`),
  };
}

const DISCOUNT_KINDS: Record<string, ShopifyDiscountApplication['kind']> = {
  discount_code: 'code',
  automatic: 'automatic',
  manual: 'manual',
  script: 'script',
};

function discountApplication(value: unknown, index: number, currency: string): ShopifyDiscountApplication {
  const what = `discount_applications[${index}]`;
  const body = object(value, what);
  const kind = DISCOUNT_KINDS[text(body.type) ?? ''];
  if (!kind) throw new RestBodyError(`${what}.type is not a discount type: ${JSON.stringify(body.type)}`);
  const amount = text(body.value);
  if (!amount || !DECIMAL.test(amount))
    throw new RestBodyError(`${what}.value is not a decimal: ${JSON.stringify(body.value)}`);
  return {
    kind,
    label: text(body.code) ?? text(body.title),
    // GraphQL's enums are the REST values in upper case.
    allocationMethod: (text(body.allocation_method) ?? '').toUpperCase(),
    targetSelection: (text(body.target_selection) ?? '').toUpperCase(),
    targetType: (text(body.target_type) ?? '').toUpperCase(),
    // As GraphQL writes them: a percentage is a Float there ("10", "12.5"), an amount a Decimal ("10.0").
    value:
      body.value_type === 'percentage'
        ? { kind: 'percentage', percentage: String(Number(amount)) }
        : { kind: 'amount', amount: graphqlDecimal(amount), currency },
  };
}

/** REST fulfillment_status (null, "fulfilled", "partial", "restocked") as GraphQL's displayFulfillmentStatus. */
function fulfillmentStatus(value: unknown): string {
  const status = text(value);
  if (status === null) return 'UNFULFILLED';
  return status === 'partial' ? 'PARTIALLY_FULFILLED' : status.toUpperCase();
}

/**
 * What one refund paid back: its successful refund transactions. GraphQL's `totalRefundedSet` gives it in shop and
 * presentment money; a REST transaction carries both only in `amount_set`, so a transaction without it (its bare
 * `amount` is in a currency the body does not always name) makes the body unreadable, and the sync reads the order
 * from the API instead.
 */
export function refundTotal(refund: unknown, index: number, like: MoneyBag): MoneyBag {
  const what = `refunds[${index}]`;
  let total = zeroMoneyBag(like);
  list(object(refund, what).transactions, `${what}.transactions`).forEach((entry, n) => {
    const body = object(entry, `${what}.transactions[${n}]`);
    if (body.kind !== 'refund' || body.status !== 'success') return;
    total = plusMoneyBag(total, moneyBagFromRest(body.amount_set, `${what}.transactions[${n}].amount_set`));
  });
  return total;
}

/** What was refunded: every refund's total. */
function refundedTotal(refunds: unknown[], total: MoneyBag): MoneyBag {
  return refunds.reduce<MoneyBag>(
    (sum, refund, index) => plusMoneyBag(sum, refundTotal(refund, index, total)),
    zeroMoneyBag(total),
  );
}

/** The exact sum of two bags, in the first one's currencies. */
function plusMoneyBag(a: MoneyBag, b: MoneyBag): MoneyBag {
  return {
    shop: { amount: graphqlDecimal(plus(a.shop.amount, b.shop.amount)), currency: a.shop.currency },
    presentment: {
      amount: graphqlDecimal(plus(a.presentment.amount, b.presentment.amount)),
      currency: a.presentment.currency,
    },
  };
}

/** The exact sum of two decimal strings. */
function plus(a: string, b: string): string {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const units = (value: string): bigint => {
    const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
    const magnitude = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
    return value.startsWith('-') ? -magnitude : magnitude;
  };
  const sum = units(a) + units(b);
  const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, '0');
  const result = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return sum < 0n ? `-${result}` : result;
}

/**
 * An order from an `orders/*` webhook body (the REST shape; also the inner object of a REST `GET orders/{id}`).
 * Ids come from the gids (`admin_graphql_api_id`), money from the `*_set` objects, statuses in GraphQL's upper case,
 * so that the canonical order is the same whichever API it came from. A body it cannot read throws RestBodyError
 * naming the field: an `orders/edited` body (an `order_edit`) or an `orders/delete` body (only an id) is not an order.
 */
export function orderFromRest(value: unknown): ShopifyOrder {
  const body = object(value, 'the order body');
  if (!Array.isArray(body.line_items)) {
    throw new RestBodyError(
      'the order body has no line_items: it is not an order (orders/edited and orders/delete bodies are not)',
    );
  }
  const { gid, legacyId } = gidOf(body, 'Order', 'the order');
  const currency = requiredText(body.currency, 'currency');
  const total = moneyBagFromRest(body.total_price_set, 'total_price_set');
  const refunds = list(body.refunds, 'refunds');
  const refunded = refundedQuantities(refunds);
  const company = body.company === null || body.company === undefined ? null : object(body.company, 'company');
  const customer = body.customer === null || body.customer === undefined ? null : object(body.customer, 'customer');
  const tags =
    typeof body.tags === 'string'
      ? body.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean)
      : [];
  return {
    gid,
    legacyId,
    name: requiredText(body.name, 'name'),
    email: text(body.email) ?? text(body.contact_email),
    phone: text(body.phone),
    createdAt: restTime(body.created_at, 'created_at'),
    updatedAt: restTime(body.updated_at, 'updated_at'),
    processedAt: restTime(body.processed_at ?? body.created_at, 'processed_at'),
    cancelledAt: optionalTime(body.cancelled_at, 'cancelled_at'),
    cancelReason: text(body.cancel_reason)?.toUpperCase() ?? null,
    closedAt: optionalTime(body.closed_at, 'closed_at'),
    test: body.test === true,
    tags,
    poNumber: text(body.po_number),
    sourceName: text(body.source_name),
    financialStatus: text(body.financial_status)?.toUpperCase() ?? null,
    fulfillmentStatus: fulfillmentStatus(body.fulfillment_status),
    currency,
    presentmentCurrency: text(body.presentment_currency) ?? currency,
    taxesIncluded: body.taxes_included === true,
    customerGid: customer ? gidOf(customer, 'Customer', 'customer').gid : null,
    companyGid: company ? gidFromNumber(company.id, 'Company', 'company.id') : null,
    companyLocationGid: company ? gidFromNumber(company.location_id, 'CompanyLocation', 'company.location_id') : null,
    billingAddress: address(body.billing_address, 'billing_address'),
    shippingAddress: address(body.shipping_address, 'shipping_address'),
    totals: {
      total,
      subtotal: optionalBag(body.subtotal_price_set, 'subtotal_price_set'),
      tax: optionalBag(body.total_tax_set, 'total_tax_set'),
      discounts: optionalBag(body.total_discounts_set, 'total_discounts_set'),
      shipping: moneyBagFromRest(body.total_shipping_price_set, 'total_shipping_price_set'),
      refunded: refundedTotal(refunds, total),
      currentTotal: moneyBagFromRest(body.current_total_price_set, 'current_total_price_set'),
      currentSubtotal: moneyBagFromRest(body.current_subtotal_price_set, 'current_subtotal_price_set'),
      currentTax: moneyBagFromRest(body.current_total_tax_set, 'current_total_tax_set'),
      currentDiscounts: moneyBagFromRest(body.current_total_discounts_set, 'current_total_discounts_set'),
    },
    lineItems: body.line_items.map((line, index) => lineItem(line, index, refunded)),
    // A line removed by an order edit stays in REST's list (`is_removed`); GraphQL's list leaves it out.
    shippingLines: list(body.shipping_lines, 'shipping_lines')
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => (entry as { is_removed?: unknown } | null)?.is_removed !== true)
      .map(({ entry, index }) => shippingLine(entry, index)),
    taxLines: taxLines(body.tax_lines, 'tax_lines'),
    // A fixed discount's value is in the currency the customer saw.
    discountApplications: list(body.discount_applications, 'discount_applications').map((entry, index) =>
      discountApplication(entry, index, text(body.presentment_currency) ?? currency),
    ),
  };
}
