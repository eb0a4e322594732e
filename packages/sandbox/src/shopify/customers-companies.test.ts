/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   GraphQL results are read loosely here; the assertions check their values. */
import { describe, expect, it } from 'vitest';
import type { ShopChange } from './shop-handle';
import { testSimulator, US_SHOP } from './testing/shop-fixtures';
import { run } from './testing/run';

const CUSTOMER_FIELDS = `id legacyResourceId firstName lastName displayName email phone tags state numberOfOrders
  amountSpent { amount currencyCode } defaultAddress { address1 city province provinceCode country countryCodeV2 zip name }
  addresses { city } createdAt updatedAt taxExempt`;

describe('customers', () => {
  it('creates, updates and deletes with Shopify userErrors and topics', async () => {
    // Setup
    const { sim, clock } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const changes: ShopChange[] = [];
    shop.onChange((c) => changes.push(c));
    const create = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { ${CUSTOMER_FIELDS} } userErrors { field message } } }`;
    // Action
    const created = await run(shop, create, {
      input: {
        email: 'ann@example.com',
        phone: '+1 (212) 555-0100',
        firstName: 'Ann',
        lastName: 'Lee',
        tags: ['vip', 'vip', ' b2b '],
        addresses: [{ address1: '1 Main St', city: 'Albany', provinceCode: 'NY', countryCode: 'US', zip: '12207' }],
      },
    });
    const duplicate = await run(shop, create, { input: { email: 'ANN@example.com', phone: 'not a phone' } });
    const empty = await run(shop, create, { input: { note: 'nothing to identify' } });
    const id = created.customerCreate.customer.id;
    clock.advance(2000);
    const updated = await run(
      shop,
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { customer { updatedAt lastName } userErrors { field message } } }`,
      { input: { id, lastName: 'Leigh' } },
    );
    const deleted = await run(
      shop,
      `mutation($id: ID!) { customerDelete(input: { id: $id }) { deletedCustomerId userErrors { field message } } }`,
      { id },
    );
    const missing = await run(shop, `query($id: ID!) { customer(id: $id) { id } node(id: $id) { id } }`, { id });
    // Assertions
    const customer = created.customerCreate.customer;
    expect(customer).toMatchObject({
      displayName: 'Ann Lee',
      phone: '+12125550100',
      tags: ['vip', 'b2b'],
      state: 'DISABLED',
      numberOfOrders: '0',
      amountSpent: { amount: '0.0', currencyCode: 'USD' },
      defaultAddress: {
        province: 'New York',
        provinceCode: 'NY',
        country: 'United States',
        countryCodeV2: 'US',
        zip: '12207',
      },
    });
    expect(customer.legacyResourceId).toBe(id.split('/').pop());
    expect(duplicate.customerCreate.userErrors).toEqual([
      { field: ['email'], message: 'Email has already been taken' },
      { field: ['phone'], message: 'Phone is invalid' },
    ]);
    expect(empty.customerCreate.userErrors).toEqual([
      { field: null, message: 'Customer must have a name, phone number or email address' },
    ]);
    expect(updated.customerUpdate.customer.lastName).toBe('Leigh');
    expect(updated.customerUpdate.customer.updatedAt > customer.updatedAt).toBe(true);
    expect(deleted.customerDelete).toEqual({ deletedCustomerId: id, userErrors: [] });
    expect(missing).toEqual({ customer: null, node: null });
    expect(changes.map((c) => c.topic)).toEqual(['customers/create', 'customers/update', 'customers/delete']);
    expect(changes[2]?.deleted).toEqual({
      id: Number(id.split('/').pop()),
      phone: '+12125550100',
      addresses: [],
      tax_exemptions: [],
      email_marketing_consent: null,
      sms_marketing_consent: null,
      admin_graphql_api_id: id,
    });
  });

  it('counts orders and money spent, and refuses to delete a customer with orders', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const created = await run(
      shop,
      `mutation { customerCreate(input: { email: "bo@example.com" }) { customer { id } } }`,
    );
    const id = created.customerCreate.customer.id;
    // Action
    const order = shop.createOrder({
      customer: { toAssociate: { id } },
      lineItems: [{ title: 'A', quantity: 1, priceSet: { shopMoney: { amount: '12.50', currencyCode: 'USD' } } }],
      transactions: [{ amountSet: { shopMoney: { amount: '12.50', currencyCode: 'USD' } } }],
    });
    const read = await run(
      shop,
      `query($id: ID!) { customer(id: $id) { numberOfOrders amountSpent { amount } canDelete lastOrder { id email } orders(first: 5) { nodes { id } } } }`,
      { id },
    );
    const refused = await run(
      shop,
      `mutation($id: ID!) { customerDelete(input: { id: $id }) { deletedCustomerId userErrors { field message } } }`,
      { id },
    );
    // Assertions
    expect(order.userErrors).toEqual([]);
    expect(read.customer).toEqual({
      numberOfOrders: '1',
      amountSpent: { amount: '12.5' },
      canDelete: false,
      lastOrder: { id: order.orderId, email: 'bo@example.com' },
      orders: { nodes: [{ id: order.orderId }] },
    });
    expect(refused.customerDelete.deletedCustomerId).toBeNull();
  });

  it('pages customers by updated_at windows with cursors, sortKey and reverse', async () => {
    // Setup
    const { sim, clock } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    for (let i = 0; i < 7; i += 1) {
      await run(shop, `mutation($e: String!) { customerCreate(input: { email: $e }) { customer { id } } }`, {
        e: `c${i}@example.com`,
      });
      clock.advance(60_000);
    }
    const page = `query($after: String, $q: String, $reverse: Boolean) { customers(first: 3, after: $after, sortKey: UPDATED_AT, query: $q, reverse: $reverse) {
      pageInfo { hasNextPage endCursor } edges { cursor node { email } } } }`;
    // Action
    const emails: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data = await run(shop, page, { after, q: "updated_at:>='2025-06-01T12:02:00Z'" });
      emails.push(...data.customers.edges.map((e: { node: { email: string } }) => e.node.email));
      after = data.customers.pageInfo.hasNextPage ? data.customers.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    const reversed = await run(shop, page, { q: 'id:>0', reverse: true });
    // Assertions
    expect(emails).toEqual(['c2@example.com', 'c3@example.com', 'c4@example.com', 'c5@example.com', 'c6@example.com']);
    expect(pages).toBe(2);
    expect(reversed.customers.edges.map((e: { node: { email: string } }) => e.node.email)).toEqual([
      'c6@example.com',
      'c5@example.com',
      'c4@example.com',
    ]);
    const cursor = JSON.parse(Buffer.from(reversed.customers.edges[0].cursor, 'base64').toString()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(cursor)).toEqual(['last_id', 'last_value']);
  });
});

