import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectStoreToOrg, createDbClient, type DbClient, saveLink, upsertStore } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { receiveShopifyWebhook } from '@shopverse/web/webhook-intake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until, updateStoreSettings } from './sync-harness';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/** A customer of the shop with two open orders, synced to the CRM: what a redaction must reach. */
interface Person {
  gid: string;
  legacyId: string;
  orderGids: string[];
  contactId: string;
  orderIds: string[];
  /** Every personal value given to Shopify: none may be left in the CRM or the log after a redaction. */
  values: string[];
}

interface Attempt {
  shopify_gid: string | null;
  crm_table: string | null;
  crm_id: string | null;
  email: string | null;
  outcome: string;
  error_code: string | null;
  error_message: string | null;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
  correlation_id: string;
}

const CONTACT_COLUMNS =
  'firstname,lastname,emailaddress1,telephone1,address1_line1,address1_city,address1_postalcode,statecode';
const ORDER_COLUMNS =
  'name,statecode,billto_name,billto_contactname,billto_line1,billto_city,billto_postalcode,shipto_name,' +
  'shipto_contactname,shipto_line1,shipto_city,shipto_postalcode,_customerid_value';

/**
 * Issue 12: Shopify's compliance webhooks, sent by the Shopify simulator as a merchant's request makes Shopify send
 * them (`POST /_sim/privacy`), received by the console's intake over real HTTP, processed by the worker: the CRM's
 * copy of the person anonymised or deleted per the store's settings, every step logged without the personal values,
 * a repeat harmless, and a data request's export kept where the merchant finds it.
 */
