import { useTestDatabase } from '@shopverse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness';

/**
 * A buyer's guest checkout often reaches the CRM before their customer record does (the order's webhook first, or a
 * guest who signs up later). The contact the guest checkout made is then found by email when the customer syncs; what
 * we wrote to it for the guest is ours, not a person's edit, so the customer's own values must follow Shopify.
 */
describe('a customer whose guest checkout reached the CRM first', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 6, orders: 4 } });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('takes over the guest’s contact with the customer’s own name, under the newest-wins policy', async () => {
    // Setup: a guest order under a customer's email, with another name on it, synced before the customer.
    const listed = await harness.shopify.request<{ customers: { nodes: { id: string; email: string }[] } }>(
      `{ customers(first: 50) { nodes { id email } } }`,
    );
    const customer = listed.customers.nodes.find((node) => node.email);
    if (!customer) throw new Error('the demo shop has no customer with an email');
    const created = await harness.shopify.request<{
      orderCreate: { order: { id: string; customer: { id: string } | null } | null; userErrors: unknown[] };
    }>(
      `mutation($order: OrderCreateOrderInput!) {
        orderCreate(order: $order) { order { id customer { id } } userErrors { field message } } }`,
      {
        variables: {
          order: {
            currency: 'USD',
            email: customer.email,
            billingAddress: { firstName: 'Guestname', lastName: 'Atcheckout', countryCode: 'US' },
            lineItems: [
              { title: 'Mug', quantity: 1, priceSet: { shopMoney: { amount: '12.00', currencyCode: 'USD' } } },
            ],
          },
        },
      },
    );
    expect(created.orderCreate.userErrors).toEqual([]);
    const order = created.orderCreate.order;
    expect(order?.customer).toBeNull();
    await harness.syncEach('shopify_order__sync', [{ orderGid: order?.id }]);
    const [guest] = await database().sql<{ crm_id: string }[]>`
      select crm_id::text from entity_links where shopify_type = 'guest_checkout'`;
    if (!guest) throw new Error('the guest checkout made no contact');
    // The customer changes later than the guest contact was written, so only "ours" can let Shopify win.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const renamed = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: customer.id, firstName: 'Ownname' } } },
    );
    expect(renamed.customerUpdate.userErrors).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // A person's edit of another column after that stays: it is not ours.
    await harness.dataverse.request({
      method: 'PATCH',
      path: `contacts(${guest.crm_id})`,
      body: { jobtitle: 'Buyer' },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });

    // Action
    await harness.syncEach('shopify_customer__sync', [{ customerGid: customer.id }]);

    // Assertions: one contact, now the customer's, with Shopify's name and the person's job title.
    const [link] = await database().sql<{ crm_id: string }[]>`
      select crm_id::text from entity_links where shopify_gid = ${customer.id}`;
    expect(link?.crm_id).toBe(guest.crm_id);
    const contact = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${guest.crm_id})?$select=firstname,jobtitle`,
      idempotent: true,
    });
    expect(contact.body).toMatchObject({ firstname: 'Ownname', jobtitle: 'Buyer' });
  }, 120_000);

  it('keeps the customer’s own name when a later guest checkout under the same email syncs after it', async () => {
    // Setup: another customer with an email, synced first; then a guest order under that email, another name on it.
    const listed = await harness.shopify.request<{ customers: { nodes: { id: string; email: string }[] } }>(
      `{ customers(first: 50) { nodes { id email } } }`,
    );
    const customer = listed.customers.nodes.filter((node) => node.email)[1];
    if (!customer) throw new Error('the demo shop has too few customers with an email');
    await harness.syncEach('shopify_customer__sync', [{ customerGid: customer.id }]);
    const [link] = await database().sql<{ crm_id: string }[]>`
      select crm_id::text from entity_links where shopify_gid = ${customer.id}`;
    if (!link) throw new Error('the customer made no contact');
    const before = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${link.crm_id})?$select=firstname,lastname`,
      idempotent: true,
    });
    const created = await harness.shopify.request<{
      orderCreate: { order: { id: string } | null; userErrors: unknown[] };
    }>(
      `mutation($order: OrderCreateOrderInput!) {
        orderCreate(order: $order) { order { id } userErrors { field message } } }`,
      {
        variables: {
          order: {
            currency: 'USD',
            email: customer.email,
            billingAddress: { firstName: 'Giftfor', lastName: 'Someoneelse', countryCode: 'US', city: 'Reno' },
            lineItems: [
              { title: 'Mug', quantity: 1, priceSet: { shopMoney: { amount: '12.00', currencyCode: 'USD' } } },
            ],
          },
        },
      },
    );
    expect(created.orderCreate.userErrors).toEqual([]);

    // Action
    await harness.syncEach('shopify_order__sync', [{ orderGid: created.orderCreate.order?.id }]);

    // Assertions: the order is bound to the customer's contact, whose name is still the customer's.
    const [guest] = await database().sql<{ crm_id: string }[]>`
      select crm_id::text from entity_links where shopify_type = 'guest_checkout' and crm_id = ${link.crm_id}`;
    expect(guest?.crm_id).toBe(link.crm_id);
    const after = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${link.crm_id})?$select=firstname,lastname`,
      idempotent: true,
    });
    expect(after.body).toMatchObject({
      firstname: (before.body as { firstname: string }).firstname,
      lastname: (before.body as { lastname: string }).lastname,
    });
  }, 120_000);
});
