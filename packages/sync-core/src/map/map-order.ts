import type { ShopifyAddress } from '../models/address';
import type { Money, MoneyBag } from '../models/money';
import type { ShopifyOrder, ShopifyTaxLine } from '../models/order';
import type { OrderSettings } from '../settings/store-settings';
import { fieldMapColumns, type FieldMapEntry, ORDER_SOURCES } from './field-map';
import { decimalToJsonNumber } from './json-number';
import { addressColumns, fit } from './map-address';
import {
  add,
  compare,
  currencyPrecision,
  dec,
  dynamicsTotals,
  fitsScale,
  format,
  pricedLine,
  pricedOrderFromRows,
  prorate,
  sub,
  ZERO,
  type Dec,
  type DynamicsTotals,
  type LineAmounts,
} from './order-totals';

/** Column lengths of salesorder and salesorderdetail (DATAVERSE.md "Tables"). */
const ORDER_LENGTHS = { name: 300, description: 2000, addressName: 200, contactName: 150, productdescription: 500 };

/** The write-in product of the line that makes the CRM total equal Shopify's (see mapOrderToSalesOrder). */
export const CORRECTION_DESCRIPTION = 'Rounding adjustment (Shopverse)';

/** The write-in line that carries the tax of shipping written as freight, which has no tax column in Dynamics. */
export const SHIPPING_TAX_DESCRIPTION = 'Shipping tax (Shopverse)';

export interface OrderMappingOptions {
  /** The store's key: our ids are `<store key>_<legacy id>`. */
  storeKey: string;
  /** The shop's handle in admin.shopify.com URLs (`demo-us` for demo-us.myshopify.com). */
  shopHandle: string;
  correlationId: string;
  /** Dynamics' country column as the English name or the ISO code (store setting). */
  countryAs: 'name' | 'code';
  /** The store's order settings. */
  settings: OrderSettings;
  /** The customer the order is bound to, from the customer sync; null leaves customerid unwritten. */
  customer: { table: 'contact' | 'account'; id: string } | null;
  /** Our columns' prefix (DESIGN.md: `sv` by default). */
  prefix?: string;
  /** The org's transactioncurrency.currencyprecision for the order's currency; ISO 4217 minor units if not given. */
  precision?: number;
  /**
   * The org's transactioncurrency id for the order's currency. Dataverse defines no alternate key on the ISO code, so
   * the worker looks the id up; without it the bind names the code (for orgs that add such a key).
   */
  currencyId?: string;
  /**
   * The CRM's products by SKU (`productnumber`), looked up by the worker: Dataverse has no alternate key on it. A SKU
   * missing here is written in, with a warning. Without the map, lines bind by `productnumber` as a key.
   */
  products?: Record<string, { id: string; uomId: string | null }>;
  /** The unit (uom id) of SKU-bound lines: Dynamics requires one on a line with an existing product. */
  uomId?: string | null;
  /** The store's field map for sales orders (settings `fieldMap.salesorder`): more header columns. */
  fieldMap?: readonly FieldMapEntry[];
  /** The store's locale (settings `locale`), kept on the order as `sv_locale`; left out when not given. */
  locale?: string;
}

/** A row as we write it: text, a JSON number for Decimal and Money columns, a boolean, or null. */
export type OrderRow = Record<string, string | number | boolean | null>;

/** One order line to upsert by its key. */
export interface OrderLineWrite {
  /** Alternate key value (`<prefix>_shopifyid`). */
  key: string;
  /** What the line stands for: a Shopify line item, a shipping line, shipping's tax, or the correction. */
  kind: 'item' | 'shipping' | 'shippingTax' | 'correction';
  /** The Shopify line item's gid; null for the lines we add. */
  lineItemGid: string | null;
  /** The salesorderdetail row, without its parent binding (`salesorderid`), which the writer adds. */
  row: OrderRow;
}

/** Why the plan has a correction line, and by how much. */
export interface OrderCorrection {
  key: string;
  /** Shopify's current total minus what Dynamics would compute without the correction. */
  amount: string;
  shopifyTotal: string;
  totalWithoutCorrection: string;
}

/**
 * What to write for one Shopify order: the header, its lines (those of the order that are no longer in the plan are
 * to be deleted by the writer), and the totals Dynamics will compute from it, which equal Shopify's current total.
 */
export interface OrderWritePlan {
  /** Logical names of the order and line tables (salesorder and salesorderdetail, or our custom tables). */
  tables: { order: string; line: string };
  header: { key: string; row: OrderRow };
  lines: OrderLineWrite[];
  correction: OrderCorrection | null;
  /** What was cut, approximated or corrected: the sync log shows each. */
  warnings: string[];
  /** The totals Dynamics computes from this plan, in `currency` at `precision` places. */
  expected: DynamicsTotals & { currency: string; precision: number };
}

