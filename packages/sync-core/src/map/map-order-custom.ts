import type { ShopifyOrder } from '../models/order';
import type { ShopifyOrderEvents } from '../models/order-events';
import type { CrmValue } from '../plan/plan-row';
import type { OrderSettings } from '../settings/store-settings';
import { decimalToJsonNumber } from './json-number';
import { fit } from './map-address';
import { amountOf, orderName } from './map-order';
import { add, currencyPrecision, type Dec, format, mul, prorate, sub, ZERO } from './order-totals';

/** Options of {@link mapOrderToCustomTables}; the same as the sales order mapping's where they overlap. */
export interface CustomOrderOptions {
  storeKey: string;
  shopHandle: string;
  correlationId: string;
  settings: OrderSettings;
  customer: { table: 'contact' | 'account'; id: string } | null;
  prefix?: string;
  /** The store's locale, kept on the order (`sv_locale`); left out when not given. */
  locale?: string;
}

/** One row for a custom table, by our key. */
export interface CustomRow {
  key: string;
  /** The Shopify record it mirrors (line item or refund gid); null for the order itself. */
  gid: string | null;
  row: Record<string, CrmValue>;
}

/** The write plan of an order whose store writes orders to our own tables (settings `orders.target: custom`). */
export interface CustomOrderPlan {
  tables: { order: string; line: string; refund: string };
  order: CustomRow;
  lines: CustomRow[];
  refunds: CustomRow[];
  warnings: string[];
}

const LINE_NAME = 500;

/**
 * An order as rows of our custom order, line and refund tables (provisioned by `provisionOrderTables`): the figures
 * exactly as Shopify states them, in the chosen currency, since no Dynamics pricing recomputes them here. The order
 * binding of lines and refunds (`<prefix>_orderid`) is the writer's, by the changeset's content id.
 */
export function mapOrderToCustomTables(
  order: ShopifyOrder,
  events: ShopifyOrderEvents,
  options: CustomOrderOptions,
): CustomOrderPlan {
  const prefix = options.prefix ?? 'sv';
  const column = (name: string) => `${prefix}_${name}`;
  const side = options.settings.currency;
  const currency = (side === 'shop' ? order.currency : order.presentmentCurrency).toUpperCase();
  const precision = currencyPrecision(currency);
  const warnings: string[] = [];
  const money = (value: Dec, name: string) => decimalToJsonNumber(format(value, precision), column(name));
  const { totals } = order;
  const subtotal = amountOf(totals.currentSubtotal, side, currency, `${order.name} subtotal`);
  const tax = amountOf(totals.currentTax, side, currency, `${order.name} tax`);
  const total = amountOf(totals.currentTotal, side, currency, `${order.name} total`);
  // Shopify's total is the subtotal, the shipping and (when prices exclude it) the tax: shipping is what remains.
  const freight = sub(sub(total, subtotal), order.taxesIncluded ? ZERO : tax);
  const key = `${options.storeKey}_${order.legacyId}`;
  const bookkeeping = { [column('shopifyid')]: key, [column('lastcorrelationid')]: options.correlationId };
  const customer = options.customer
    ? {
        [`${column(options.customer.table === 'contact' ? 'contactid' : 'accountid')}@odata.bind`]: `/${options.customer.table}s(${options.customer.id})`,
      }
    : {};
  const orderRow: Record<string, CrmValue> = {
    [column('name')]: orderName(order, options, warnings),
    ...bookkeeping,
    ...customer,
    [column('ordername')]: order.name,
    [column('currency')]: currency,
    [column('presentmentcurrency')]: order.presentmentCurrency,
    ...(options.locale ? { [column('locale')]: options.locale } : {}),
    [column('shopifyurl')]: `https://admin.shopify.com/store/${options.shopHandle}/orders/${order.legacyId}`,
    [column('subtotal')]: money(subtotal, 'subtotal'),
    [column('totaldiscount')]: money(
      amountOf(totals.currentDiscounts, side, currency, `${order.name} discounts`),
      'totaldiscount',
    ),
    [column('totaltax')]: money(tax, 'totaltax'),
    [column('freight')]: money(freight, 'freight'),
    [column('total')]: money(total, 'total'),
    [column('processedon')]: order.processedAt,
    [column('cancelledon')]: order.cancelledAt,
    [column('closedon')]: order.closedAt,
  };
  const lines = order.lineItems
    .filter((item) => item.currentQuantity > 0)
    .map((item): CustomRow => {
      const what = `${order.name} line ${item.gid}`;
      const unit = amountOf(item.originalUnitPrice, side, currency, `${what} unit price`);
      const discount = prorate(
        item.discountAllocations.reduce(
          (sum, allocation) => add(sum, amountOf(allocation, side, currency, `${what} discount`)),
          ZERO,
        ),
        item.currentQuantity,
        item.quantity,
        precision,
      );
      const lineTax = prorate(
        item.taxLines.reduce((sum, line) => add(sum, amountOf(line.price, side, currency, `${what} tax`)), ZERO),
        item.currentQuantity,
        item.quantity,
        precision,
      );
      const lineKey = `${options.storeKey}_${/\d+$/.exec(item.gid)?.[0] ?? item.gid}`;
      const title = item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title;
      return {
        key: lineKey,
        gid: item.gid,
        row: {
          [column('name')]: fit(column('name'), title, LINE_NAME, warnings),
          [column('shopifyid')]: lineKey,
          [column('lastcorrelationid')]: options.correlationId,
          [column('sku')]: item.sku?.trim() || null,
          [column('variant')]: item.variantTitle,
          [column('quantity')]: item.currentQuantity,
          [column('unitprice')]: money(unit, 'unitprice'),
          [column('discount')]: money(discount, 'discount'),
          [column('tax')]: money(lineTax, 'tax'),
          // What the line comes to after its discounts (tax inside it when the shop's prices include tax).
          [column('total')]: money(
            sub(mul(unit, { units: BigInt(item.currentQuantity), scale: 0 }), discount),
            'total',
          ),
        },
      };
    });
  const titles = new Map(order.lineItems.map((item) => [item.gid, item.sku?.trim() || item.title]));
  const refunds = events.refunds.map((refund): CustomRow => {
    const refundKey = `${options.storeKey}_${/\d+$/.exec(refund.gid)?.[0] ?? refund.gid}`;
    const amount = amountOf(refund.totalRefunded, side, currency, `${order.name} refund ${refund.gid}`);
    const text = refund.lines
      .map((line) => `${line.quantity} x ${titles.get(line.lineItemGid) ?? line.lineItemGid} (${line.restockType})`)
      .join('\n');
    return {
      key: refundKey,
      gid: refund.gid,
      row: {
        [column('name')]: `Refund of ${order.name}, ${refund.createdAt.slice(0, 10)}`,
        [column('shopifyid')]: refundKey,
        [column('lastcorrelationid')]: options.correlationId,
        [column('amount')]: money(amount, 'amount'),
        [column('currency')]: currency,
        [column('refundedon')]: refund.createdAt,
        [column('lines')]: fit(column('lines'), text || null, 4000, warnings),
        [column('note')]: fit(column('note'), refund.note, 2000, warnings),
      },
    };
  });
  return {
    tables: options.settings.customTables,
    order: { key, gid: null, row: orderRow },
    lines,
    refunds,
    warnings,
  };
}
