import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { describe, expect, it } from 'vitest';
import { adminSchema } from '../shopify-webhooks/testing/reference-files';
import { generateSharedPool } from './customers';
import { generateDemoData, type DemoDataOptions } from './generate-demo-data';
import type { DemoContext, DemoOperation } from './operation';

/**
 * Stands in for earlier results when evaluating variables functions without a shop: ids shaped like the store's,
 * derived from the operation key, in the shape each document selects.
 */
const fakeContext: DemoContext = {
  result(key: string): unknown {
    const [kind = '', index = '0', step] = key.split(':');
    const n = Number(index) + 1;
    if (kind === 'customer') return { customerCreate: { customer: { id: `gid://shopify/Customer/${n}` } } };
    if (kind === 'company') {
      return {
        companyCreate: {
          company: {
            id: `gid://shopify/Company/${n}`,
            mainContact: {
              id: `gid://shopify/CompanyContact/${n}`,
              customer: { id: `gid://shopify/Customer/${9000 + n}` },
            },
            locations: { nodes: [{ id: `gid://shopify/CompanyLocation/${n}` }] },
          },
        },
      };
    }
    if (step === 'fulfillment-orders') {
      const lines = [1, 2, 3, 4].map((i) => ({
        id: `gid://shopify/FulfillmentOrderLineItem/${n}${i}`,
        remainingQuantity: 2,
      }));
      return {
        order: {
          fulfillmentOrders: {
            nodes: [{ id: `gid://shopify/FulfillmentOrder/${n}`, status: 'OPEN', lineItems: { nodes: lines } }],
          },
        },
      };
    }
    return {
      orderCreate: {
        order: {
          id: `gid://shopify/Order/${n}`,
          totalPriceSet: { presentmentMoney: { amount: '100.00', currencyCode: 'EUR' } },
          lineItems: { nodes: [1, 2, 3, 4].map((i) => ({ id: `gid://shopify/LineItem/${n}${i}`, quantity: 2 })) },
          transactions: [
            {
              id: `gid://shopify/OrderTransaction/${n}`,
              kind: 'SALE',
              status: 'SUCCESS',
              gateway: 'manual',
              amountSet: { presentmentMoney: { amount: '10.00' } },
            },
          ],
        },
      },
    };
  },
};

function evaluate(
  operations: DemoOperation[],
): { key: string; document: string; variables: Record<string, unknown> }[] {
  return operations.map((op) => ({
    key: op.key,
    document: op.document,
    variables: typeof op.variables === 'function' ? op.variables(fakeContext) : op.variables,
  }));
}

const OPTIONS: DemoDataOptions = {
  seed: 42,
  customers: 50,
  orders: 100,
  shop: { currencyCode: 'USD', taxesIncluded: false },
};

type Vars = Record<string, unknown>;

