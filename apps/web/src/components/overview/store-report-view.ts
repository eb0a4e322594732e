import type { CurrencyRevenue, OrgReportData } from './store-report-query';

/**
 * `1234567.5` -> `1,234,567.50`: grouped thousands, cents always, further places only as the API sent them. Works on
 * the decimal string itself, so an amount is never rounded through a float on its way to the screen.
 */
export function formatDecimal(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0')}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One currency's money in a cell: the net first, then where it came from. */
export interface MoneyLine {
  currency: string;
  /** `1,234.50 USD` */
  net: string;
  /** `3 orders: 1,300.00 gross, 65.50 refunded` */
  detail: string;
}

export function moneyLines(revenue: readonly CurrencyRevenue[]): MoneyLine[] {
  return revenue.map((row) => ({
    currency: row.currency,
    net: `${formatDecimal(row.net)} ${row.currency}`,
    detail: `${plural(row.orders, 'order', 'orders')}: ${formatDecimal(row.gross)} gross, ${formatDecimal(row.refunded)} refunded`,
  }));
}

/** One row of the table: a store, or the org's total. */
export interface ReportRow {
  key: string;
  /** What the row header says. */
  label: string;
  /** `4`, or `4 (1 cancelled)`. */
  orders: string;
  revenue: MoneyLine[];
  customers: number;
  sharedCustomers: number;
  /** `de-DE, fr-FR`, or `none yet`. */
  locales: string;
}

/** A pair of stores and the customers they share. */
export interface PairRow {
  key: string;
  label: string;
  customers: number;
}

export interface OrgReportView {
  orgId: string;
  caption: string;
  rows: ReportRow[];
  total: ReportRow;
  pairs: PairRow[];
  pairsCaption: string;
}

function ordersText(orders: number, cancelled: number): string {
  return cancelled === 0 ? String(orders) : `${orders} (${cancelled} cancelled)`;
}

/** What the overview shows of one org's report: a row per store, the org's total, and the overlap of each pair. */
export function describeOrgReport(report: OrgReportData): OrgReportView {
  const names = new Map(report.stores.map(({ store }) => [store.key, store.name]));
  return {
    orgId: report.org.id,
    caption: `${report.org.name}: orders, revenue and customers per store`,
    rows: report.stores.map((row) => ({
      key: row.store.id,
      label: `${row.store.name} (${row.store.key})`,
      orders: ordersText(row.orders, row.cancelled),
      revenue: moneyLines(row.revenue),
      customers: row.customers,
      sharedCustomers: row.sharedCustomers,
      locales: row.locales.length > 0 ? row.locales.join(', ') : 'none yet',
    })),
    total: {
      key: 'total',
      label: `All ${plural(report.total.stores, 'store', 'stores')}`,
      orders: ordersText(report.total.orders, report.total.cancelled),
      revenue: moneyLines(report.total.revenue),
      customers: report.total.customers,
      sharedCustomers: report.total.sharedCustomers,
      locales: report.total.locales.length > 0 ? report.total.locales.join(', ') : 'none yet',
    },
    pairs: report.sharedBetween.map((pair) => ({
      key: pair.storeIds.join(' '),
      label: pair.stores.map((key) => names.get(key) ?? key).join(' and '),
      customers: pair.customers,
    })),
    pairsCaption: `${report.org.name}: customers shared between stores`,
  };
}
