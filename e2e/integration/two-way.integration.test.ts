import { randomUUID } from 'node:crypto';
import { addJob, inTransaction, isTwoWayConflict, resolveMergeItem, settleTwoWayConflict } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { createCustomerFromCrm, pushCustomerChanges, readCustomer, readCustomers } from '@shopverse/shopify';
import { normalizePhone, type ShopifyCustomer } from '@shopverse/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until, updateStoreSettings } from './sync-harness';

/** The part of the Dataverse simulator's `_sim/stats` read here. */
interface OrgStats {
  totals: { operationsByKind: Partial<Record<string, number>> };
}

interface ContactValues {
  emailaddress1: string | null;
  address1_line1: string | null;
  address1_line2: string | null;
  telephone1: string | null;
}

describe('two-way: CRM edits flow back to Shopify, through the Shopify and Dataverse simulators (issue 12)', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let storeId: string;
  let orgId: string;
  let customers: ShopifyCustomer[];

  /** Waits (polling briefly: the rounds below run hundreds of jobs) until the queue is empty. */
  const drain = (what: string) =>
    until(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 15));
        return (await database().sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined;
      },
      what,
      20_000,
    );
  /** Queues the jobs and waits for them and every job they queue. */
  const run = async (task: string, payloads: Record<string, unknown>[]) => {
    await database().sql.begin(async (tx) => {
      for (const payload of payloads) await addJob(tx, task, payload);
    });
    await drain(`the ${task} jobs`);
  };
  const poll = () => run('crm_changes__poll', [{ orgId }]);
  /** The customer sync a `customers/update` webhook queues (the sync reads the customer, as for a stale body). */
  const syncCustomer = (gid: string) => run('shopify_customer__sync', [{ storeId, customerGid: gid }]);
  const crmIdOf = async (gid: string): Promise<string> => {
    const [link] = await database().sql<{ crm_id: string }[]>`
      select crm_id from entity_links where store_id = ${storeId} and shopify_gid = ${gid}`;
    if (!link) throw new Error(`${gid} is not linked`);
    return link.crm_id;
  };
  const contact = async (gid: string): Promise<ContactValues> => {
    const response = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${await crmIdOf(gid)})?$select=emailaddress1,address1_line1,address1_line2`,
      idempotent: true,
    });
    return response.body as ContactValues;
  };
  const editCrm = async (gid: string, row: Partial<ContactValues>) => {
    await harness.dataverse.request({
      method: 'PATCH',
      path: `contacts(${await crmIdOf(gid)})`,
      body: row,
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
  };
  const editShopify = async (gid: string, change: { email?: string; address1?: string }) => {
    const answer = await pushCustomerChanges(
      harness.shopify,
      {
        customerGid: gid,
        ...(change.email ? { email: change.email } : {}),
        ...(change.address1 ? { address: { address1: change.address1 } } : {}),
      },
      { correlationId: randomUUID() },
    );
    expect(answer.userErrors).toEqual([]);
  };
  const shopifyCustomer = async (gid: string): Promise<ShopifyCustomer> => {
    const customer = await readCustomer(harness.shopify, gid);
    if (!customer) throw new Error(`${gid} is gone from the shop`);
    return customer;
  };
  /** Writes the CRM answered (creates, updates, deletes, actions), however they were sent. */
  const crmWrites = async (): Promise<number> => {
    const { operationsByKind: kinds } = (await harness.sim<OrgStats>('stats')).totals;
    return ['create', 'update', 'delete', 'action', 'bulk'].reduce((sum, kind) => sum + (kinds[kind] ?? 0), 0);
  };
  /** Customers written to Shopify by our pushes. */
  const pushes = async (): Promise<number> => {
    const [row] = await database().sql<{ count: number }[]>`
      select count(*)::int as count from sync_attempts
      where direction = 'crm_to_shopify' and outcome = 'updated' and store_id = ${storeId}`;
    return row?.count ?? 0;
  };

  /** A guest checkout: an order under an email with a billing address and no customer; answers its gid. */
  const guestOrder = async (email: string, billingAddress: Record<string, string>): Promise<string> => {
    const order = await harness.shopify.request<{
      orderCreate: { order: { id: string } | null; userErrors: unknown[] };
    }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }`,
      {
        variables: {
          order: {
            currency: 'USD',
            email,
            billingAddress,
            lineItems: [
              { title: 'Mug', quantity: 1, priceSet: { shopMoney: { amount: '12.00', currencyCode: 'USD' } } },
            ],
          },
        },
      },
    );
    expect(order.orderCreate.userErrors).toEqual([]);
    const orderGid = order.orderCreate.order?.id;
    if (!orderGid) throw new Error('the shop made no order');
    return orderGid;
  };
  /** Syncs orders together, as a burst of webhooks would (the worker runs them at once). */
  const syncOrders = (gids: string[]) =>
    run(
      'shopify_order__sync',
      gids.map((orderGid) => ({ storeId, orderGid })),
    );

  beforeAll(async () => {
    // Setup: the sandbox, our store with two-way on, its customers synced, and the first poll (the baseline).
    harness = await startSyncHarness(database, {
      settings: { twoWay: { enabled: true } },
      demo: { customers: 14, orders: 2 },
    });
    storeId = harness.storeId;
    const [connection] = await database().sql<{ org_id: string }[]>`
      select org_id from store_connections where store_id = ${storeId}`;
    if (!connection) throw new Error('the store has no org');
    orgId = connection.org_id;
    customers = [];
    for await (const page of readCustomers(harness.shopify)) customers.push(...page);
    customers = customers.filter((customer) => customer.email && customer.defaultAddress);
    if (customers.length < 7) throw new Error('the demo shop needs seven customers with an email and an address');
    await run(
      'shopify_customer__sync',
      customers.map((customer) => ({ storeId, customerGid: customer.gid })),
    );
    await poll();
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('the first poll only takes a delta link: nothing pushed', async () => {
    // Assertions
    expect(await pushes()).toBe(0);
    const [cursor] = await database().sql<{ delta_link: string }[]>`
      select delta_link from crm_change_cursors where org_id = ${orgId} and crm_table = 'contact'`;
    expect(cursor?.delta_link).toContain('$deltatoken=');
  });

  it('an email changed in the CRM reaches Shopify after one poll; the webhook back writes nothing to the CRM', async () => {
    // Setup
    const customer = customers[0];
    if (!customer) throw new Error('no customer');
    await editCrm(customer.gid, { emailaddress1: 'corrected.by.sales@example.com' });
    const writesBefore = await crmWrites();

    // Action
    await poll();
    const pushed = await shopifyCustomer(customer.gid);
    await syncCustomer(customer.gid);
    await poll();

    // Assertions
    expect(pushed.email).toBe('corrected.by.sales@example.com');
    expect(await crmWrites()).toBe(writesBefore);
    expect(await pushes()).toBe(1);
    const attempts = await database().sql<{ direction: string; outcome: string; request: unknown }[]>`
      select direction, outcome, request from sync_attempts
      where shopify_gid = ${customer.gid} and direction = 'crm_to_shopify'`;
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['updated']);
    expect(attempts[0]?.request).toMatchObject({ fields: ['email'] });
  });

  it('a phone typed in the CRM without its country code reaches Shopify as E.164 and settles without a loop', async () => {
    // Setup: a number written as people there write it, read in the contact's address country.
    const local: Record<string, string> = {
      US: '(212) 555-0142',
      CA: '(416) 555-0142',
      GB: '020 7946 0142',
      DE: '030 9018 2042',
      FR: '01 42 68 53 42',
      AU: '(02) 9374 4042',
    };
    const customer = customers.find((entry, index) => index > 6 && local[entry.defaultAddress?.countryCode ?? '']);
    const typed = local[customer?.defaultAddress?.countryCode ?? ''];
    if (!customer || !typed)
      throw new Error('the demo shop needs a customer beyond the first seven in a known country');
    const e164 = normalizePhone(typed, customer.defaultAddress?.countryCode).value;
    expect(e164).toMatch(/^\+\d+$/);
    await editCrm(customer.gid, { telephone1: typed });

    // Action: the poll and its push; the webhook's sync; two more polls.
    await poll();
    await syncCustomer(customer.gid);
    const pushedBefore = await pushes();
    await poll();
    await poll();

    // Assertions: Shopify holds E.164; the customer sync wrote the same form to the CRM once, and nothing bounced.
    expect((await shopifyCustomer(customer.gid)).phone).toBe(e164);
    const response = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${await crmIdOf(customer.gid)})?$select=telephone1`,
      idempotent: true,
    });
    expect((response.body as { telephone1: string }).telephone1).toBe(e164);
    expect(await pushes()).toBe(pushedBefore);
  });

  it('an expired delta link falls back to comparing every contact, finds the edit, and starts a new link', async () => {
    // Setup: the cursor's token eight days old (Dataverse keeps changes for seven), and an edit made meanwhile.
    const customer = customers[6] ?? customers[0];
    if (!customer) throw new Error('no customer');
    const { sql } = database();
    const expired = encodeURIComponent('1!01/01/2020 00:00:00');
    const [current] = await sql<{ delta_link: string }[]>`
      select delta_link from crm_change_cursors where org_id = ${orgId} and crm_table = 'contact'`;
    const stale = current?.delta_link.replace(/\$deltatoken=[^&]*/, `$deltatoken=${expired}`);
    expect(stale).toContain(`$deltatoken=${expired}`);
    await sql`update crm_change_cursors set delta_link = ${stale ?? ''} where org_id = ${orgId}`;
    await editCrm(customer.gid, { emailaddress1: 'after.expiry@example.com' });

    // Action
    await poll();

    // Assertions
    expect((await shopifyCustomer(customer.gid)).email).toBe('after.expiry@example.com');
    const [cursor] = await sql<{ delta_link: string }[]>`
      select delta_link from crm_change_cursors where org_id = ${orgId} and crm_table = 'contact'`;
    expect(cursor?.delta_link).toContain('$deltatoken=');
    expect(cursor?.delta_link).not.toContain(expired);
  });

  it.each([
    ['crmWins', 1, 'crm'],
    ['shopifyWins', 2, 'shopify'],
    ['newestWins', 3, 'crm'],
    ['ask', 4, 'both kept'],
  ] as const)('an address changed on both sides under %s ends as the policy says', async (policy, index, winner) => {
    // Setup: Shopify's edit first, then (a second later: both keep times to the second) the CRM's.
    const customer = customers[index];
    if (!customer) throw new Error('no customer');
    // Under ask, the Shopify -> CRM direction would let Shopify win (shopifyWins): the parked field must still wait.
    await updateStoreSettings(database, storeId, {
      twoWay: { enabled: true, conflictPolicy: { address: policy } },
      ...(policy === 'ask' ? { customers: { defaultConflictPolicy: 'shopifyWins' } } : {}),
    });
    await editShopify(customer.gid, { address1: `${index} Shopify Street` });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await editCrm(customer.gid, { address1_line1: `${index} CRM Road` });

    // Action
    await poll();

    // Assertions
    const crm = (await contact(customer.gid)).address1_line1;
    const shop = (await shopifyCustomer(customer.gid)).defaultAddress?.address1;
    const items = await database().sql<{ payload: { kind: string; fields: { field: string }[] } }[]>`
        select payload from merge_queue where shopify_gid = ${customer.gid} and status = 'open'`;
    if (winner === 'crm') expect([crm, shop]).toEqual([`${index} CRM Road`, `${index} CRM Road`]);
    if (winner === 'shopify') expect([crm, shop]).toEqual([`${index} Shopify Street`, `${index} Shopify Street`]);
    if (winner === 'both kept') {
      expect([crm, shop]).toEqual([`${index} CRM Road`, `${index} Shopify Street`]);
      expect(items.map((item) => item.payload.kind)).toEqual(['twoWayConflict']);
      expect(items[0]?.payload.fields.map((item) => item.field)).toEqual(['address']);
      // The customer sync Shopify's webhook queues leaves the parked field for the person's decision.
      await run('shopify_customer__sync', [{ storeId, customerGid: customer.gid }]);
      expect((await contact(customer.gid)).address1_line1).toBe(`${index} CRM Road`);
    } else {
      expect(items).toEqual([]);
    }
  });

  it('a person keeps the CRM side of the conflict parked under ask: the CRM value reaches Shopify', async () => {
    // Setup: the item the ask case above parked.
    const customer = customers[4];
    if (!customer) throw new Error('no customer');
    const { db, sql } = database();
    const [open] = await sql<{ id: string }[]>`
      select id from merge_queue where shopify_gid = ${customer.gid} and status = 'open'`;
    if (!open) throw new Error('the ask case parked no item');
    const crmId = await crmIdOf(customer.gid);

    // Action: the decision and its job in one transaction, as the console's resolveMerge does.
    const settled = await inTransaction(db, async (tx) => {
      const decided = await resolveMergeItem(tx.db, {
        id: open.id,
        decision: { kind: 'link', crmId },
        by: 'ops@example.com',
        now: new Date(),
      });
      expect(isTwoWayConflict(decided)).toBe(true);
      return settleTwoWayConflict(tx, { item: decided, keep: 'crm', now: new Date() });
    });
    await drain('the push the decision queued');

    // Assertions
    expect(settled?.identifier).toBe('shopify_customer__push');
    expect((await shopifyCustomer(customer.gid)).defaultAddress?.address1).toBe('4 CRM Road');
    expect((await contact(customer.gid)).address1_line1).toBe('4 CRM Road');
  });

  it('an email Shopify refuses (taken by another customer) is a permanent failure that says to fix it in the CRM', async () => {
    // Setup: the CRM gives one customer the email another customer has in Shopify.
    const [customer, other] = [customers[3], customers[2]];
    if (!customer?.email || !other) throw new Error('no customers');
    const taken = (await shopifyCustomer(other.gid)).email;
    if (!taken) throw new Error('the other customer has no email');
    await editCrm(customer.gid, { emailaddress1: taken });

    // Action
    await poll();

    // Assertions: nothing changed in Shopify, one failed attempt with the reason, no retry.
    expect((await shopifyCustomer(customer.gid)).email).not.toBe(taken);
    const attempts = await database().sql<{ outcome: string; error_class: string; error_message: string }[]>`
      select outcome, error_class, error_message from sync_attempts
      where shopify_gid = ${customer.gid} and direction = 'crm_to_shopify' and outcome = 'failed'`;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.error_class).toBe('permanent');
    expect(attempts[0]?.error_message).toContain('the email is taken by another customer in Shopify');
    expect(attempts[0]?.error_message).toContain('Fix it in the CRM');
  });

  it('a store in dry run pushes nothing and logs the push it would have made', async () => {
    // Setup
    const customer = customers[1];
    if (!customer) throw new Error('no customer');
    await updateStoreSettings(database, storeId, { twoWay: { enabled: true }, pipeline: { dryRun: true } });
    const before = (await shopifyCustomer(customer.gid)).email;
    await editCrm(customer.gid, { emailaddress1: 'shadow@example.com' });

    // Action
    await poll();

    // Assertions
    expect((await shopifyCustomer(customer.gid)).email).toBe(before);
    const [attempt] = await database().sql<{ outcome: string; dry_run: boolean; request: { reason: string } }[]>`
      select outcome, dry_run, request from sync_attempts
      where shopify_gid = ${customer.gid} and direction = 'crm_to_shopify' order by started_at desc limit 1`;
    expect(attempt).toMatchObject({ outcome: 'skipped', dry_run: true });
    expect(attempt?.request.reason).toMatch(/dry run/);
  });

  it('100 rounds of edits on alternating sides end with both systems equal and no extra writes', async () => {
    // Setup
    const customer = customers[5];
    if (!customer) throw new Error('no customer');
    await updateStoreSettings(database, storeId, { twoWay: { enabled: true } });
    const extra: string[] = [];

    // Action: a CRM edit, the poll and its push, the webhook's sync; then a Shopify edit, its sync, the poll.
    for (let round = 0; round < 100; round++) {
      const email = `round-${round}@example.com`;
      const writes = await crmWrites();
      const pushed = await pushes();
      if (round % 2 === 0) {
        await editCrm(customer.gid, { emailaddress1: email });
        await poll();
        await syncCustomer(customer.gid);
      } else {
        await editShopify(customer.gid, { email });
        await syncCustomer(customer.gid);
        await poll();
      }
      // One write per round: the person's edit in the CRM, or the sync's of Shopify's edit; one push per CRM edit.
      const counts = { crm: (await crmWrites()) - writes, pushes: (await pushes()) - pushed };
      const expected = { crm: 1, pushes: round % 2 === 0 ? 1 : 0 };
      if (counts.crm !== expected.crm || counts.pushes !== expected.pushes) {
        extra.push(`round ${round}: ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
      }
    }

    // Assertions
    expect(extra).toEqual([]);
    expect((await contact(customer.gid)).emailaddress1).toBe('round-99@example.com');
    expect((await shopifyCustomer(customer.gid)).email).toBe('round-99@example.com');
    const [failed] = await database().sql<{ count: number }[]>`
      select count(*)::int as count from sync_attempts
      where outcome in ('failed', 'retrying') and shopify_gid = ${customer.gid}`;
    expect(failed?.count).toBe(0);
  }, 90_000);

  it('a contact created in the CRM becomes one Shopify customer after one poll only when the store says so, linked first', async () => {
    // Setup: contacts as a person creates them in the CRM (a POST, no key of ours), and Shopify's customers by email.
    const createContact = async (email: string, phone: string | null = null): Promise<string> => {
      const response = await harness.dataverse.request({
        method: 'POST',
        path: 'contacts',
        body: {
          firstname: 'Nora',
          lastname: 'Field',
          emailaddress1: email,
          telephone1: phone,
          address1_line1: '77 Water St',
          address1_city: 'New York',
          address1_stateorprovince: 'New York',
          address1_postalcode: '10005',
          address1_country: 'United States',
        },
        headers: { Prefer: 'return=representation' },
        idempotent: false,
      });
      return (response.body as { contactid: string }).contactid;
    };
    const customersWith = async (email: string): Promise<ShopifyCustomer[]> => {
      const found: ShopifyCustomer[] = [];
      for await (const page of readCustomers(harness.shopify)) found.push(...page.filter((c) => c.email === email));
      return found;
    };
    const contactsWith = async (email: string): Promise<{ contactid: string; sv_shopifyid: string | null }[]> => {
      const response = await harness.dataverse.request({
        method: 'GET',
        path: `contacts?$select=contactid,sv_shopifyid&$filter=${encodeURIComponent(`emailaddress1 eq '${email}'`)}`,
        idempotent: true,
      });
      return (response.body as { value: { contactid: string; sv_shopifyid: string | null }[] }).value;
    };
    await updateStoreSettings(database, storeId, { twoWay: { enabled: true } });
    const ignored = await createContact('left.in.crm@example.com');
    // A customer made in Shopify whose sync has not run yet: a contact with the same email must be linked to it.
    const inShop = await createCustomerFromCrm(
      harness.shopify,
      { firstName: 'Olga', lastName: 'Shop', email: 'already.in.shop@example.com', phone: null, address: null },
      { correlationId: randomUUID() },
    );
    if (!inShop.customer) throw new Error(`the shop refused the customer: ${JSON.stringify(inShop.userErrors)}`);

    // Action: under the default (ignore), a poll; then under createInShopify, two new contacts and one poll.
    await poll();
    const ignoredFound = await customersWith('left.in.crm@example.com');
    await updateStoreSettings(database, storeId, { twoWay: { enabled: true, crmCreates: 'createInShopify' } });
    const crmId = await createContact('new.in.crm@example.com', '+12125550177');
    const matchedId = await createContact('already.in.shop@example.com');
    await poll();
    const [created, ...more] = await customersWith('new.in.crm@example.com');
    if (!created) throw new Error('no customer was created in Shopify');
    const linkedTo = await crmIdOf(created.gid);
    // The customers/create webhook's sync, then the next poll (which sees our own write of sv_shopifyid).
    const writesBefore = await crmWrites();
    await syncCustomer(created.gid);
    await poll();

    // Assertions
    expect(ignoredFound).toEqual([]);
    expect((await contactsWith('left.in.crm@example.com')).map((row) => row.contactid)).toEqual([ignored]);
    expect(more).toEqual([]);
    expect(created).toMatchObject({ firstName: 'Nora', lastName: 'Field', phone: '+12125550177' });
    expect(created.defaultAddress).toMatchObject({ address1: '77 Water St', city: 'New York', countryCode: 'US' });
    expect(linkedTo).toBe(crmId);
    expect(await crmWrites()).toBe(writesBefore);
    expect(await customersWith('new.in.crm@example.com')).toHaveLength(1);
    expect(await contactsWith('new.in.crm@example.com')).toEqual([
      expect.objectContaining({ contactid: crmId, sv_shopifyid: `us_${created.legacyId}` }),
    ]);
    const attempts = await database().sql<{ outcome: string; crm_id: string }[]>`
      select outcome, crm_id from sync_attempts
      where direction = 'crm_to_shopify' and entity = 'customer' and crm_id in (${crmId}, ${ignored})`;
    expect(attempts).toEqual([{ outcome: 'created', crm_id: crmId }]);
    expect((await customersWith('already.in.shop@example.com')).map((c) => c.gid)).toEqual([inShop.customer.gid]);
    expect(await crmIdOf(inShop.customer.gid)).toBe(matchedId);
    const matched = await database().sql<{ outcome: string; request: { reason?: string } | null }[]>`
      select outcome, request from sync_attempts where direction = 'crm_to_shopify' and crm_id = ${matchedId}`;
    expect(matched.map((attempt) => attempt.outcome)).not.toContain('created');
    expect(matched.some((attempt) => /matched by email/.test(attempt.request?.reason ?? ''))).toBe(true);
  });

  it('pushes nothing a guest checkout of the same buyer wrote to the customer’s contact', async () => {
    // Setup: a customer without an address, synced; then a guest order under their email with a billing address,
    // whose sync fills the contact's empty address (it is the sync's own write, not a person's edit).
    await updateStoreSettings(database, storeId, { twoWay: { enabled: true } });
    const email = 'guest.buyer@example.com';
    const created = await harness.shopify.request<{
      customerCreate: { customer: { id: string } | null; userErrors: unknown[] };
    }>(
      'mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { field message } } }',
      { variables: { input: { firstName: 'Gus', lastName: 'Buyer', email } } },
    );
    const gid = created.customerCreate.customer?.id;
    if (!gid) throw new Error(`the shop refused the customer: ${JSON.stringify(created.customerCreate.userErrors)}`);
    await syncCustomer(gid);
    await poll();
    const gift = await guestOrder(email, {
      firstName: 'Gus',
      lastName: 'Buyer',
      address1: '9 Gift Lane',
      city: 'Reno',
      countryCode: 'US',
      provinceCode: 'NV',
      zip: '89501',
    });
    await syncOrders([gift]);
    expect((await contact(gid)).address1_line1).toBe('9 Gift Lane');
    const pushedBefore = await pushes();

    // Action
    await poll();

    // Assertions: the guest's address stays in the CRM only; nothing was pushed to the customer.
    expect(await pushes()).toBe(pushedBefore);
    expect((await shopifyCustomer(gid)).defaultAddress).toBeNull();
  });

  it.each([
    ['one after the other', 'apart'],
    ['in one burst', 'together'],
  ] as const)(
    'pushes nothing a guest checkout filled in, when another guest order of the buyer leaves it out, synced %s',
    async (_how, timing) => {
      // Setup: a customer with an address but no second line, synced; a guest order under their email fills the
      // empty second line; another guest order has no second line, so the contact keeps it (a guest only fills).
      await updateStoreSettings(database, storeId, { twoWay: { enabled: true } });
      const email = `second.line.${timing}@example.com`;
      const address = { address1: '112 Tahrir St', city: 'Cairo', countryCode: 'EG', zip: '11804' };
      const created = await harness.shopify.request<{
        customerCreate: { customer: { id: string } | null; userErrors: unknown[] };
      }>(
        'mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { field message } } }',
        { variables: { input: { firstName: 'Layla', lastName: 'Ali', email, addresses: [address] } } },
      );
      const gid = created.customerCreate.customer?.id;
      if (!gid) throw new Error(`the shop refused the customer: ${JSON.stringify(created.customerCreate.userErrors)}`);
      await syncCustomer(gid);
      await poll();
      const buyer = { firstName: 'Layla', lastName: 'Ali', city: 'Cairo', countryCode: 'EG', zip: '11804' };
      const filling = await guestOrder(email, { ...buyer, address1: '112 Tahrir St', address2: 'Apt 21' });
      const leaving = await guestOrder(email, { ...buyer, address1: '235 Tahrir St' });
      if (timing === 'apart') {
        await syncOrders([filling]);
        await syncOrders([leaving]);
      } else {
        await syncOrders([filling, leaving]);
      }
      expect(await contact(gid)).toMatchObject({ address1_line1: '112 Tahrir St', address1_line2: 'Apt 21' });
      const pushedBefore = await pushes();

      // Action
      await poll();

      // Assertions: the line the guest filled is still its own write: nothing was pushed to the customer.
      expect(await pushes()).toBe(pushedBefore);
      expect((await shopifyCustomer(gid)).defaultAddress?.address2 ?? null).toBeNull();
    },
  );
});
