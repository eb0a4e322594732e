import { describe, expect, it } from 'vitest';
import type { OrgReportData } from './store-report-query';
import { describeOrgReport, formatDecimal, moneyLines } from './store-report-view';

const report: OrgReportData = {
  org: { id: 'o1', name: 'Contoso' },
  stores: [
    {
      store: { id: 's-eu', key: 'eu', name: 'Sandbox EU' },
      orders: 3,
      cancelled: 1,
      customers: 12,
      sharedCustomers: 4,
      locales: ['de-DE', 'fr-FR'],
      revenue: [{ currency: 'EUR', orders: 2, gross: '1300.00', refunded: '65.5', net: '1234.50' }],
    },
    {
      store: { id: 's-us', key: 'us', name: 'Sandbox US' },
      orders: 0,
      cancelled: 0,
      customers: 9,
      sharedCustomers: 4,
      locales: [],
      revenue: [],
    },
  ],
  total: {
    stores: 2,
    orders: 3,
    cancelled: 1,
    customers: 17,
    sharedCustomers: 4,
    locales: ['de-DE', 'fr-FR'],
    revenue: [{ currency: 'EUR', orders: 2, gross: '1300.00', refunded: '65.5', net: '1234.50' }],
  },
  sharedBetween: [{ stores: ['eu', 'us'], storeIds: ['s-eu', 's-us'], customers: 4 }],
};

describe('amounts', () => {
  it('group thousands and show cents from the decimal string, without rounding', () => {
    expect(formatDecimal('1234567.5')).toBe('1,234,567.50');
    expect(formatDecimal('0')).toBe('0.00');
    expect(formatDecimal('999')).toBe('999.00');
    expect(formatDecimal('1234.5678')).toBe('1,234.5678');
    expect(formatDecimal('-1000.25')).toBe('-1,000.25');
    // Past 2^53 a float would lose the cents; the string keeps them.
    expect(formatDecimal('90071992547409.93')).toBe('90,071,992,547,409.93');
  });

  it('put the net of each currency first, with its orders, gross and refunds', () => {
    // Action
    const lines = moneyLines([
      { currency: 'CAD', orders: 1, gross: '10.00', refunded: '0.00', net: '10.00' },
      { currency: 'USD', orders: 3, gross: '1300.00', refunded: '65.50', net: '1234.50' },
    ]);
    // Assertions
    expect(lines).toEqual([
      { currency: 'CAD', net: '10.00 CAD', detail: '1 order: 10.00 gross, 0.00 refunded' },
      { currency: 'USD', net: '1,234.50 USD', detail: '3 orders: 1,300.00 gross, 65.50 refunded' },
    ]);
  });
});

describe('an org report', () => {
  it('has a row per store, the org total and every pair of stores, named for people', () => {
    // Action
    const view = describeOrgReport(report);
    // Assertions
    expect(view.caption).toBe('Contoso: orders, revenue and customers per store');
    expect(view.rows.map((row) => row.label)).toEqual(['Sandbox EU (eu)', 'Sandbox US (us)']);
    expect(view.rows[0]).toMatchObject({
      orders: '3 (1 cancelled)',
      customers: 12,
      sharedCustomers: 4,
      locales: 'de-DE, fr-FR',
    });
    expect(view.rows[0]?.revenue[0]?.net).toBe('1,234.50 EUR');
    expect(view.rows[1]).toMatchObject({ orders: '0', revenue: [], locales: 'none yet' });
    expect(view.total).toMatchObject({ label: 'All 2 stores', orders: '3 (1 cancelled)', customers: 17 });
    expect(view.pairs).toEqual([{ key: 's-eu s-us', label: 'Sandbox EU and Sandbox US', customers: 4 }]);
    expect(view.pairsCaption).toBe('Contoso: customers shared between stores');
  });

  it('names a pair by key when the other store is not in the report, and says one store', () => {
    // Setup
    const [eu] = report.stores;
    if (!eu) throw new Error('the fixture has stores');
    const single: OrgReportData = {
      ...report,
      stores: [eu],
      total: { ...report.total, stores: 1 },
      sharedBetween: [{ stores: ['b2b', 'eu'], storeIds: ['s-b2b', 's-eu'], customers: 0 }],
    };
    // Action
    const view = describeOrgReport(single);
    // Assertions
    expect(view.total.label).toBe('All 1 store');
    expect(view.pairs).toEqual([{ key: 's-b2b s-eu', label: 'b2b and Sandbox EU', customers: 0 }]);
  });
});