/** Reads a path of generated variables (unknown data) without casting at every step. */
function get(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

describe('generateDemoData', () => {
  it('gives the same operations for the same seed and others for another seed', () => {
    // Setup
    const again = { ...OPTIONS };

    // Action
    const first = JSON.stringify(evaluate(generateDemoData(OPTIONS)));
    const second = JSON.stringify(evaluate(generateDemoData(again)));
    const other = JSON.stringify(evaluate(generateDemoData({ ...OPTIONS, seed: 43 })));

    // Assertions
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('writes documents that validate against the Admin schema and variables that coerce to its input types', () => {
    // Setup
    const schema = adminSchema();
    const operations = evaluate(generateDemoData({ ...OPTIONS, shop: { currencyCode: 'EUR', taxesIncluded: true } }));
    const problems: string[] = [];

    // Action
    for (const op of operations) {
      const document = parse(op.document);
      for (const error of validate(schema, document)) problems.push(`${op.key}: ${error.message}`);
      const definition = document.definitions[0] as OperationDefinitionNode;
      const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], op.variables);
      for (const error of coerced.errors ?? []) problems.push(`${op.key}: ${error.message}`);
    }

    // Assertions
    expect(problems).toEqual([]);
  });

  it('covers the variety the issue asks for', () => {
    // Setup
    const operations = evaluate(generateDemoData(OPTIONS));
    const customers = operations.filter((op) => op.key.startsWith('customer:')).map((op) => op.variables.input as Vars);
    const orders = operations.filter((op) => /^order:\d+$/.test(op.key)).map((op) => op.variables.order as Vars);
    const withKind = (kind: string) =>
      operations.filter((op) => op.key.endsWith(`:${kind}`)).map((op) => op.variables as Vars);
    const emails = new Set(customers.map((c) => c.email as string | null).filter(Boolean));
    const nonLatin =
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Devanagari}]/u;

    // Action
    const counts = {
      countries: new Set(customers.flatMap((c) => (c.addresses as Vars[]).map((a) => a.countryCode as string))).size,
      addressesWithoutRegion: customers.flatMap((c) => c.addresses as Vars[]).filter((a) => a.provinceCode === null)
        .length,
      nonLatinNames: customers.filter((c) => nonLatin.test(`${String(c.firstName)} ${String(c.lastName)}`)).length,
      longFirstNames: customers.filter((c) => (c.firstName as string).length > 50).length,
      phoneOnly: customers.filter((c) => c.email === null && c.phone !== null).length,
      noEmailNoPhone: customers.filter((c) => c.email === null && c.phone === null).length,
      sharedEmailOrders: orders.filter(
        (o) => !get(o, 'customer', 'toAssociate') && emails.has(get(o, 'email') as string),
      ).length,
      guestOrders: orders.filter((o) => !o.customer).length,
      guestPhoneOnly: orders.filter((o) => !o.customer && o.email === null && o.phone).length,
      b2bOrders: orders.filter((o) => o.companyLocationId).length,
      currencies: new Set(orders.map((o) => o.presentmentCurrency as string)).size,
      percentageCodes: orders.filter((o) => get(o, 'discountCode', 'itemPercentageDiscountCode')).length,
      fixedCodes: orders.filter((o) => get(o, 'discountCode', 'itemFixedDiscountCode')).length,
      freeShippingCodes: orders.filter((o) => get(o, 'discountCode', 'freeShippingDiscountCode')).length,
      twoShippingLines: orders.filter((o) => (o.shippingLines as unknown[]).length === 2).length,
      noShipping: orders.filter((o) => (o.shippingLines as unknown[]).length === 0).length,
      pendingOrders: orders.filter((o) => o.financialStatus === 'PENDING').length,
      fullRefunds: withKind('refund').filter((v) => get(v, 'input', 'shipping', 'fullRefund')).length,
      partialRefunds: withKind('refund').filter((v) => !get(v, 'input', 'shipping')).length,
      fullFulfilments: withKind('fulfillment').filter(
        (v) => !get(v, 'fulfillment', 'lineItemsByFulfillmentOrder', 0, 'fulfillmentOrderLineItems'),
      ).length,
      partialFulfilments: withKind('fulfillment').filter((v) =>
        get(v, 'fulfillment', 'lineItemsByFulfillmentOrder', 0, 'fulfillmentOrderLineItems'),
      ).length,
      cancellations: withKind('cancel').length,
      taxExclusiveOrders: orders.filter((o) => o.taxesIncluded === false).length,
    };

    // Assertions
    expect(counts.countries).toBeGreaterThanOrEqual(10);
    for (const [name, count] of Object.entries(counts)) expect({ [name]: count }).not.toEqual({ [name]: 0 });
    expect(counts.taxExclusiveOrders).toBe(orders.length);
    expect(orders).toHaveLength(100);
    expect(customers).toHaveLength(50);
  });

  it('writes every order of a tax-inclusive shop as tax-inclusive, with JPY amounts in whole yen', () => {
    // Setup
    const operations = evaluate(generateDemoData({ ...OPTIONS, shop: { currencyCode: 'JPY', taxesIncluded: true } }));

    // Action
    const orders = operations.filter((op) => /^order:\d+$/.test(op.key)).map((op) => op.variables.order as Vars);
    const shopAmounts = orders.flatMap((o) =>
      (o.lineItems as Vars[]).map((l) => get(l, 'priceSet', 'shopMoney', 'amount') as string),
    );

    // Assertions
    expect(orders.every((o) => o.taxesIncluded === true)).toBe(true);
    expect(shopAmounts.every((a) => /^\d+$/.test(a))).toBe(true);
  });
});