describe('privacy webhooks, end to end', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let web: DbClient;
  let intake: Server;
  let simulatorUrl = '';
  let deliveries = 0;

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 2, orders: 2 } });
    web = createDbClient(database().url, { max: 3, applicationName: 'shopverse-web' });
    intake = createServer((request, response) => {
      void readBody(request).then(async (rawBody) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        const answer = await receiveShopifyWebhook({
          client: web,
          box: harness.box,
          headers,
          rawBody,
          now: new Date(),
        });
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    const intakeUrl = await new Promise<string>((resolve) =>
      intake.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(intake.address() as AddressInfo).port}`)),
    );
    const shop = harness.sandbox.details.shopify.find((entry) => entry.shop === harness.shopDomain);
    simulatorUrl = shop?.adminUrl.slice(0, shop.adminUrl.indexOf('/shops/')) ?? '';
    // The app's compliance URL is its webhook intake, as the app's configuration would name it.
    const config = await fetch(`${simulatorUrl}/_sim/privacy/config?shop=${harness.shopDomain}`, {
      method: 'POST',
      body: JSON.stringify({ url: `${intakeUrl}/api/webhooks/shopify` }),
    });
    expect(config.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => intake?.close(resolve));
    await web?.close();
    await harness?.stop();
  });

  const attempts = async (): Promise<Attempt[]> =>
    database().sql<Attempt[]>`
      select shopify_gid, crm_table, crm_id::text, email, outcome::text, error_code, error_message, request, response,
        correlation_id::text
      from sync_attempts where entity = 'privacy' order by started_at, id`;

  const contact = async (id: string) =>
    (
      await harness.dataverse.request({
        method: 'GET',
        path: `contacts(${id})?$select=${CONTACT_COLUMNS}`,
        idempotent: true,
      })
    ).body as Record<string, unknown>;

  const order = async (id: string) =>
    (
      await harness.dataverse.request({
        method: 'GET',
        path: `salesorders(${id})?$select=${ORDER_COLUMNS}`,
        idempotent: true,
      })
    ).body as Record<string, unknown>;

  let people = 0;
  /** A new customer with an address and two open orders, synced. */
  const person = async (): Promise<Person> => {
    people += 1;
    const tag = `privacy${people}`;
    const values = [
      `Firstof${tag}`,
      `Lastof${tag}`,
      `${tag}@example.com`,
      `${people}1 Quiet Street`,
      `Hushville${tag}`,
    ];
    const created = await harness.shopify.request<{
      customerCreate: { customer: { id: string; legacyResourceId: string } | null; userErrors: unknown[] };
    }>(
      `mutation($input: CustomerInput!) {
        customerCreate(input: $input) { customer { id legacyResourceId } userErrors { field message } } }`,
      {
        variables: {
          input: {
            firstName: values[0],
            lastName: values[1],
            email: values[2],
            phone: `+1202555${String(1000 + people)}`,
            addresses: [{ address1: values[3], city: values[4], zip: '20001', countryCode: 'US', provinceCode: 'DC' }],
          },
        },
      },
    );
    expect(created.customerCreate.userErrors).toEqual([]);
    const customer = created.customerCreate.customer;
    if (!customer) throw new Error('no customer was created');
    const address = {
      firstName: values[0],
      lastName: values[1],
      address1: values[3],
      city: values[4],
      zip: '20001',
      countryCode: 'US',
      provinceCode: 'DC',
    };
    const orderGids: string[] = [];
    for (const title of ['Mug', 'Teapot']) {
      const result = await harness.shopify.request<{
        orderCreate: { order: { id: string } | null; userErrors: unknown[] };
      }>(
        `mutation($order: OrderCreateOrderInput!) {
          orderCreate(order: $order) { order { id } userErrors { field message } } }`,
        {
          variables: {
            order: {
              currency: 'USD',
              customer: { toAssociate: { id: customer.id } },
              email: values[2],
              billingAddress: address,
              shippingAddress: address,
              lineItems: [{ title, quantity: 1, priceSet: { shopMoney: { amount: '12.00', currencyCode: 'USD' } } }],
            },
          },
        },
      );
      expect(result.orderCreate.userErrors).toEqual([]);
      orderGids.push(result.orderCreate.order?.id ?? '');
    }
    await harness.syncEach(
      'shopify_order__sync',
      orderGids.map((orderGid) => ({ orderGid })),
    );
    const links = await database().sql<{ shopify_gid: string; crm_id: string }[]>`
      select shopify_gid, crm_id::text from entity_links
      where shopify_gid in ${database().sql([customer.id, ...orderGids])}`;
    const crmIdOf = (gid: string) => {
      const link = links.find((row) => row.shopify_gid === gid);
      if (!link) throw new Error(`${gid} was not synced`);
      return link.crm_id;
    };
    return {
      gid: customer.id,
      legacyId: customer.legacyResourceId,
      orderGids,
      contactId: crmIdOf(customer.id),
      orderIds: orderGids.map(crmIdOf),
      values,
    };
  };

  /** Makes the shop send a compliance webhook, and waits until the worker has processed it. */
  const request = async (topic: string, customerId?: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${simulatorUrl}/_sim/privacy?shop=${harness.shopDomain}`, {
      method: 'POST',
      body: JSON.stringify({ topic, ...(customerId ? { customerId } : {}) }),
    });
    expect(response.status).toBe(202);
    const sent = (await response.json()) as { body: Record<string, unknown> };
    deliveries += 1;
    const { sql } = database();
    await until(async () => {
      const [state] = await sql<{ stored: number; waiting: number; jobs: number }[]>`
        select (select count(*)::int from webhook_deliveries where topic in
                  ('customers/redact', 'customers/data_request', 'shop/redact')) as stored,
               (select count(*)::int from webhook_deliveries where processed_at is null) as waiting,
               (select count(*)::int from graphile_worker.jobs) as jobs`;
      return state && state.stored >= deliveries && state.waiting === 0 && state.jobs === 0 ? true : undefined;
    }, `the ${topic} delivery to be processed`);
    return sent.body;
  };

  const mentionsAny = (rows: unknown, values: string[]) => {
    const text = JSON.stringify(rows).toLowerCase();
    return values.filter((value) => text.includes(value.toLowerCase()));
  };

  it('anonymises the contact and the orders (default), logs it without the values, and a repeat changes nothing', async () => {
    // Setup
    const someone = await person();
    const before = await attempts();

    // Action
    const body = await request('customers/redact', someone.legacyId);

    // Assertions: Shopify's documented body, built from the shop's data.
    expect(body).toMatchObject({
      shop_domain: harness.shopDomain,
      customer: { id: Number(someone.legacyId), email: someone.values[2] },
      orders_to_redact: someone.orderGids.map((gid) => Number(gid.split('/').pop())),
    });
    const row = await contact(someone.contactId);
    expect(row).toMatchObject({
      firstname: null,
      lastname: 'Redacted',
      emailaddress1: null,
      telephone1: null,
      address1_line1: null,
      address1_city: null,
      address1_postalcode: null,
      statecode: 0,
    });
    for (const id of someone.orderIds) {
      const salesOrder = await order(id);
      expect(mentionsAny(salesOrder, someone.values), id).toEqual([]);
      expect(salesOrder).toMatchObject({ billto_line1: null, shipto_city: null, _customerid_value: someone.contactId });
    }
    const logged = (await attempts()).slice(before.length);
    expect(logged.map((entry) => [entry.crm_id, entry.outcome])).toEqual([
      [someone.contactId, 'updated'],
      ...someone.orderIds.map((id) => [id, 'updated']),
    ]);
    expect(new Set(logged.map((entry) => entry.correlation_id)).size).toBe(1);
    expect(logged[0]?.request).toMatchObject({ topic: 'customers/redact', action: 'anonymize' });
    expect(logged[0]?.request?.cleared).toEqual(
      expect.arrayContaining(['firstname', 'emailaddress1', 'address1_line1']),
    );
    expect(mentionsAny(logged, someone.values)).toEqual([]);
    // Our own copy of what was written holds no personal value either.
    const links = await database().sql`
      select written_values from entity_links where shopify_gid in ${database().sql([someone.gid, ...someone.orderGids])}`;
    expect(mentionsAny(links, someone.values)).toEqual([]);

    // Action: the merchant's request again, then a sync of the customer and the orders.
    await request('customers/redact', someone.legacyId);
    await harness.syncEach('shopify_customer__sync', [{ customerGid: someone.gid }]);
    await harness.syncEach(
      'shopify_order__sync',
      someone.orderGids.map((orderGid) => ({ orderGid })),
    );

    // Assertions: the repeat found nothing left to do; the syncs brought nothing personal back (Shopify erased it too).
    const repeat = (await attempts()).slice(before.length + logged.length);
    expect(repeat.map((entry) => entry.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(mentionsAny(await contact(someone.contactId), someone.values)).toEqual([]);
    for (const id of someone.orderIds) expect(mentionsAny(await order(id), someone.values)).toEqual([]);
    expect(await database().sql`select shopify_gid, error_message from sync_attempts where outcome = 'failed'`).toEqual(
      [],
    );
  });

  it('deletes the contact when the store says so; its orders stay, under the store’s redacted customers account', async () => {
    // Setup
    const someone = await person();
    await updateStoreSettings(database, harness.storeId, { privacy: { onRedact: 'delete' } });
    const before = await attempts();

    // Action
    await request('customers/redact', someone.legacyId);

    // Assertions
    await expect(contact(someone.contactId)).rejects.toThrow();
    const accounts = await harness.dataverse.request({
      method: 'GET',
      path: `accounts?$select=accountid,name&$filter=sv_shopifyid eq 'us_redacted'`,
      idempotent: true,
    });
    const [account] = (accounts.body as { value: { accountid: string }[] }).value;
    for (const id of someone.orderIds) {
      const salesOrder = await order(id);
      expect(salesOrder._customerid_value).toBe(account?.accountid);
      expect(mentionsAny(salesOrder, someone.values), id).toEqual([]);
    }
    const logged = (await attempts()).slice(before.length);
    expect(logged[0]).toMatchObject({ crm_id: someone.contactId, outcome: 'updated' });
    expect(logged[0]?.request).toMatchObject({ action: 'delete', deleted: true });
    expect(mentionsAny(logged, someone.values)).toEqual([]);
    // The customer's link names the redacted customers account: later orders go under it, and the customer's own
    // syncs write nothing.
    const [link] = await database().sql<{ crm_table: string; crm_id: string }[]>`
      select crm_table, crm_id::text from entity_links where shopify_gid = ${someone.gid}`;
    expect(link).toEqual({ crm_table: 'account', crm_id: account?.accountid });
    const since = new Date();
    await harness.syncEach('shopify_customer__sync', [{ customerGid: someone.gid }]);
    await harness.syncEach(
      'shopify_order__sync',
      someone.orderGids.map((orderGid) => ({ orderGid })),
    );
    const after = await database().sql<{ entity: string; outcome: string; error_message: string | null }[]>`
      select entity, outcome::text, error_message from sync_attempts where started_at >= ${since.toISOString()} order by started_at`;
    expect(after.filter((entry) => entry.outcome === 'failed' || entry.outcome === 'retrying')).toEqual([]);
    expect(after.find((entry) => entry.entity === 'customer')?.outcome).toBe('skipped');
    for (const id of someone.orderIds) expect((await order(id))._customerid_value).toBe(account?.accountid);

    // Action: the request again.
    await request('customers/redact', someone.legacyId);

    // Assertions: nothing left to do.
    const repeat = (await attempts()).slice(before.length + logged.length);
    expect(repeat.map((entry) => entry.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    await updateStoreSettings(database, harness.storeId, {});
  });

  it('deactivates rather than deletes a contact whose order is closed, and says which order to clear by hand', async () => {
    // Setup: the second order cancelled in Shopify, so closed in Dynamics, where an order is read-only once closed.
    const someone = await person();
    const [open, cancelled] = someone.orderGids;
    const cancel = await harness.shopify.request<{ orderCancel: { userErrors: unknown[] } }>(
      `mutation($id: ID!) { orderCancel(orderId: $id, refund: false, restock: false, reason: CUSTOMER) {
        userErrors { field message } } }`,
      { variables: { id: cancelled } },
    );
    expect(cancel.orderCancel.userErrors).toEqual([]);
    await harness.syncEach('shopify_order__sync', [{ orderGid: cancelled }]);
    expect((await order(someone.orderIds[1] ?? '')).statecode).toBe(2);
    await updateStoreSettings(database, harness.storeId, { privacy: { onRedact: 'delete' } });
    const before = await attempts();

    // Action
    await request('customers/redact', someone.legacyId);

    // Assertions: the contact stays, anonymised and inactive, and still the customer of both orders.
    expect(await contact(someone.contactId)).toMatchObject({ firstname: null, lastname: 'Redacted', statecode: 1 });
    const logged = (await attempts()).slice(before.length);
    expect(logged.map((entry) => [entry.shopify_gid, entry.outcome, entry.error_code])).toEqual([
      [someone.gid, 'updated', null],
      [open, 'updated', null],
      [cancelled, 'failed', 'privacy.order_closed'],
    ]);
    expect(logged[0]?.request).toMatchObject({ action: 'deactivate', deactivated: true });
    expect(JSON.stringify(logged[0]?.request?.notes)).toMatch(/closed order.*instead of deleted/);
    expect(logged[2]?.error_message).toMatch(/is closed in Dynamics .*clear billto_line1.* by hand/);
    expect(mentionsAny(logged, someone.values)).toEqual([]);
    expect(await order(someone.orderIds[0] ?? '')).toMatchObject({
      billto_line1: null,
      _customerid_value: someone.contactId,
    });
    await updateStoreSettings(database, harness.storeId, {});
  });

  it('leaves a contact another store still links active, and clears only what this store wrote there', async () => {
    // Setup: the same contact is the customer of another store too (issue 11), whose sync wrote the phone after ours.
    const someone = await person();
    const { db } = database();
    const [link] = await database().sql<{ org_id: string }[]>`
      select org_id::text from entity_links where shopify_gid = ${someone.gid}`;
    const other = await upsertStore(db, harness.box, {
      key: 'eu',
      shopDomain: 'privacy-eu.myshopify.com',
      name: 'Demo EU',
      apiVersion: '2025-01',
      apiBaseUrl: 'http://127.0.0.1:9',
      accessToken: 'shpat_unused',
      webhookSecret: 'unused',
      settings: {},
    });
    await connectStoreToOrg(db, other.id, link?.org_id ?? '');
    await saveLink(db, {
      storeId: other.id,
      shopifyType: 'customer',
      shopifyGid: 'gid://shopify/Customer/42',
      orgId: link?.org_id ?? '',
      crmTable: 'contact',
      crmId: someone.contactId,
      shopifyUpdatedAt: new Date(),
      contentHash: null,
      writtenValues: { telephone1: '+442071838750' },
      correlationId: '00000000-0000-4000-8000-000000000042',
      now: new Date(),
    });
    await harness.dataverse.request({
      method: 'PATCH',
      path: `contacts(${someone.contactId})`,
      body: { telephone1: '+442071838750' },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
    await updateStoreSettings(database, harness.storeId, { privacy: { onRedact: 'delete' } });
    const before = await attempts();

    // Action
    await request('customers/redact', someone.legacyId);

    // Assertions: still there and active; this store's values gone, the other store's phone kept.
    expect(await contact(someone.contactId)).toMatchObject({
      firstname: null,
      lastname: 'Redacted',
      emailaddress1: null,
      address1_line1: null,
      telephone1: '+442071838750',
      statecode: 0,
    });
    const [logged] = (await attempts()).slice(before.length);
    expect(logged?.request).toMatchObject({ action: 'anonymize' });
    expect(logged?.request?.cleared).not.toContain('telephone1');
    expect(JSON.stringify(logged?.request?.notes)).toMatch(
      /also linked from eu:gid:\/\/shopify\/Customer\/42.*not deleted/,
    );
    await updateStoreSettings(database, harness.storeId, {});
  });

  it('withholds the export from the log when the store keeps no personal data there, and lists the CRM ids', async () => {
    // Setup
    const someone = await person();
    await updateStoreSettings(database, harness.storeId, { pipeline: { redactPersonalData: true } });

    // Action
    const body = await request('customers/data_request', someone.legacyId);

    // Assertions
    const dataRequestId = String((body.data_request as { id: number }).id);
    const [found] = await database().sql<Attempt[]>`
      select shopify_gid, crm_id::text, email, outcome::text, request, response from sync_attempts
      where entity = 'privacy' and shopify_gid = ${`gid://shopify/DataRequest/${dataRequestId}`}`;
    expect(found).toMatchObject({ crm_id: someone.contactId, email: null });
    expect(found?.response).toMatchObject({ withheld: expect.any(String) as unknown, contact: someone.contactId });
    expect(((found?.response as { orders: string[] }).orders ?? []).sort()).toEqual([...someone.orderIds].sort());
    expect(mentionsAny(found, someone.values)).toEqual([]);
    await updateStoreSettings(database, harness.storeId, {});
  });

  it('keeps a data request’s export where the merchant finds it, by the request id and the email', async () => {
    // Setup
    const someone = await person();

    // Action
    const body = await request('customers/data_request', someone.legacyId);

    // Assertions
    const dataRequestId = String((body.data_request as { id: number }).id);
    const [found] = await database().sql<Attempt[]>`
      select shopify_gid, crm_id::text, email, outcome::text, request, response from sync_attempts
      where entity = 'privacy' and shopify_gid = ${`gid://shopify/DataRequest/${dataRequestId}`}`;
    expect(found).toMatchObject({ crm_id: someone.contactId, email: someone.values[2] });
    expect(found?.request).toMatchObject({ dataRequestId, customerGid: someone.gid });
    expect(found?.response).toMatchObject({
      contact: { id: someone.contactId, columns: { firstname: someone.values[0], emailaddress1: someone.values[2] } },
    });
    const orders = (found?.response as { orders: { id: string }[] }).orders.map((entry) => entry.id);
    expect(orders.sort()).toEqual([...someone.orderIds].sort());
  });

  it('logs shop/redact and deletes nothing', async () => {
    // Setup
    const links = await database().sql`select count(*)::int as n from entity_links`;

    // Action
    await request('shop/redact');

    // Assertions
    const logged = (await attempts()).at(-1);
    expect(logged?.outcome).toBe('skipped');
    expect(logged?.shopify_gid).toMatch(/^gid:\/\/shopify\/Shop\/\d+$/);
    expect(await database().sql`select count(*)::int as n from entity_links`).toEqual(links);
  });
});
