import { describe, expect, it } from 'vitest';
import { mapOrderToSalesOrder, OrderTotalsError } from './map-order';
import { line, money, options, order, shipping } from './order-fixtures';

describe('mapOrderToSalesOrder', () => {
  it('puts every discount allocation on its line and tax as written when taxes are added', () => {
    // Setup: 3 x 12.49 with 1.50 (line) + 2.00 (order-level, allocated) off, 7 % tax; shipping 5.00 less 1.00, taxed.
    const source = order({
      currentTotal: '40.63',
      lineItems: [
        line({
          unit: '12.49',
          quantity: 3,
          discountAllocations: [money('1.50'), money('2.00')],
          taxLines: [{ title: 'Sales tax', rate: '0.07', price: money('2.38') }],
        }),
      ],
      shippingLines: [shipping('5.00', '4.00', '0.28')],
    });

    // Action
    const plan = mapOrderToSalesOrder(source, options());

    // Assertions: 37.47 - 3.50 + 2.38 tax, 4.00 freight, 0.28 shipping tax = 40.63, Shopify's total.
    expect(plan.lines[0]).toMatchObject({ key: 'us_11', kind: 'item', lineItemGid: 'gid://shopify/LineItem/11' });
    expect(plan.lines[0]?.row).toEqual({
      isproductoverridden: true,
      productdescription: 'Mug - Blue',
      quantity: 3,
      priceperunit: 12.49,
      ispriceoverridden: true,
      manualdiscountamount: 3.5,
      tax: 2.38,
      sv_shopifyid: 'us_11',
      sv_lastcorrelationid: 'corr-1',
    });
    expect(plan.header.row).toMatchObject({ discountamount: 0, freightamount: 4 });
    expect(plan.lines[1]).toMatchObject({
      key: 'us_1001_shiptax',
      kind: 'shippingTax',
      lineItemGid: null,
      row: { quantity: 1, priceperunit: 0, tax: 0.28, productdescription: 'Shipping tax (Shopverse)' },
    });
    expect(plan.correction).toBeNull();
    expect(plan.warnings).toEqual([]);
    expect(plan.expected).toMatchObject({ totalamount: '40.63', totaltax: '2.66', totaldiscountamount: '3.50' });
  });

  it('writes net prices in tax-included shops, rounded up, with the rest as discount, so each line is exact', () => {
    // Setup: 3 x 9.99 EUR incl. 21 % VAT, 3.00 off: 26.97 gross, VAT 4.68, net 22.29 (7.43 a unit, but the discount
    // is on the line); 7 x 1.00 incl. 20 % VAT: 7.00 gross, VAT 1.17, net 5.83 (0.8328... a unit).
    const eur = (amount: string) => money(amount, 'EUR');
    const source = order({
      currency: 'EUR',
      presentmentCurrency: 'EUR',
      taxesIncluded: true,
      currentTotal: '0',
      lineItems: [
        line({
          gid: 'gid://shopify/LineItem/21',
          unit: '0',
          originalUnitPrice: eur('9.99'),
          quantity: 3,
          discountAllocations: [eur('3.00')],
          taxLines: [{ title: 'VAT', rate: '0.21', price: eur('4.68') }],
        }),
        line({
          gid: 'gid://shopify/LineItem/22',
          unit: '0',
          originalUnitPrice: eur('1.00'),
          quantity: 7,
          taxLines: [{ title: 'VAT', rate: '0.2', price: eur('1.17') }],
        }),
      ],
    });
    source.totals.currentTotal = eur('33.97');

    // Action
    const plan = mapOrderToSalesOrder(source, options());

    // Assertions
    // Line 1: price ceil(9.99 x 22.29 / 26.97) = ceil(8.2565...) = 8.26; 24.78 - 22.29 = 2.49 as discount.
    expect(plan.lines[0]?.row).toMatchObject({
      quantity: 3,
      priceperunit: 8.26,
      manualdiscountamount: 2.49,
      tax: 4.68,
    });
    // Line 2: price ceil(5.83 / 7) = 0.84; 5.88 - 5.83 = 0.05 as discount.
    expect(plan.lines[1]?.row).toMatchObject({
      quantity: 7,
      priceperunit: 0.84,
      manualdiscountamount: 0.05,
      tax: 1.17,
    });
    // Each line's gross is Shopify's to the cent, and so is the total, with no correction.
    expect(plan.expected.lines.map((amounts) => amounts.extendedamount)).toEqual(['26.97', '7.00']);
    expect(plan).toMatchObject({
      correction: null,
      warnings: [],
      expected: { totalamount: '33.97', totaltax: '5.85' },
    });

    // Action: Shopify's total 3.00 higher (a tip, which we do not write as a line).
    source.totals.currentTotal = eur('36.97');
    const tipped = mapOrderToSalesOrder(source, options());

    // Assertions: carried by a correction line, with a warning naming both totals.
    expect(tipped.correction).toEqual({
      key: 'us_1001_adj',
      amount: '3.00',
      shopifyTotal: '36.97',
      totalWithoutCorrection: '33.97',
    });
    expect(tipped.warnings).toEqual([
      "Dynamics would total 33.97 EUR but Shopify's current total is 36.97 EUR; a correction line of 3.00 EUR was added",
    ]);
    expect(tipped.expected.totalamount).toBe('36.97');
  });

  it('writes current quantities, prorates discount and tax, leaves out removed lines, and corrects a stray cent', () => {
    // Setup: 3 units with 1.00 off and 0.50 tax, one refunded; Shopify's refund took 0.34 off and 0.17 tax, so the
    // current total is 2 x 5.00 - 0.66 + 0.33 = 9.67, where prorating gives 10.00 - 0.67 + 0.33 = 9.66.
    const source = order({
      currentTotal: '9.67',
      lineItems: [
        line({
          unit: '5.00',
          quantity: 3,
          currentQuantity: 2,
          discountAllocations: [money('1.00')],
          taxLines: [{ title: 'Tax', rate: '0.05', price: money('0.50') }],
        }),
        line({ gid: 'gid://shopify/LineItem/12', unit: '9.00', quantity: 1, currentQuantity: 0 }),
      ],
    });

    // Action
    const plan = mapOrderToSalesOrder(source, options());

    // Assertions
    expect(plan.lines.map((entry) => entry.key)).toEqual(['us_11', 'us_1001_adj']);
    expect(plan.lines[0]?.row).toMatchObject({ quantity: 2, manualdiscountamount: 0.67, tax: 0.33 });
    expect(plan.lines[1]?.row).toMatchObject({
      isproductoverridden: true,
      productdescription: 'Rounding adjustment (Shopverse)',
      quantity: 1,
      priceperunit: 0.01,
      manualdiscountamount: 0,
      tax: 0,
    });
    expect(plan.expected.totalamount).toBe('9.67');
  });

  it('adds a negative correction when Dynamics would total more than Shopify', () => {
    const source = order({ currentTotal: '9.00', lineItems: [line({ unit: '10.00' })] });
    const plan = mapOrderToSalesOrder(source, options());
    expect(plan.correction?.amount).toBe('-1.00');
    expect(plan.lines[1]?.row).toMatchObject({ priceperunit: -1 });
    expect(plan.expected.totalamount).toBe('9.00');
  });

  it('refuses an order whose total the CRM currency cannot hold, rather than write one that differs', () => {
    const source = order({ currentTotal: '10.005', lineItems: [line({ unit: '10.00' })] });
    expect(() => mapOrderToSalesOrder(source, options())).toThrow(
      'order #1001: current total 10.005 USD has more decimals than the CRM currency keeps (2)',
    );
    try {
      mapOrderToSalesOrder(source, options());
    } catch (error) {
      expect(error).toBeInstanceOf(OrderTotalsError);
      expect(error).toMatchObject({ code: 'order.totals_mismatch', correlationId: 'corr-1' });
    }
    const unreadable = order({ currentTotal: '10.00', lineItems: [line({ unit: '1e-7' })] });
    expect(() => mapOrderToSalesOrder(unreadable, options())).toThrow(
      'order #1001: line item gid://shopify/LineItem/11 unit price: "1e-7" is not a decimal number',
    );
    const mislabelled = order({ currentTotal: '10.00', lineItems: [line({ unit: '10.00' })] });
    mislabelled.totals.currentTotal = money('10.00', 'CAD');
    expect(() => mapOrderToSalesOrder(mislabelled, options())).toThrow(
      "current total is in CAD, not in the order's shop currency USD",
    );
  });

  it('writes presentment money with its currency, price list and precision (JPY has no decimals)', () => {
    // Setup: a USD shop selling 2 x 1,500 JPY, 100 JPY shipping.
    const bag = (usd: string, jpy: string) => money(usd, 'USD', { amount: jpy, currency: 'JPY' });
    const source = order({
      presentmentCurrency: 'JPY',
      currentTotal: '0',
      lineItems: [line({ unit: '0', originalUnitPrice: bag('9.99', '1500'), quantity: 2 })],
      shippingLines: [{ ...shipping('0'), originalPrice: bag('0.67', '100'), discountedPrice: bag('0.67', '100') }],
    });
    source.totals.currentTotal = bag('20.65', '3100');

    // Action
    const plan = mapOrderToSalesOrder(
      source,
      options({ currency: 'presentment', priceLists: { JPY: 'a1b2c3d4-0000-4000-8000-00000000000a' } }),
    );

    // Assertions
    expect(plan.header.row).toMatchObject({
      'transactioncurrencyid@odata.bind': "/transactioncurrencies(isocurrencycode='JPY')",
      'pricelevelid@odata.bind': '/pricelevels(a1b2c3d4-0000-4000-8000-00000000000a)',
      freightamount: 100,
      sv_currency: 'USD',
      sv_presentmentcurrency: 'JPY',
    });
    expect(plan.lines[0]?.row).toMatchObject({ priceperunit: 1500, quantity: 2 });
    expect(plan.expected).toMatchObject({ totalamount: '3100', currency: 'JPY', precision: 0 });
    expect(plan.warnings).toEqual(["written in the customer's currency JPY; the shop's currency is USD"]);
  });

  it('binds products by SKU (quotes escaped) and the unit, shipping as lines, custom tables and the name template', () => {
    // Setup
    const source = order({
      name: '#1042',
      currentTotal: '24.00',
      lineItems: [
        line({ unit: '10.00', sku: "O'Brien-1", quantity: 2 }),
        line({ gid: 'gid://shopify/LineItem/13', unit: '0', sku: null }),
      ],
      shippingLines: [shipping('4.00')],
    });

    // Action
    const plan = mapOrderToSalesOrder(
      source,
      options(
        { products: 'bySku', shippingAs: 'line', target: 'custom', nameTemplate: 'SO {number} ({storeKey})' },
        { uomId: 'bbbbbbbb-0000-4000-8000-000000000001', customer: { table: 'account', id: 'aaaa' } },
      ),
    );

    // Assertions
    expect(plan.tables).toEqual({ order: 'sv_shopifyorder', line: 'sv_shopifyorderline', refund: 'sv_shopifyrefund' });
    expect(plan.header.row).toMatchObject({ name: 'SO 1042 (us)', 'customerid_account@odata.bind': '/accounts(aaaa)' });
    expect(plan.lines[0]?.row).toMatchObject({
      isproductoverridden: false,
      'productid@odata.bind': "/products(productnumber='O''Brien-1')",
      'uomid@odata.bind': '/uoms(bbbbbbbb-0000-4000-8000-000000000001)',
    });
    expect(plan.lines[0]?.row).not.toHaveProperty('productdescription');
    // No SKU: written in even when products are matched by SKU.
    expect(plan.lines[1]?.row).toMatchObject({ isproductoverridden: true, productdescription: 'Mug - Blue' });
    expect(plan.lines[2]).toMatchObject({
      key: 'us_1001_ship1',
      kind: 'shipping',
      row: { productdescription: 'Shipping: Standard', priceperunit: 4, manualdiscountamount: 0 },
    });
    expect(plan.header.row.freightamount).toBe(0);
    expect(plan.expected.totalamount).toBe('24.00');
  });

  it('binds a SKU the worker found to its product id and unit, and writes in a SKU the CRM does not have', () => {
    // Setup
    const source = order({
      currentTotal: '30.00',
      lineItems: [
        line({ unit: '10.00', sku: 'MUG-1', quantity: 2 }),
        line({ gid: 'gid://shopify/LineItem/13', unit: '10.00', sku: 'GONE-9', title: 'Old mug', variantTitle: null }),
      ],
    });

    // Action
    const plan = mapOrderToSalesOrder(
      source,
      options(
        { products: 'bySku' },
        {
          products: {
            'MUG-1': { id: 'cccccccc-0000-4000-8000-000000000001', uomId: 'dddddddd-0000-4000-8000-000000000001' },
          },
        },
      ),
    );

    // Assertions
    expect(plan.lines[0]?.row).toMatchObject({
      isproductoverridden: false,
      'productid@odata.bind': '/products(cccccccc-0000-4000-8000-000000000001)',
      'uomid@odata.bind': '/uoms(dddddddd-0000-4000-8000-000000000001)',
    });
    expect(plan.lines[1]?.row).toMatchObject({ isproductoverridden: true, productdescription: 'Old mug' });
    expect(plan.warnings).toContain('SKU "GONE-9" (Old mug) is not a product in the CRM; the line is written in');
  });

  it('fits long names and descriptions to their columns, with a warning for each cut', () => {
    const source = order({
      currentTotal: '1.00',
      lineItems: [line({ unit: '1.00', title: 'x'.repeat(600), variantTitle: null })],
      billingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'C'.repeat(250),
        address1: '1 Main St',
        address2: null,
        city: 'London',
        province: null,
        provinceCode: null,
        zip: 'N1 9GU',
        country: 'United Kingdom',
        countryCode: 'GB',
        phone: null,
      },
    });
    const plan = mapOrderToSalesOrder(source, options());
    expect(String(plan.lines[0]?.row.productdescription)).toHaveLength(500);
    expect(plan.header.row).toMatchObject({
      billto_contactname: 'Ada Lovelace',
      billto_country: 'United Kingdom',
      billto_city: 'London',
      sv_shopifyurl: 'https://admin.shopify.com/store/demo-us/orders/1001',
    });
    expect(String(plan.header.row.billto_name)).toHaveLength(200);
    expect(plan.warnings).toHaveLength(2);
    expect(plan).toMatchObject({ correction: null, expected: { totalamount: '1.00' } });
  });
});