describe('generateDemoData with people shared between shops', () => {
  const groups = [
    { shops: ['us', 'eu'], count: 10 },
    { shops: ['us', 'b2b'], count: 5 },
    { shops: ['us', 'eu', 'b2b'], count: 2 },
  ];
  const SHOPS = ['us', 'eu', 'b2b'];

  /** Each shop's evaluated operations: 40 customers in all, of which its shared ones. */
  function shops(seed = 2026): Map<string, ReturnType<typeof evaluate>> {
    const pool = generateSharedPool({ seed, groups });
    return new Map(
      SHOPS.map((shop, index) => {
        const shared = pool.people.filter((person) => person.shops.includes(shop)).length;
        const options = { ...OPTIONS, seed: seed + index, customers: 40 - shared, orders: 60 };
        return [shop, evaluate(generateDemoData({ ...options, shared: { pool, shop, index } }))];
      }),
    );
  }

  const customerInputs = (operations: ReturnType<typeof evaluate>) =>
    operations.filter((op) => op.key.startsWith('customer:')).map((op) => op.variables.input as Vars);

  /** Every email and phone a shop's operations name: customers, company contacts, and buyers of orders. */
  function contactPoints(operations: ReturnType<typeof evaluate>): Set<string> {
    const points = new Set<string>();
    for (const op of operations) {
      for (const value of [
        get(op.variables, 'input', 'email'),
        get(op.variables, 'input', 'phone'),
        get(op.variables, 'input', 'companyContact', 'email'),
        get(op.variables, 'order', 'email'),
        get(op.variables, 'order', 'phone'),
        get(op.variables, 'order', 'customer', 'toUpsert', 'email'),
      ]) {
        if (typeof value === 'string') points.add(value);
      }
    }
    return points;
  }

  it('makes the shared people customers of each of their shops, the same person in each, as many as configured', () => {
    // Setup
    const pool = generateSharedPool({ seed: 2026, groups });

    // Action
    const byShop = shops();
    const inputs = new Map(SHOPS.map((shop) => [shop, customerInputs(byShop.get(shop) ?? [])]));

    // Assertions
    expect(pool.people).toHaveLength(17);
    for (const shop of SHOPS) expect(inputs.get(shop)).toHaveLength(40);
    for (const person of pool.people) {
      for (const shop of SHOPS) {
        const found = (inputs.get(shop) ?? []).filter(
          (input) => JSON.stringify(input) === JSON.stringify(person.input),
        );
        expect({ shop, email: person.input.email, found: found.length }).toEqual({
          shop,
          email: person.input.email,
          found: person.shops.includes(shop) ? 1 : 0,
        });
      }
    }
    const sharedWith = (a: string, b: string) =>
      pool.people.filter((person) => person.shops.includes(a) && person.shops.includes(b)).length;
    expect([sharedWith('us', 'eu'), sharedWith('us', 'b2b'), sharedWith('eu', 'b2b')]).toEqual([12, 7, 2]);
  });

  it('gives different people of different shops no email or phone in common, and no phone twice in a shop', () => {
    // Setup
    const pool = generateSharedPool({ seed: 2026, groups });
    const sharedPoints = new Set(
      pool.people.flatMap((person) => [person.person.email, person.person.phone]).filter((v) => v !== null),
    );

    // Action
    const byShop = shops();
    const points = SHOPS.map((shop) => contactPoints(byShop.get(shop) ?? []));
    const phones = SHOPS.map((shop) =>
      customerInputs(byShop.get(shop) ?? [])
        .map((input) => input.phone)
        .filter((phone) => phone !== null),
    );

    // Assertions
    const [us = new Set(), eu = new Set(), b2b = new Set()] = points;
    const common = [...us].filter((p) => eu.has(p) || b2b.has(p)).concat([...eu].filter((p) => b2b.has(p)));
    expect(common.filter((point) => !sharedPoints.has(point))).toEqual([]);
    expect(common.length).toBeGreaterThan(0);
    for (const list of phones) expect(new Set(list).size).toBe(list.length);
  });

  it('gives the same shared people for the same seed, and a wholesale shop mostly orders for companies', () => {
    // Setup
    const pool = generateSharedPool({ seed: 9, groups });
    const wholesale = {
      ...OPTIONS,
      companies: 12,
      b2bShare: 0.7,
      shared: { pool, shop: 'b2b', index: 2 },
    };

    // Action
    const again = generateSharedPool({ seed: 9, groups });
    const orders = evaluate(generateDemoData(wholesale))
      .filter((op) => /^order:\d+$/.test(op.key))
      .map((op) => op.variables.order as Vars);
    const retailOrders = evaluate(generateDemoData(OPTIONS))
      .filter((op) => /^order:\d+$/.test(op.key))
      .map((op) => op.variables.order as Vars);

    // Assertions
    expect(JSON.stringify(again)).toBe(JSON.stringify(pool));
    expect(orders.filter((o) => o.companyLocationId).length / orders.length).toBeGreaterThan(0.55);
    expect(retailOrders.filter((o) => o.companyLocationId).length / retailOrders.length).toBeLessThan(0.25);
  });
});