/**
 * An order whose amounts cannot be read or whose CRM total cannot be made to equal Shopify's; nothing of it should be
 * written. A permanent error: retrying the same order gives the same result.
 */
export class OrderTotalsError extends Error {
  override readonly name = 'OrderTotalsError';
  readonly code = 'order.totals_mismatch';
  constructor(
    message: string,
    readonly correlationId: string | null = null,
  ) {
    super(message);
  }
}

/** Picks the side of a MoneyBag the order is written in, checking its currency. */
export function amountOf(bag: MoneyBag, side: 'shop' | 'presentment', currency: string, what: string): Dec {
  const money: Money = bag[side];
  if (money.currency.toUpperCase() !== currency) {
    throw new OrderTotalsError(`${what} is in ${money.currency}, not in the order's ${side} currency ${currency}`);
  }
  return dec(money.amount, what);
}

function sumTax(lines: ShopifyTaxLine[], side: 'shop' | 'presentment', currency: string, what: string): Dec {
  return lines.reduce((total, line) => add(total, amountOf(line.price, side, currency, `${what} tax`)), ZERO);
}

function money(value: Dec, column: string, precision: number): number {
  return decimalToJsonNumber(format(value, Math.max(precision, value.scale)), column);
}

function pricedColumns(amounts: LineAmounts, precision: number): OrderRow {
  return {
    quantity: amounts.quantity,
    priceperunit: money(amounts.price, 'priceperunit', precision),
    ispriceoverridden: true,
    manualdiscountamount: money(amounts.manual, 'manualdiscountamount', precision),
    tax: money(amounts.tax, 'tax', precision),
  };
}

/** An OData key literal: single quotes doubled. */
const quoted = (value: string): string => `'${value.replace(/'/g, "''")}'`;

function personName(address: ShopifyAddress): string | null {
  return [address.firstName, address.lastName].filter((part) => part?.trim()).join(' ') || null;
}

function addressBlock(
  address: ShopifyAddress | null,
  slot: 'billto' | 'shipto',
  countryAs: 'name' | 'code',
  warnings: string[],
): OrderRow {
  if (!address) return {};
  const person = personName(address);
  return {
    ...addressColumns(address, slot, countryAs, warnings),
    [`${slot}_name`]: fit(`${slot}_name`, address.company?.trim() || person, ORDER_LENGTHS.addressName, warnings),
    [`${slot}_contactname`]: fit(`${slot}_contactname`, person, ORDER_LENGTHS.contactName, warnings),
  };
}

/** The CRM name of an order from the store's template (`{storeKey}`, `{name}`, `{number}`), fitted to 300. */
export function orderName(
  order: ShopifyOrder,
  options: Pick<OrderMappingOptions, 'settings' | 'storeKey'>,
  warnings: string[],
): string {
  const number = /\d+/.exec(order.name)?.[0] ?? order.legacyId;
  const name = options.settings.nameTemplate.replace(/\{(storeKey|name|number)\}/g, (_match, field: string) =>
    field === 'storeKey' ? options.storeKey : field === 'name' ? order.name : number,
  );
  return fit('name', name, ORDER_LENGTHS.name, warnings) ?? order.name;
}

function description(order: ShopifyOrder): string {
  const parts = [`Shopify order ${order.name}`];
  if (order.poNumber) parts.push(`PO ${order.poNumber}`);
  if (order.sourceName) parts.push(`source ${order.sourceName}`);
  if (order.tags.length > 0) parts.push(`tags: ${order.tags.join(', ')}`);
  if (order.test) parts.push('test order');
  return parts.join('; ').slice(0, ORDER_LENGTHS.description);
}

/**
 * A Shopify order as a Dynamics sales order with its lines, in the store's chosen currency, such that the totals
 * Dynamics computes equal Shopify's current total to the cent. Pure.
 *
 * Discounts: Shopify allocates every discount, order-level ones included, to the lines (and to shipping lines for
 * shipping discounts), so each line's allocations are its manualdiscountamount and the header's discountamount is 0:
 * an order-level amount on the header would be a second copy of what the lines already carry.
 *
 * Current state: lines are written with their current quantity (lines at 0 are left out, and the writer deletes
 * them); a line's discount and tax are Shopify's, prorated to that quantity when part of the line was removed.
 *
 * Shipping: as freight, the sum of the shipping lines after their discounts (and refunds, where the source says),
 * net of tax when taxes are included; as Dynamics' freight has no tax column, shipping's tax is one more write-in
 * line, "Shipping tax (Shopverse)", at price 0, so that totaltax is Shopify's total tax. As lines: one write-in line
 * per shipping line, priced like a product line.
 *
 * The invariant: the plan's totals are computed with Dynamics' own formulas (order-totals.ts). If they differ from
 * Shopify's current total (Shopify rounds a prorated refund differently; tips, duties or fees we do not write), one
 * write-in line "Rounding adjustment (Shopverse)" of the difference (possibly negative) is added, with a warning
 * naming both totals. If even that cannot make them equal, OrderTotalsError is thrown and nothing is written.
 */