describe('companies and webhook subscriptions', () => {
  it('creates a company with its contact and location, and finds them by node and B2B orders', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const changes: ShopChange[] = [];
    shop.onChange((c) => changes.push(c));
    // Action
    const created = await run(
      shop,
      `mutation($input: CompanyCreateInput!) { companyCreate(input: $input) {
      company { id name externalId mainContact { id customer { email } isMainContact } locations(first: 2) { nodes { id name shippingAddress { address1 countryCode zoneCode country } billingAddress { city } } } }
      userErrors { field message code } } }`,
      {
        input: {
          company: { name: 'Acme Corp', externalId: 'ACME-1' },
          companyContact: { email: 'buyer@acme.example', firstName: 'Bo' },
          companyLocation: {
            name: 'Acme HQ',
            shippingAddress: { address1: '5 Loop', city: 'Chicago', zoneCode: 'IL', countryCode: 'US' },
            billingSameAsShipping: true,
          },
        },
      },
    );
    const blank = await run(
      shop,
      `mutation { companyCreate(input: { company: { name: "" } }) { company { id } userErrors { field message code } } }`,
    );
    const company = created.companyCreate.company;
    const location = company.locations.nodes[0];
    const order = shop.createOrder({
      companyLocationId: location.id,
      customer: { toAssociate: { email: 'buyer@acme.example' } },
      lineItems: [{ title: 'Pallet', quantity: 1, priceSet: { shopMoney: { amount: '100.00', currencyCode: 'USD' } } }],
    });
    const read = await run(
      shop,
      `query($ids: [ID!]!, $order: ID!) { nodes(ids: $ids) { __typename id }
      order(id: $order) { purchasingEntity { __typename ... on PurchasingCompany { company { name } location { name } contact { id } } } }
      companies(first: 5, query: "name:'Acme Corp'") { nodes { name ordersCount { count } } } }`,
      { ids: [company.id, location.id, company.mainContact.id, 'gid://shopify/Company/1'], order: order.orderId },
    );
    // Assertions
    expect(created.companyCreate.userErrors).toEqual([]);
    expect(company.mainContact).toMatchObject({ customer: { email: 'buyer@acme.example' }, isMainContact: true });
    expect(location).toMatchObject({
      name: 'Acme HQ',
      shippingAddress: { countryCode: 'US', zoneCode: 'IL', country: 'United States' },
      billingAddress: { city: 'Chicago' },
    });
    expect(blank.companyCreate.userErrors).toEqual([
      { field: ['input', 'company', 'name'], message: "Name can't be blank", code: 'BLANK' },
    ]);
    expect(read.nodes.map((n: { __typename: string } | null) => n?.__typename ?? null)).toEqual([
      'Company',
      'CompanyLocation',
      'CompanyContact',
      null,
    ]);
    expect(read.order.purchasingEntity).toEqual({
      __typename: 'PurchasingCompany',
      company: { name: 'Acme Corp' },
      location: { name: 'Acme HQ' },
      contact: { id: company.mainContact.id },
    });
    expect(read.companies.nodes).toEqual([{ name: 'Acme Corp', ordersCount: { count: 1 } }]);
    expect(changes.slice(0, 2).map((c) => c.topic)).toEqual(['companies/create', 'customers/create']);
  });

  it('stores webhook subscriptions for the dispatcher to read', async () => {
    // Setup
    const { sim } = testSimulator();
    const shop = sim.shops.get(US_SHOP.domain)!;
    const create = `mutation($topic: WebhookSubscriptionTopic!, $url: URL!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: { callbackUrl: $url, format: JSON }) { webhookSubscription { id } userErrors { field message } } }`;
    // Action
    const a = await run(shop, create, { topic: 'ORDERS_CREATE', url: 'http://127.0.0.1:3000/api/webhooks/shopify' });
    await run(shop, create, { topic: 'CUSTOMERS_UPDATE', url: 'http://127.0.0.1:3000/api/webhooks/shopify' });
    const dup = await run(shop, create, { topic: 'ORDERS_CREATE', url: 'http://127.0.0.1:3000/api/webhooks/shopify' });
    const bad = await run(shop, create, { topic: 'ORDERS_CREATE', url: 'nope' });
    const list = await run(
      shop,
      `{ webhookSubscriptions(first: 10) { nodes { id topic format callbackUrl endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } } } }`,
    );
    const del = await run(
      shop,
      `mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }`,
      { id: a.webhookSubscriptionCreate.webhookSubscription.id },
    );
    const filtered = await run(
      shop,
      `{ webhookSubscriptions(first: 10, topics: [ORDERS_CREATE]) { nodes { topic } } }`,
    );
    // Assertions
    expect(list.webhookSubscriptions.nodes).toHaveLength(2);
    expect(list.webhookSubscriptions.nodes[0]).toMatchObject({
      topic: 'ORDERS_CREATE',
      format: 'JSON',
      callbackUrl: 'http://127.0.0.1:3000/api/webhooks/shopify',
      endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: 'http://127.0.0.1:3000/api/webhooks/shopify' },
    });
    expect(dup.webhookSubscriptionCreate.userErrors[0].message).toBe('Address for this topic has already been taken');
    expect(bad.webhookSubscriptionCreate.userErrors[0].field).toEqual(['webhookSubscription', 'callbackUrl']);
    expect(del.webhookSubscriptionDelete.deletedWebhookSubscriptionId).toBe(
      a.webhookSubscriptionCreate.webhookSubscription.id,
    );
    expect(filtered.webhookSubscriptions.nodes).toEqual([]);
  });
});
