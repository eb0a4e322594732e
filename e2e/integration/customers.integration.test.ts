import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCredentialsToken, DataverseClient, provision } from '@shopverse/dataverse';
import {
  addJob,
  connectStoreToOrg,
  generateSecretKey,
  parseSecretKey,
  SecretBox,
  upsertCrmOrg,
  upsertStore,
} from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { type RunningSandbox, startSandbox } from '@shopverse/sandbox';
import { readCustomers, ShopifyClient, staticToken, rebasedFetch } from '@shopverse/shopify';
import type { ShopifyCustomer } from '@shopverse/sync-core';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { type RunningWorker, startWorker } from '@shopverse/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Contact {
  contactid: string;
  sv_shopifyid: string | null;
  emailaddress1: string | null;
  telephone1: string | null;
  _parentcustomerid_value?: string | null;
}

describe('customers to contacts, through the Shopify and Dataverse simulators', () => {
  const database = useTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'shopverse-customers-'));
  const secretKey = generateSecretKey();
  let sandbox: RunningSandbox;
  let worker: RunningWorker;
  let dataverse: DataverseClient;
  let customers: ShopifyCustomer[];
  let storeId: string;
  let shopify: ShopifyClient;

  const contacts = async (): Promise<Contact[]> => {
    const rows: Contact[] = [];
    for await (const page of dataverse.query<Contact>(
      'contacts?$select=contactid,sv_shopifyid,emailaddress1,telephone1,_parentcustomerid_value',
    )) {
      rows.push(...page);
    }
    return rows;
  };
  const sim = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(`${sandbox.details.dataverse.url}/_sim/${path}`, { method });
    return (await response.json()) as T;
  };
  /** Enqueues a sync of every customer and waits for the queue to drain. */
  const syncAll = (gids = customers.map((customer) => customer.gid)) => syncEach(gids);
  const syncEach = async (gids: string[]) => {
    const { sql } = database();
    await sql.begin(async (tx) => {
      for (const customerGid of gids) await addJob(tx, 'shopify_customer__sync', { storeId, customerGid });
    });
    await until(
      async () => ((await sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined),
      'the sync jobs',
    );
  };

  beforeAll(async () => {
    // Setup: the sandbox (Entra, Dataverse, a Shopify shop with demo data), our store and org, provisioned columns.
    sandbox = await startSandbox({
      dataDir,
      webUrl: 'http://127.0.0.1:9',
      ports: { shopify: 0, dataverse: 0, entra: 0 },
      demo: { customers: 30, orders: 40 },
    });
    const { details } = sandbox;
    const shop = details.shopify.find((entry) => entry.key === 'us');
    if (!shop) throw new Error('the sandbox has no us shop');
    const { db } = database();
    const box = new SecretBox(parseSecretKey(secretKey));
    const apiBaseUrl = shop.adminUrl.slice(0, shop.adminUrl.indexOf('/admin/'));
    const store = await upsertStore(db, box, {
      key: 'us',
      shopDomain: shop.shop,
      name: 'Demo US',
      apiVersion: shop.apiVersion,
      apiBaseUrl,
      accessToken: shop.accessToken,
      webhookSecret: shop.webhookSecret,
      settings: { customers: { target: 'b2b', matchingKeys: ['linkedId', 'alternateKey', 'email', 'phone'] } },
    });
    storeId = store.id;
    const org = await upsertCrmOrg(db, box, {
      name: 'Sandbox org',
      url: details.dataverse.url,
      apiUrl: details.dataverse.apiUrl,
      tenantId: details.dataverse.tenantId,
      clientId: details.dataverse.clientId,
      clientSecret: details.dataverse.clientSecret,
      authorityUrl: details.dataverse.authority,
      publisherPrefix: details.dataverse.publisherPrefix,
    });
    await connectStoreToOrg(db, store.id, org.id);
    dataverse = new DataverseClient({
      orgUrl: details.dataverse.url,
      tokens: clientCredentialsToken({
        authority: details.dataverse.authority,
        clientId: details.dataverse.clientId,
        clientSecret: details.dataverse.clientSecret,
        orgUrl: details.dataverse.url,
      }),
    });
    await provision(dataverse, { pollMs: 20 });
    shopify = new ShopifyClient({
      storeDomain: shop.shop,
      tokens: staticToken(shop.accessToken),
      fetch: rebasedFetch(apiBaseUrl),
    });
    customers = [];
    for await (const page of readCustomers(shopify)) customers.push(...page);
    worker = await startWorker({
      databaseUrl: database().url,
      concurrency: 4,
      heartbeatSeconds: 5,
      syncAttemptsRetentionDays: 30,
      secretKey,
      logger: pino({ level: 'silent' }),
      crontab: '',
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.shutdown();
    await sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates one contact per customer, parks a shared inbox for a person, and writes nothing the second time', async () => {
    // Setup: what a CRM already holds before the first sync.
    const withEmail = customers.filter((customer) => customer.email && customer.companyGids.length === 0);
    const [shared, known] = withEmail;
    if (!shared?.email || !known?.email) throw new Error('the demo shop needs two customers with an email');
    // A shared inbox: two people in the CRM use the email of one Shopify customer.
    for (const name of ['Front', 'Desk']) {
      await dataverse.request({
        method: 'POST',
        path: 'contacts',
        body: { lastname: name, emailaddress1: shared.email.toUpperCase() },
        idempotent: false,
      });
    }
    // A person already in the CRM, typed by hand: found by email, given our key, not created twice.
    await dataverse.request({
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
    await sim('reset', 'POST');
    await syncAll();

    // Assertions: no CRM writes at all, and every attempt says why.
    const stats = await sim<{ totals: { operationsByKind: Record<string, number> } }>('stats');
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
      const response = await dataverse.request({
        method: 'GET',
        path: `contacts(${link.crm_id})?$select=firstname,lastname,statecode`,
        idempotent: true,
      });
      return { id: link.crm_id, ...(response.body as { firstname: string; lastname: string; statecode: number }) };
    };
    const update = await shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { variables: { input: { id: changed.gid, firstName: 'Renamed' } } },
    );
    expect(update.customerUpdate.userErrors).toEqual([]);
    // Both sides keep modification times to the second: let the CRM edit be clearly the newer one.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const contact = await contactOf(changed);
    await dataverse.request({
      method: 'PATCH',
      path: `contacts(${contact.id})`,
      body: { lastname: 'Edited-in-CRM' },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
    const removal = await shopify.request<{ customerDelete: { userErrors: unknown[] } }>(
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
    const context = { sql, db, actor: 'ops@sandbox.test', now: new Date(), workerStaleSeconds: 60 };
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
});