export function mapOrderToSalesOrder(order: ShopifyOrder, options: OrderMappingOptions): OrderWritePlan {
  try {
    return planOrder(order, options);
  } catch (error) {
    // Every refusal names the order and carries the correlation id, for the sync log and the failed list.
    if (!(error instanceof Error)) throw error;
    throw new OrderTotalsError(`order ${order.name}: ${error.message}`, options.correlationId);
  }
}

function planOrder(order: ShopifyOrder, options: OrderMappingOptions): OrderWritePlan {
  const prefix = options.prefix ?? 'sv';
  const settings = options.settings;
  const side = settings.currency;
  const currency = (side === 'shop' ? order.currency : order.presentmentCurrency).toUpperCase();
  const precision = options.precision ?? currencyPrecision(currency);
  const warnings: string[] = [];
  const orderKey = `${options.storeKey}_${order.legacyId}`;
  const amount = (bag: MoneyBag, what: string): Dec => {
    const value = amountOf(bag, side, currency, what);
    if (!fitsScale(value, precision)) {
      throw new OrderTotalsError(
        `${what} ${value.units < 0n ? '-' : ''}${format(value)} ${currency} has more decimals than the CRM currency keeps (${precision})`,
      );
    }
    return value;
  };
  const common = (key: string): OrderRow => ({
    [`${prefix}_shopifyid`]: key,
    [`${prefix}_lastcorrelationid`]: options.correlationId,
  });

  const lines: OrderLineWrite[] = [];
  for (const item of order.lineItems) {
    if (item.currentQuantity <= 0) continue;
    const what = `line item ${item.gid}`;
    const discount = item.discountAllocations.reduce(
      (total, allocation) => add(total, amount(allocation, `${what} discount`)),
      ZERO,
    );
    const tax = item.taxLines.reduce((total, line) => add(total, amount(line.price, `${what} tax`)), ZERO);
    const priced = pricedLine(
      amount(item.originalUnitPrice, `${what} unit price`),
      item.currentQuantity,
      prorate(discount, item.currentQuantity, item.quantity, precision),
      prorate(tax, item.currentQuantity, item.quantity, precision),
      order.taxesIncluded,
      precision,
    );
    const title = item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title;
    const sku = item.sku?.trim();
    const known = sku ? options.products?.[sku] : undefined;
    if (settings.products === 'bySku' && sku && options.products && !known) {
      warnings.push(`SKU "${sku}" (${item.title}) is not a product in the CRM; the line is written in`);
    }
    const uomId = known?.uomId ?? options.uomId;
    const product: OrderRow =
      settings.products === 'bySku' && sku && (known || !options.products)
        ? {
            isproductoverridden: false,
            'productid@odata.bind': known ? `/products(${known.id})` : `/products(productnumber=${quoted(sku)})`,
            ...(uomId ? { 'uomid@odata.bind': `/uoms(${uomId})` } : {}),
          }
        : {
            isproductoverridden: true,
            productdescription: fit('productdescription', title, ORDER_LENGTHS.productdescription, warnings),
          };
    const key = `${options.storeKey}_${/\d+$/.exec(item.gid)?.[0] ?? item.gid}`;
    lines.push({
      key,
      kind: 'item',
      lineItemGid: item.gid,
      row: { ...product, ...pricedColumns(priced, precision), ...common(key) },
    });
  }

  let freight = ZERO;
  let shippingTax = ZERO;
  order.shippingLines.forEach((line, index) => {
    const what = `shipping line "${line.title}"`;
    const original = amount(line.originalPrice, `${what} price`);
    const discounted = amount(line.currentDiscountedPrice ?? line.discountedPrice, `${what} discounted price`);
    const tax = sumTax(line.taxLines, side, currency, what);
    if (settings.shippingAs === 'line') {
      const key = `${orderKey}_ship${index + 1}`;
      const priced = pricedLine(original, 1, sub(original, discounted), tax, order.taxesIncluded, precision);
      lines.push({
        key,
        kind: 'shipping',
        lineItemGid: null,
        row: {
          isproductoverridden: true,
          productdescription: fit(
            'productdescription',
            `Shipping: ${line.title}`,
            ORDER_LENGTHS.productdescription,
            warnings,
          ),
          ...pricedColumns(priced, precision),
          ...common(key),
        },
      });
    } else {
      freight = add(freight, order.taxesIncluded ? sub(discounted, tax) : discounted);
      shippingTax = add(shippingTax, tax);
    }
  });
  if (compare(freight, ZERO) < 0) {
    // freightamount is >= 0 in Dynamics; the correction line carries what is left.
    warnings.push(`shipping net of tax is negative (${format(freight)} ${currency}); freight written as 0`);
    freight = ZERO;
  }
  if (compare(shippingTax, ZERO) !== 0) {
    const key = `${orderKey}_shiptax`;
    lines.push({
      key,
      kind: 'shippingTax',
      lineItemGid: null,
      row: {
        isproductoverridden: true,
        productdescription: SHIPPING_TAX_DESCRIPTION,
        ...pricedColumns({ quantity: 1, price: ZERO, manual: ZERO, tax: shippingTax }, precision),
        ...common(key),
      },
    });
  }

  const table =
    settings.target === 'salesorder' ? { order: 'salesorder', line: 'salesorderdetail' } : settings.customTables;
  const priceList = settings.priceLists[currency];
  const customer = options.customer;
  const header: OrderRow = {
    // First, so that nothing the field map names can replace a column the sync writes (settings refuse it anyway).
    ...fieldMapColumns(ORDER_SOURCES, order, options.fieldMap, warnings),
    name: orderName(order, options, warnings),
    'transactioncurrencyid@odata.bind': options.currencyId
      ? `/transactioncurrencies(${options.currencyId})`
      : `/transactioncurrencies(isocurrencycode=${quoted(currency)})`,
    ...(priceList ? { 'pricelevelid@odata.bind': `/pricelevels(${priceList})` } : {}),
    ...(customer
      ? {
          [`customerid_${customer.table}@odata.bind`]: `/${customer.table === 'contact' ? 'contacts' : 'accounts'}(${customer.id})`,
        }
      : {}),
    discountamount: 0,
    freightamount: money(freight, 'freightamount', precision),
    ...addressBlock(order.billingAddress, 'billto', options.countryAs, warnings),
    ...addressBlock(order.shippingAddress, 'shipto', options.countryAs, warnings),
    description: description(order),
    ...common(orderKey),
    [`${prefix}_ordername`]: order.name,
    [`${prefix}_financialstatus`]: order.financialStatus,
    [`${prefix}_fulfillmentstatus`]: order.fulfillmentStatus,
    [`${prefix}_shopifyurl`]: `https://admin.shopify.com/store/${options.shopHandle}/orders/${order.legacyId}`,
    [`${prefix}_currency`]: order.currency,
    [`${prefix}_presentmentcurrency`]: order.presentmentCurrency,
    ...(options.locale ? { [`${prefix}_locale`]: options.locale } : {}),
    [`${prefix}_processedon`]: order.processedAt,
    [`${prefix}_cancelledon`]: order.cancelledAt,
    [`${prefix}_closedon`]: order.closedAt,
  };

  const shopifyTotal = amount(order.totals.currentTotal, 'current total');
  const totalsOf = (): DynamicsTotals =>
    dynamicsTotals(
      pricedOrderFromRows(
        header,
        lines.map((line) => line.row),
      ),
      precision,
    );
  let totals = totalsOf();
  let correction: OrderCorrection | null = null;
  const difference = sub(shopifyTotal, dec(totals.totalamount, 'computed total'));
  if (compare(difference, ZERO) !== 0) {
    const key = `${orderKey}_adj`;
    correction = {
      key,
      amount: format(difference, precision),
      shopifyTotal: format(shopifyTotal, precision),
      totalWithoutCorrection: totals.totalamount,
    };
    lines.push({
      key,
      kind: 'correction',
      lineItemGid: null,
      row: {
        isproductoverridden: true,
        productdescription: CORRECTION_DESCRIPTION,
        ...pricedColumns({ quantity: 1, price: difference, manual: ZERO, tax: ZERO }, precision),
        ...common(key),
      },
    });
    warnings.push(
      `Dynamics would total ${totals.totalamount} ${currency} but Shopify's current total is ` +
        `${correction.shopifyTotal} ${currency}; a correction line of ${correction.amount} ${currency} was added`,
    );
    totals = totalsOf();
  }
  if (compare(dec(totals.totalamount, 'computed total'), shopifyTotal) !== 0) {
    throw new OrderTotalsError(
      `Dynamics would total ${totals.totalamount} ${currency}, Shopify's current total is ` +
        `${format(shopifyTotal, precision)} ${currency}, and a correction line cannot close the gap. Not written.`,
    );
  }
  if (side === 'presentment' && order.presentmentCurrency !== order.currency) {
    warnings.push(`written in the customer's currency ${currency}; the shop's currency is ${order.currency}`);
  }
  return {
    tables: table,
    header: { key: orderKey, row: header },
    lines,
    correction,
    warnings,
    expected: { ...totals, currency, precision },
  };
}
