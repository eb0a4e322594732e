import { describe, expect, it } from 'vitest';
import { BACKFILL_CURRENCIES, generateBackfillData } from './backfill-data';

describe('generateBackfillData', () => {
  it("has the issue's shape: counts, 1-8 lines, several currencies, guests and every state", () => {
    // Action
    const data = generateBackfillData({ seed: 10, customers: 800, orders: 2_000 });

    // Assertions
    expect(data.customers).toHaveLength(800);
    expect(data.orders).toHaveLength(2_000);
    const lineCounts = new Set(data.orders.map((order) => order.lines.length));
    expect(Math.min(...lineCounts)).toBe(1);
    expect(Math.max(...lineCounts)).toBe(8);
    const currencies = new Set(data.orders.map((order) => order.presentmentCurrency));
    expect([...currencies].sort()).toEqual(BACKFILL_CURRENCIES.map((currency) => currency.code).sort());
    const guests = data.orders.filter((order) => order.customer === null).length;
    expect(guests / data.orders.length).toBeGreaterThan(0.1);
    expect(guests / data.orders.length).toBeLessThan(0.2);
    expect(new Set(data.orders.map((order) => order.fate))).toEqual(
      new Set(['open', 'fulfilled', 'refunded', 'partiallyRefunded', 'cancelled']),
    );
    expect(new Set(data.customers.map((customer) => customer.email)).size).toBe(800);
  });

  it("totals each order to the cent from its lines, taxes and shipping, in the order's currency", () => {
    // Action
    const data = generateBackfillData({ seed: 3, customers: 20, orders: 200 });

    // Assertions
    for (const order of data.orders) {
      const cents = (amount: string) => Math.round(Number(amount) * 100);
      const lines = order.lines.reduce(
        (sum, line) =>
          sum +
          cents(line.priceSet.shopMoney.amount) * line.quantity +
          cents(line.taxLines[0]?.priceSet.shopMoney.amount ?? '0'),
        0,
      );
      expect(lines + cents(order.shipping.priceSet.shopMoney.amount)).toBe(order.totalMinor);
      for (const line of order.lines) expect(line.priceSet.shopMoney.currencyCode).toBe(order.presentmentCurrency);
    }
  });

  it('makes the same data from the same seed', () => {
    // Assertions
    expect(generateBackfillData({ seed: 7, customers: 30, orders: 60 })).toEqual(
      generateBackfillData({ seed: 7, customers: 30, orders: 60 }),
    );
    expect(generateBackfillData({ seed: 7, customers: 30, orders: 60 })).not.toEqual(
      generateBackfillData({ seed: 8, customers: 30, orders: 60 }),
    );
  });
});
