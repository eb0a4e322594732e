import { add, dec, div, format, mul, round, sub, ZERO, type Dec } from './decimal';
import type { TableDef } from './metadata/types';
import { isLookup, type Row, type StoredValue } from './store';
import type { OrgContext } from './context';

/**
 * Dynamics' system pricing for orders (OOBPriceCalculationEnabled on, line-item discounts), as DATAVERSE.md
 * ("System pricing") states it:
 *   line:  baseamount      = (priceperunit - volumediscountamount) x quantity
 *          extendedamount  = baseamount - manualdiscountamount + tax
 *   order: totallineitemamount         = sum(baseamount - manualdiscountamount)
 *          totallineitemdiscountamount = sum(manualdiscountamount)
 *          order discount              = discountamount + discountpercentage% x totallineitemamount
 *          totaldiscountamount         = order discount + sum(manualdiscountamount)
 *          totalamountlessfreight      = totallineitemamount - order discount
 *          totaltax                    = sum(tax)            (tax is taken as written, never computed)
 *          totalamount                 = totalamountlessfreight + freightamount + totaltax
 * Amounts are rounded half away from zero to the currency's precision (transactioncurrency.currencyprecision,
 * default 2) and stored, like every money value, with 4 decimal places. All arithmetic is exact (decimal.ts).
 */

const MONEY_SCALE = 4;

function amount(value: StoredValue | undefined): Dec {
  return typeof value === 'string' ? dec(value) : ZERO;
}

/** The precision of the currency a row is in. */
export function currencyPrecision(context: OrgContext, currency: StoredValue | undefined): number {
  if (!isLookup(currency)) return 2;
  const precision = context.store.get('transactioncurrency', currency.id)?.values.currencyprecision;
  return typeof precision === 'number' ? precision : 2;
}

function money(value: Dec, precision: number): string {
  return format(round(value, precision), MONEY_SCALE);
}

/** The computed columns of one order line from its (merged) values. */
export function lineAmounts(
  values: Record<string, StoredValue>,
  precision: number,
): { baseamount: string; extendedamount: string } {
  const quantity = amount(values.quantity);
  const price = sub(amount(values.priceperunit), amount(values.volumediscountamount));
  const base = round(mul(price, quantity), precision);
  const extended = add(sub(base, amount(values.manualdiscountamount)), amount(values.tax));
  return { baseamount: money(base, precision), extendedamount: money(extended, precision) };
}

/** The order's totals from its lines. */
export function orderTotals(order: Row, lines: Row[], precision: number): Record<string, string> {
  let lineItems = ZERO;
  let lineDiscounts = ZERO;
  let tax = ZERO;
  for (const line of lines) {
    const manual = amount(line.values.manualdiscountamount);
    lineItems = add(lineItems, sub(amount(line.values.baseamount), manual));
    lineDiscounts = add(lineDiscounts, manual);
    tax = add(tax, amount(line.values.tax));
  }
  lineItems = round(lineItems, precision);
  // discountpercentage is a percentage (0..100, sales_Order.cdm.json maximumValue 100).
  const percentage = mul(amount(order.values.discountpercentage), lineItems);
  const orderDiscount = round(
    add(amount(order.values.discountamount), { units: percentage.units, scale: percentage.scale + 2 }),
    precision,
  );
  const lessFreight = sub(lineItems, orderDiscount);
  const total = add(add(lessFreight, amount(order.values.freightamount)), tax);
  return {
    totallineitemamount: money(lineItems, precision),
    totallineitemdiscountamount: money(lineDiscounts, precision),
    totaldiscountamount: money(add(orderDiscount, lineDiscounts), precision),
    totalamountlessfreight: money(lessFreight, precision),
    totaltax: money(tax, precision),
    totalamount: money(total, precision),
  };
}

/** The lines of an order. */
export function orderLines(context: OrgContext, orderId: string): Row[] {
  return context.store.all('salesorderdetail').filter((line) => {
    const parent = line.values.salesorderid;
    return isLookup(parent) && parent.id === orderId;
  });
}

/** Recomputes and stores an order's totals when they changed. */
export function recalculateOrder(context: OrgContext, orderId: string): void {
  const order = context.store.get('salesorder', orderId);
  if (!order) return;
  const totals: Record<string, StoredValue> = orderTotals(
    order,
    orderLines(context, orderId),
    currencyPrecision(context, order.values.transactioncurrencyid),
  );
  const table = context.tables.get('salesorder');
  if (table) Object.assign(totals, baseAmounts(context, table, { ...order.values, ...totals }));
  const changed = Object.entries(totals).some(([name, value]) => order.values[name] !== value);
  if (changed) context.store.update('salesorder', orderId, totals);
}

/**
 * The exchange rate and base-currency amounts Dynamics keeps beside every money column of a row in a currency:
 * exchangerate = the currency's rate (units per base unit) at the time of the write, x_base = x / exchangerate,
 * rounded to the base currency's precision.
 */
export function baseAmounts(
  context: OrgContext,
  table: TableDef,
  values: Record<string, StoredValue>,
): Record<string, StoredValue> {
  const currency = values.transactioncurrencyid;
  if (!isLookup(currency) || !table.columns.has('exchangerate')) return {};
  const rate = context.store.get('transactioncurrency', currency.id)?.values.exchangerate;
  if (typeof rate !== 'string' || dec(rate).units === 0n) return {};
  const base = context.store.all('transactioncurrency')[0];
  const precision = currencyPrecision(
    context,
    base ? { kind: 'lookup', table: 'transactioncurrency', id: base.id } : null,
  );
  const result: Record<string, StoredValue> = { exchangerate: rate };
  for (const column of table.columns.values()) {
    if (
      column.type !== 'Money' ||
      column.logicalName.endsWith('_base') ||
      !table.columns.has(`${column.logicalName}_base`)
    )
      continue;
    const value = values[column.logicalName];
    result[`${column.logicalName}_base`] =
      typeof value === 'string' ? format(div(dec(value), dec(rate), precision), MONEY_SCALE) : null;
  }
  return result;
}
