import { useTestDatabase } from '@shopverse/db/testing';
import { readCustomers, signShopifyWebhook } from '@shopverse/shopify';
import type { ShopifyCustomer } from '@shopverse/sync-core';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { receiveShopifyWebhook } from '@shopverse/web/webhook-intake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, until } from './sync-harness';

interface Contact {
  contactid: string;
  sv_shopifyid: string | null;
  emailaddress1: string | null;
  telephone1: string | null;
  _parentcustomerid_value?: string | null;
}

describe('customers to contacts, through the Shopify and Dataverse simulators', () => {
  const database = useTestDatabase();
  let harness: SyncHarness;
  let customers: ShopifyCustomer[];
  let storeId: string;

  const contacts = async (): Promise<Contact[]> => {
    const rows: Contact[] = [];
    for await (const page of harness.dataverse.query<Contact>(
      'contacts?$select=contactid,sv_shopifyid,emailaddress1,telephone1,_parentcustomerid_value',
    )) {
      rows.push(...page);
    }
    return rows;
  };
  const syncEach = (gids: string[]) =>
    harness.syncEach(
      'shopify_customer__sync',
      gids.map((customerGid) => ({ customerGid })),
    );
  /** Syncs every customer of the shop and waits for the queue to drain. */
  const syncAll = () => syncEach(customers.map((customer) => customer.gid));
  /** A signed `customers/update` delivery through the real intake; waits until it and the sync it queues ran. */
  const deliverCustomerUpdate = async (customer: Record<string, unknown>, eventId: string) => {
    const body = JSON.stringify(customer);
    const answer = await receiveShopifyWebhook({
      client: database(),
      box: harness.box,
      headers: new Headers({
        'x-shopify-shop-domain': harness.shopDomain,
        'x-shopify-topic': 'customers/update',
        'x-shopify-event-id': eventId,
        'x-shopify-hmac-sha256': signShopifyWebhook(body, harness.webhookSecret),
      }),
      rawBody: Buffer.from(body),
      now: new Date(),
    });
    const { sql } = database();
    await until(
      async () => ((await sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined),
      'the delivery and the sync it queues',
    );
    return answer;
  };

  beforeAll(async () => {
    // Setup: the sandbox, our store (B2B: companies as accounts) and org, a worker.
    harness = await startSyncHarness(database, {
      settings: { customers: { target: 'b2b', matchingKeys: ['linkedId', 'alternateKey', 'email', 'phone'] } },
      demo: { customers: 30, orders: 40 },
    });
    storeId = harness.storeId;
    customers = [];
    for await (const page of readCustomers(harness.shopify)) customers.push(...page);
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('creates one contact per customer, parks a shared inbox for a person, and writes nothing the second time', async () => {
    // Setup: what a CRM already holds before the first sync.
    const withEmail = customers.filter((customer) => customer.email && customer.companyGids.length === 0);
    const [shared, known] = withEmail;
    if (!shared?.email || !known?.email) throw new Error('the demo shop needs two customers with an email');
    // A shared inbox: two people in the CRM use the email of one Shopify customer.
    for (const name of ['Front', 'Desk']) {
      await harness.dataverse.request({
        method: 'POST',
        path: 'contacts',
        body: { lastname: name, emailaddress1: shared.email.toUpperCase() },
        idempotent: false,
      });
    }
    // A person already in the CRM, typed by hand: found by email, given our key, not created twice.
    await harness.dataverse.request({
      method: 'POST',
      path: 'contacts',
      body: { lastname: 'Known', emailaddress1: ` ${known.email.toUpperCase()}`.trim() },
      idempotent: false,
    });
    const before = (await contacts()).length;

    // Action
    await syncAll();

    // Assertions
    const { sql } = database();
    const failed =
      await sql`select shopify_gid, error_message from sync_attempts where outcome in ('failed', 'retrying')`;
    expect(failed).toEqual([]);
    const after = await contacts();
    const ours = after.filter((contact) => contact.sv_shopifyid?.startsWith('us_'));
    // Every customer but the shared inbox one has exactly one contact, and the known person was not duplicated.
    expect(new Set(ours.map((contact) => contact.sv_shopifyid)).size).toBe(ours.length);
    expect(ours).toHaveLength(customers.length - 1);
    expect(after).toHaveLength(before + customers.length - 2);
    const knownContact = after.find((contact) => contact.emailaddress1?.toLowerCase() === known.email);
    expect(knownContact?.sv_shopifyid).toBe(`us_${known.legacyId}`);
    const links = await sql<{ n: number; distinct_rows: number }[]>`
      select count(*)::int as n, count(distinct crm_id)::int as distinct_rows
      from entity_links where store_id = ${storeId} and shopify_type = 'customer'`;
    expect(links[0]).toEqual({ n: customers.length - 1, distinct_rows: customers.length - 1 });
    // The shared inbox waits for a person, with both contacts as candidates.
    const parked = await sql<{ shopify_gid: string; candidates: { crmId: string; matchedOn: string[] }[] }[]>`
      select shopify_gid, candidates from merge_queue where store_id = ${storeId} and status = 'open'`;
    expect(parked).toHaveLength(1);
    expect(parked[0]?.shopify_gid).toBe(shared.gid);
    expect(parked[0]?.candidates.map((candidate) => candidate.matchedOn)).toEqual([['email'], ['email']]);
    // B2B: company contacts sit under their company's account.
    const b2b = customers.filter((customer) => customer.companyGids.length > 0);
    expect(b2b.length).toBeGreaterThan(0);
    for (const customer of b2b) {
      const contact = ours.find((row) => row.sv_shopifyid === `us_${customer.legacyId}`);
      expect(contact?._parentcustomerid_value, customer.gid).toBeTruthy();
    }

    // Action: the same customers again.
    await harness.sim('reset', 'POST');
    await syncAll();

    // Assertions: no CRM writes at all, and every attempt says why.
    const stats = await harness.sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
    const writes = Object.entries(stats.totals.operationsByKind).filter(([kind]) => !/read|query/i.test(kind));
    expect(writes.filter(([, count]) => count > 0)).toEqual([]);
    expect((await contacts()).length).toBe(after.length);
  });

  it('follows Shopify where the CRM was not edited, keeps a newer CRM edit, and deactivates a deleted customer', async () => {
    // Setup: a synced customer changes in Shopify, then a person edits the same contact in the CRM.
    const { sql } = database();
    const linked = new Set(
      (await sql<{ shopify_gid: string }[]>`select shopify_gid from entity_links where store_id = ${storeId}`).map(
        (row) => row.shopify_gid,
      ),
    );
    const [changed, deleted] = customers.filter(
      (customer) =>
        linked.has(customer.gid) &&
        customer.companyGids.length === 0 &&
        customer.numberOfOrders === '0' &&
        customer.lastName,
    );
    if (!changed || !deleted) throw new Error('the demo shop needs two customers without orders or companies');
    const contactOf = async (customer: ShopifyCustomer) => {
      const [link] = await sql<{ crm_id: string }[]>`
        select crm_id from entity_links where shopify_gid = ${customer.gid} and store_id = ${storeId}`;
      if (!link) throw new Error(`${customer.gid} is not linked`);
      const response = await harness.dataverse.request({
        method: 'GET',
        path: `contacts(${link.crm_id})?$select=firstname,lastname,statecode`,
        idempotent: true,
      });
      return { id: link.crm_id, ...(response.body as { firstname: string; lastname: string; statecode: number }) };
    };
    const update = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: changed.gid, firstName: 'Renamed' } } },
    );
    expect(update.customerUpdate.userErrors).toEqual([]);
    // Both sides keep modification times to the second: let the CRM edit be clearly the newer one.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const contact = await contactOf(changed);
    await harness.dataverse.request({
      method: 'PATCH',
      path: `contacts(${contact.id})`,
      body: { lastname: 'Edited-in-CRM' },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
    const removal = await harness.shopify.request<{ customerDelete: { userErrors: unknown[] } }>(
      `mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: deleted.gid } } },
    );
    expect(removal.customerDelete.userErrors).toEqual([]);

    // Action
    await syncEach([changed.gid, deleted.gid]);

    // Assertions: Shopify's change flowed, the person's newer edit stayed and was logged with both values.
    expect(await contactOf(changed)).toMatchObject({ firstname: 'Renamed', lastname: 'Edited-in-CRM', statecode: 0 });
    const [attempt] = await sql<{ outcome: string; request: { conflictsKept: unknown[] } }[]>`
      select outcome, request from sync_attempts where shopify_gid = ${changed.gid} order by started_at desc limit 1`;
    expect(attempt?.outcome).toBe('updated');
    expect(attempt?.request.conflictsKept).toEqual([
      { column: 'lastname', shopify: changed.lastName, crm: 'Edited-in-CRM', policy: 'newestWins' },
    ]);
    // Deleted in Shopify: deactivated, never hard-deleted by default.
    expect(await contactOf(deleted)).toMatchObject({ statecode: 1 });
  });

  it('links the shared inbox customer to the contact a person chose through the GraphQL API', async () => {
    // Setup
    const { sql, db } = database();
    const graphql = createGraphQLServer();
    const context = {
      sql,
      db,
      actor: 'ops@sandbox.test',
      now: new Date(),
      workerStaleSeconds: 60,
      role: 'operator' as const,
    };
    const listed = await graphql.executeOperation<{
      mergeQueue: { nodes: { id: string; shopifyGid: string; candidates: { crmId: string; confidence: number }[] }[] };
    }>(
      {
        query: '{ mergeQueue(storeId: "' + storeId + '") { nodes { id shopifyGid candidates { crmId confidence } } } }',
      },
      { contextValue: context },
    );
    if (listed.body.kind !== 'single') throw new Error('expected a single result');
    const [item] = listed.body.singleResult.data?.mergeQueue.nodes ?? [];
    const chosen = item?.candidates[1]?.crmId;
    if (!item || !chosen) throw new Error(`no open merge item: ${JSON.stringify(listed.body.singleResult)}`);

    // Action: a person links it to the second candidate; the worker picks up the re-sync the decision queued.
    const resolved = await graphql.executeOperation(
      {
        query:
          'mutation($id: ID!, $crmId: ID!) { resolveMerge(id: $id, decision: { kind: LINK, crmId: $crmId }) { status resolvedBy } }',
        variables: { id: item.id, crmId: chosen },
      },
      { contextValue: context },
    );
    await until(
      async () => ((await sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined),
      'the re-sync after the decision',
    );
    await graphql.stop();

    // Assertions: the decision stands, the customer is linked to the chosen contact, which now carries our key.
    expect(resolved.body.kind === 'single' && resolved.body.singleResult).toMatchObject({
      data: { resolveMerge: { status: 'RESOLVED', resolvedBy: 'ops@sandbox.test' } },
    });
    const [link] = await sql<{ crm_id: string }[]>`
      select crm_id from entity_links where store_id = ${storeId} and shopify_gid = ${item.shopifyGid}`;
    expect(link?.crm_id).toBe(chosen);
    const contact = (await contacts()).find((row) => row.contactid === chosen);
    const customer = customers.find((entry) => entry.gid === item.shopifyGid);
    expect(contact?.sv_shopifyid).toBe(`us_${customer?.legacyId ?? ''}`);
    expect(await sql`select 1 from merge_queue where status = 'open' and store_id = ${storeId}`).toHaveLength(0);
  });

  it('follows a customers/update webhook from intake to the contact', async () => {
    // Setup: a customer renamed in Shopify, and the webhook Shopify sends for it (a late body: the sync reads Shopify).
    const { sql } = database();
    const linked = await sql<{ shopify_gid: string; crm_id: string }[]>`
      select shopify_gid, crm_id from entity_links where store_id = ${storeId} and shopify_type = 'customer' limit 1`;
    const target = linked[0];
    if (!target) throw new Error('no linked customer');
    const update = await harness.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: target.shopify_gid, firstName: 'Webhooked' } } },
    );
    expect(update.customerUpdate.userErrors).toEqual([]);

    // Action
    const answer = await deliverCustomerUpdate(
      {
        id: Number(target.shopify_gid.split('/').pop()),
        admin_graphql_api_id: target.shopify_gid,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
        state: 'enabled',
      },
      'event-webhook-test',
    );

    // Assertions: acknowledged, processed, and the contact carries the new name, under the delivery's correlation id.
    expect(answer).toMatchObject({ status: 200, outcome: 'stored' });
    const response = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${target.crm_id})?$select=firstname,sv_lastcorrelationid`,
      idempotent: true,
    });
    expect(response.body).toMatchObject({ firstname: 'Webhooked', sv_lastcorrelationid: answer.correlationId });
    expect(await sql`select 1 from webhook_deliveries where processed_at is null`).toHaveLength(0);
  });

  it('moves the link on to the version an unchanged sync read, so a late delivery from before it is read from Shopify', async () => {
    // Setup: a linked customer whose note changes in Shopify (no column of the contact holds the note: unchanged).
    const { sql } = database();
    const linked = await sql<{ shopify_gid: string; crm_id: string; shopify_updated_at: string }[]>`
      select shopify_gid, crm_id, shopify_updated_at from entity_links
      where store_id = ${storeId} and shopify_type = 'customer' order by shopify_gid desc limit 1`;
    const target = linked[0];
    if (!target) throw new Error('no linked customer');
    const update = await harness.shopify.request<{
      customerUpdate: { customer: { updatedAt: string; firstName: string | null }; userErrors: unknown[] };
    }>(
      `mutation($input: CustomerInput!) {
        customerUpdate(input: $input) { customer { updatedAt firstName } userErrors { field message } } }`,
      { variables: { input: { id: target.shopify_gid, note: 'Prefers phone calls' } } },
    );
    expect(update.customerUpdate.userErrors).toEqual([]);
    const { updatedAt, firstName } = update.customerUpdate.customer;
    const between = new Date(Date.parse(updatedAt) - 1000);
    expect(between.getTime()).toBeGreaterThan(Date.parse(target.shopify_updated_at));
    const lastAttempt = async () =>
      (
        await sql<{ outcome: string }[]>`
          select outcome from sync_attempts where shopify_gid = ${target.shopify_gid}
          order by started_at desc, id desc limit 1`
      )[0]?.outcome;

    // Action: the note's sync.
    await syncEach([target.shopify_gid]);

    // Assertions: nothing to write, and the link now holds the version that was read.
    expect(await lastAttempt()).toBe('unchanged');
    const [moved] = await sql<{ shopify_updated_at: string }[]>`
      select shopify_updated_at from entity_links
      where store_id = ${storeId} and shopify_type = 'customer' and shopify_gid = ${target.shopify_gid}`;
    expect(Date.parse(moved?.shopify_updated_at ?? '')).toBe(Date.parse(updatedAt));

    // Action: a delivery of a moment before the note, naming the customer otherwise, arrives late.
    const answer = await deliverCustomerUpdate(
      {
        id: Number(target.shopify_gid.split('/').pop()),
        admin_graphql_api_id: target.shopify_gid,
        first_name: 'Stale',
        created_at: '2020-01-01T00:00:00Z',
        updated_at: between.toISOString(),
        state: 'enabled',
      },
      'event-late-after-unchanged',
    );

    // Assertions: the sync read Shopify, which still has the customer's own name: the contact keeps it.
    expect(answer).toMatchObject({ status: 200, outcome: 'stored' });
    expect(await lastAttempt()).toBe('unchanged');
    const response = await harness.dataverse.request({
      method: 'GET',
      path: `contacts(${target.crm_id})?$select=firstname`,
      idempotent: true,
    });
    expect((response.body as { firstname: string | null }).firstname).toBe(firstName);
  });

  it('retires the merged-away customer’s contact on customers/merge and points its link at the survivor', async () => {
    // Setup: two customers with contacts of their own (the simulator has no customerMerge; the job is what the
    // customers/merge delivery becomes).
    const { sql } = database();
    const stateOf = async (crmId: string) =>
      (
        (
          await harness.dataverse.request({
            method: 'GET',
            path: `contacts(${crmId})?$select=statecode`,
            idempotent: true,
          })
        ).body as { statecode: number }
      ).statecode;
    const linked = await sql<{ shopify_gid: string; crm_id: string }[]>`
      select shopify_gid, crm_id from entity_links where store_id = ${storeId} and shopify_type = 'customer'
      order by shopify_gid`;
    const active = [];
    for (const link of linked) if ((await stateOf(link.crm_id)) === 0) active.push(link);
    const [kept, merged] = active;
    if (!kept || !merged || kept.crm_id === merged.crm_id) throw new Error('two customers with their own contacts');

    // Action
    await harness.syncEach('shopify_customer__merge', [{ keptGid: kept.shopify_gid, deletedGid: merged.shopify_gid }]);

    // Assertions
    expect(await stateOf(merged.crm_id)).toBe(1);
    expect(await stateOf(kept.crm_id)).toBe(0);
    const [link] = await sql<{ crm_id: string }[]>`
      select crm_id from entity_links where store_id = ${storeId} and shopify_gid = ${merged.shopify_gid}`;
    expect(link?.crm_id).toBe(kept.crm_id);
  });
});
