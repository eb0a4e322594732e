import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrgServer, type OrgServer } from './testing/org-server';

/** Orders over HTTP: deep insert with lines, the totals Dynamics computes, the state messages and read-only orders. */

let server: OrgServer;

beforeEach(async () => {
  server = await startOrgServer();
});

afterEach(async () => {
  await server.close();
});

async function createContact(): Promise<string> {
  const response = await server.request('POST', 'contacts', {
    body: { firstname: 'Ada', lastname: 'Lovelace', emailaddress1: 'ada@example.com' },
  });
  return response.headers.get('OData-EntityId') ?? '';
}

async function createOrder(contactUrl: string): Promise<Record<string, unknown>> {
  const response = await server.request('POST', 'salesorders?$select=name,totalamount', {
    body: {
      name: '#1001',
      'customerid_contact@odata.bind': contactUrl,
      'pricelevelid@odata.bind': `/pricelevels(${server.org.seeded?.priceLevelIds.USD ?? ''})`,
      discountamount: 2,
      freightamount: 4.99,
      order_details: [
        {
          isproductoverridden: true,
          productdescription: 'Mug',
          quantity: 3,
          priceperunit: 12.49,
          ispriceoverridden: true,
          tax: 2.1,
          manualdiscountamount: 1.5,
        },
        {
          isproductoverridden: true,
          productdescription: 'Tee',
          quantity: 1,
          priceperunit: 19.99,
          ispriceoverridden: true,
          tax: 1.2,
        },
      ],
    },
    headers: { Prefer: 'return=representation' },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

describe('orders', () => {
  it('deep insert of an order with its lines computes line amounts and order totals exactly', async () => {
    // Setup
    const contact = await createContact();

    // Action
    const order = await createOrder(contact);
    const read = await server.request(
      'GET',
      `salesorders(${String(order.salesorderid)})?$select=totallineitemamount,totallineitemdiscountamount,totaldiscountamount,totalamountlessfreight,totaltax,totalamount,_customerid_value,ordernumber&$expand=order_details($select=baseamount,extendedamount,quantity)`,
    );
    const text = await read.text();
    const body = JSON.parse(text) as Record<string, unknown> & { order_details: Record<string, unknown>[] };

    // Assertions
    // Lines: 3 x 12.49 = 37.47 (extended 37.47 - 1.50 + 2.10 = 38.07); 1 x 19.99 (extended 21.19).
    expect(body.order_details.map((line) => [line.baseamount, line.extendedamount]).sort()).toEqual([
      [19.99, 21.19],
      [37.47, 38.07],
    ]);
    // Order: line items 37.47 - 1.50 + 19.99 = 55.96; less the order discount 2 = 53.96; tax 3.30; freight 4.99.
    expect(text).toContain('"totallineitemamount":55.9600');
    expect(text).toContain('"totallineitemdiscountamount":1.5000');
    expect(text).toContain('"totaldiscountamount":3.5000');
    expect(text).toContain('"totalamountlessfreight":53.9600');
    expect(text).toContain('"totaltax":3.3000');
    expect(text).toContain('"totalamount":62.2500');
    expect(body._customerid_value).toBe(/\(([^)]+)\)/.exec(contact)?.[1]);
    expect(body.ordernumber).toMatch(/^ORD-\d{5}-[0-9A-F]{6}$/);
  });

  it('refuses computed totals on create and unknown columns, with Dataverse codes', async () => {
    // Setup
    const contact = await createContact();

    // Action
    const computed = await server.request('POST', 'salesorders', {
      body: { name: 'x', 'customerid_contact@odata.bind': contact, totalamount: 10 },
    });
    const unknown = await server.request('POST', 'salesorders', { body: { name: 'x', shopify_total: 10 } });

    // Assertions
    expect(computed.status).toBe(400);
    expect(((await computed.json()) as { error: { code: string } }).error.code).toBe('0x80040203');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('0x80048d19');
  });

  it('FulfillSalesOrder closes the order with an orderclose activity; then edits and cancel are refused', async () => {
    // Setup
    const order = await createOrder(await createContact());
    const id = String(order.salesorderid);

    // Action
    const fulfil = await server.request('POST', 'FulfillSalesOrder', {
      body: {
        OrderClose: {
          '@odata.type': 'Microsoft.Dynamics.CRM.orderclose',
          'salesorderid@odata.bind': `/salesorders(${id})`,
          subject: 'Shopify fulfilment',
        },
        Status: 100001,
      },
    });
    const state = (await (
      await server.request('GET', `salesorders(${id})?$select=statecode,statuscode,datefulfilled`)
    ).json()) as Record<string, unknown>;
    const closes = (await (
      await server.request(
        'GET',
        `ordercloses?$filter=_salesorderid_value eq ${id}&$select=subject,statecode,statuscode`,
      )
    ).json()) as { value: Record<string, unknown>[] };
    const edit = await server.request('PATCH', `salesorders(${id})`, {
      body: { name: 'renamed' },
      headers: { 'If-Match': '*' },
    });
    const addLine = await server.request('POST', 'salesorderdetails', {
      body: {
        'salesorderid@odata.bind': `/salesorders(${id})`,
        isproductoverridden: true,
        productdescription: 'Late',
        quantity: 1,
        priceperunit: 1,
      },
    });
    const cancel = await server.request('POST', 'CancelSalesOrder', {
      body: { OrderClose: { 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: 4 },
    });

    // Assertions
    expect(fulfil.status).toBe(204);
    expect(state.statecode).toBe(3);
    expect(state.statuscode).toBe(100001);
    expect(state.datefulfilled).toMatch(/Z$/);
    expect(closes.value).toHaveLength(1);
    expect(closes.value[0]).toMatchObject({ subject: 'Shopify fulfilment', statecode: 1, statuscode: 2 });
    for (const refused of [edit, addLine, cancel]) expect(refused.status).toBe(400);
    expect(((await edit.json()) as { error: { code: string } }).error.code).toBe('0x8004431a');
  });

  it('closing an order by an update is refused with the message to use instead', async () => {
    // Setup
    const order = await createOrder(await createContact());

    // Action
    const response = await server.request('PATCH', `salesorders(${String(order.salesorderid)})`, {
      body: { statecode: 2, statuscode: 4 },
      headers: { 'If-Match': '*' },
    });
    const body = (await response.json()) as { error: { message: string } };

    // Assertions
    expect(response.status).toBe(400);
    expect(body.error.message).toBe(
      'This message can not be used to set the state of SalesOrder to Canceled. In order to set state of SalesOrder to Canceled, use the CancelSalesOrderRequest Request message instead.',
    );
  });

  it('CancelSalesOrder with a status of another state is an invalid transition', async () => {
    // Setup
    const order = await createOrder(await createContact());
    const id = String(order.salesorderid);

    // Action
    const wrong = await server.request('POST', 'CancelSalesOrder', {
      body: { OrderClose: { 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: 100001 },
    });
    const right = await server.request('POST', 'CancelSalesOrder', {
      body: { OrderClose: { 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: -1 },
    });
    const state = (await (
      await server.request('GET', `salesorders(${id})?$select=statecode,statuscode`)
    ).json()) as Record<string, unknown>;

    // Assertions
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('0x80040203');
    expect(right.status).toBe(204);
    expect(state).toMatchObject({ statecode: 2, statuscode: 4 });
  });

  it('a timeline note binds to an order, also once the order is closed', async () => {
    // Setup
    const order = await createOrder(await createContact());
    const id = String(order.salesorderid);
    await server.request('POST', 'CancelSalesOrder', {
      body: { OrderClose: { 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: 4 },
    });

    // Action
    const note = await server.request('POST', 'annotations', {
      body: {
        subject: 'Refunded in Shopify',
        notetext: 'Refund of 12.49 USD',
        'objectid_salesorder@odata.bind': `/salesorders(${id})`,
      },
    });
    const notes = (await (
      await server.request('GET', `annotations?$filter=_objectid_value eq ${id}&$select=subject`, {
        headers: { Prefer: 'odata.include-annotations="*"' },
      })
    ).json()) as {
      value: Record<string, unknown>[];
    };

    // Assertions
    expect(note.status).toBe(204);
    expect(notes.value).toHaveLength(1);
    expect(notes.value[0]?.subject).toBe('Refunded in Shopify');
  });

  it('a line for a catalog product takes its price from the order price list unless overridden', async () => {
    // Setup
    const seeded = server.org.seeded;
    const product = await server.request('POST', 'products', {
      body: {
        name: 'Mug',
        productnumber: 'MUG-1',
        quantitydecimal: 0,
        'defaultuomid@odata.bind': `/uoms(${seeded?.uomId ?? ''})`,
        'defaultuomscheduleid@odata.bind': `/uomschedules(${seeded?.uomScheduleId ?? ''})`,
      },
    });
    const productUrl = product.headers.get('OData-EntityId') ?? '';
    await server.request('POST', 'productpricelevels', {
      body: {
        amount: 8.5,
        'productid@odata.bind': productUrl,
        'pricelevelid@odata.bind': `/pricelevels(${seeded?.priceLevelIds.USD ?? ''})`,
        'uomid@odata.bind': `/uoms(${seeded?.uomId ?? ''})`,
      },
    });
    const order = await createOrder(await createContact());
    const id = String(order.salesorderid);
    const line = (ispriceoverridden: boolean) => ({
      'salesorderid@odata.bind': `/salesorders(${id})`,
      'productid@odata.bind': productUrl,
      'uomid@odata.bind': `/uoms(${seeded?.uomId ?? ''})`,
      quantity: 2,
      priceperunit: 7,
      ispriceoverridden,
    });

    // Action
    const listed = await server.request('POST', 'salesorderdetails?$select=priceperunit,baseamount', {
      body: line(false),
      headers: { Prefer: 'return=representation' },
    });
    const overridden = await server.request('POST', 'salesorderdetails?$select=priceperunit,baseamount', {
      body: line(true),
      headers: { Prefer: 'return=representation' },
    });
    const count = await server.request('GET', 'salesorderdetails/$count');
    const total = (await (await server.request('GET', `salesorders(${id})/totallineitemamount`)).json()) as {
      value: number;
    };

    // Assertions
    expect(await listed.json()).toMatchObject({ priceperunit: 8.5, baseamount: 17 });
    expect(await overridden.json()).toMatchObject({ priceperunit: 7, baseamount: 14 });
    expect(await count.text()).toBe('4');
    // 55.96 from the two lines of createOrder, plus 17 and 14.
    expect(total.value).toBe(86.96);
  });

  it('an update may repeat a create-only value unchanged, but not change it', async () => {
    // Setup
    const contact = await createContact();
    const first = await createOrder(contact);
    const second = await createOrder(contact);
    const lines = (await (
      await server.request('GET', `salesorders(${String(first.salesorderid)})/order_details?$select=quantity`)
    ).json()) as {
      value: { salesorderdetailid: string }[];
    };
    const lineId = lines.value[0]?.salesorderdetailid ?? '';

    // Action
    const same = await server.request('PATCH', `salesorderdetails(${lineId})`, {
      body: { 'salesorderid@odata.bind': `/salesorders(${String(first.salesorderid)})`, quantity: 4 },
      headers: { 'If-Match': '*' },
    });
    const moved = await server.request('PATCH', `salesorderdetails(${lineId})`, {
      body: { 'salesorderid@odata.bind': `/salesorders(${String(second.salesorderid)})` },
      headers: { 'If-Match': '*' },
    });

    // Assertions
    expect(same.status).toBe(204);
    expect(moved.status).toBe(400);
    expect(((await moved.json()) as { error: { code: string } }).error.code).toBe('0x80040203');
  });

  it('ConvertSalesOrderToInvoice makes the order Invoiced', async () => {
    // Setup
    const order = await createOrder(await createContact());
    const id = String(order.salesorderid);

    // Action
    const response = await server.request('POST', 'ConvertSalesOrderToInvoice', {
      body: { SalesOrderId: id, ColumnSet: { AllColumns: true } },
    });
    const state = (await (
      await server.request('GET', `salesorders(${id})?$select=statecode,statuscode`)
    ).json()) as Record<string, unknown>;

    // Assertions
    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>)['@odata.context']).toBe(
      `${server.api}$metadata#invoices/$entity`,
    );
    expect(state).toMatchObject({ statecode: 4, statuscode: 100003 });
  });

  it('a line in a currency with precision 0 rounds to whole units', async () => {
    // Setup
    await server.org.addCurrency({ isoCode: 'JPY', name: 'Yen', symbol: '¥', precision: 0, exchangeRate: '150' });
    const priceList = server.org.seeded?.priceLevelIds.JPY ?? '';
    const currency = server.org.seeded?.currencyIds.JPY ?? '';

    // Action
    const created = await server.request('POST', 'salesorders?$select=totalamount,totalamount_base,exchangerate', {
      body: {
        name: 'JP',
        'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency})`,
        'pricelevelid@odata.bind': `/pricelevels(${priceList})`,
        order_details: [
          {
            isproductoverridden: true,
            productdescription: 'Tea',
            quantity: 1.5,
            priceperunit: 333,
            ispriceoverridden: true,
          },
        ],
      },
      headers: { Prefer: 'return=representation' },
    });

    // Assertions
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).toContain('"totalamount":500.0000');
    // In the base currency (USD, 2 places): 500 / 150.
    expect(text).toContain('"totalamount_base":3.3300');
    expect(text).toContain('"exchangerate":150.0000000000');
  });
});
