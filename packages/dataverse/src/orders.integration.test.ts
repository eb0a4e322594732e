import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFromEntityUrl } from './keys';
import { simulatedOrg } from './testing/simulated-org';

describe('sales orders through the client', () => {
  let org: Awaited<ReturnType<typeof simulatedOrg>>;
  beforeAll(async () => {
    org = await simulatedOrg();
  });
  afterAll(async () => {
    await org.close();
  });

  async function createOrder(correlationId: string): Promise<string> {
    const contact = await org.client.request({
      method: 'POST',
      path: 'contacts',
      body: { lastname: 'Byron' },
      idempotent: false,
    });
    const currencies = await org.client.request({
      method: 'GET',
      path: "transactioncurrencies?$select=transactioncurrencyid&$filter=isocurrencycode eq 'USD'",
      idempotent: true,
    });
    const [usd] = (currencies.body as { value: { transactioncurrencyid: string }[] }).value;
    const priceLists = await org.client.request({
      method: 'GET',
      path: `pricelevels?$select=pricelevelid&$filter=_transactioncurrencyid_value eq ${usd?.transactioncurrencyid ?? ''}`,
      idempotent: true,
    });
    const [priceList] = (priceLists.body as { value: { pricelevelid: string }[] }).value;
    const created = await org.client.request({
      method: 'POST',
      path: 'salesorders',
      idempotent: false,
      correlationId,
      body: {
        name: '#1042',
        'customerid_contact@odata.bind': `/contacts(${idFromEntityUrl(contact.headers.get('odata-entityid') ?? '')})`,
        'pricelevelid@odata.bind': `/pricelevels(${priceList?.pricelevelid ?? ''})`,
        order_details: [
          {
            isproductoverridden: true,
            productdescription: 'Mug',
            quantity: 2,
            priceperunit: 12.5,
            ispriceoverridden: true,
          },
        ],
      },
    });
    return idFromEntityUrl(created.headers.get('odata-entityid') ?? '');
  }

  it('fulfils an order into Fulfilled/Complete, then refuses to fulfil it twice with Dynamics’ reason', async () => {
    // Setup
    const orderId = await createOrder('0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d');
    // Action
    await org.client.closeSalesOrder('fulfill', orderId, { correlationId: '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d' });
    const read = await org.client.request({
      method: 'GET',
      path: `salesorders(${orderId})?$select=statecode,statuscode`,
      idempotent: true,
    });
    const again = org.client.closeSalesOrder('fulfill', orderId);
    // Assertions
    expect(read.body).toMatchObject({ statecode: 3, statuscode: 100001 });
    await expect(again).rejects.toMatchObject({ errorClass: 'permanent' });
    const tagged = org.events.filter((event) => event.correlationId === '0b7e4a8e-6f1f-4d7e-9b9e-3c2b1a0f9e8d');
    expect(tagged.map((event) => (event.kind === 'response' ? event.path : event.kind))).toEqual([
      'salesorders',
      'FulfillSalesOrder',
    ]);
  });

  it('cancels an order into Canceled', async () => {
    const orderId = await createOrder('5d1c9f3a-2b4e-4f6a-8c7d-9e0f1a2b3c4d');
    await org.client.closeSalesOrder('cancel', orderId);
    const read = await org.client.request({
      method: 'GET',
      path: `salesorders(${orderId})?$select=statecode,statuscode`,
      idempotent: true,
    });
    expect(read.body).toMatchObject({ statecode: 2, statuscode: 4 });
  });
});
