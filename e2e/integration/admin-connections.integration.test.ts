import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { type RunningSandbox, startSandbox } from '@shopverse/sandbox';
import { SYNC_TOPICS } from '@shopverse/shopify';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The admin API connecting a store and an org as a person does from the console, against the sandbox's simulators
 * over HTTP: connect, test (with the reason when a secret is wrong), provision, wire the store to the org, register
 * webhooks, and settings refused by path. Every change leaves its audit row.
 */

const NOW = new Date('2026-11-27T15:00:00.000Z');
const CALLBACK = 'http://127.0.0.1:9/api/webhooks/shopify';

interface Result<T = Record<string, unknown>> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

const STORE_FIELDS = `id key shopDomain name status hasAccessToken hasWebhookSecret settings settingsValid dryRun
  backlog lastSyncAt orgs { id name }`;

describe('admin API: stores and orgs', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  const secrets = SecretBox.fromBase64(generateSecretKey());
  const dataDir = mkdtempSync(join(tmpdir(), 'shopverse-admin-'));
  let sandbox: RunningSandbox;

  const execute = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    role: 'viewer' | 'operator' | 'admin' = 'admin',
  ): Promise<Result<T>> => {
    const { sql, db } = database();
    const contextValue = { sql, db, secrets, actor: 'admin@example.com', role, now: NOW, workerStaleSeconds: 60 };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as Result<T>;
  };

  const connectOrg = (clientSecret: string) => {
    const { dataverse } = sandbox.details;
    return execute<{ connectOrg: { id: string; hasClientSecret: boolean } }>(
      `mutation ($input: ConnectOrgInput!) { connectOrg(input: $input) { id name url hasClientSecret } }`,
      {
        input: {
          name: 'Sandbox org',
          url: dataverse.url,
          tenantId: dataverse.tenantId,
          clientId: dataverse.clientId,
          clientSecret,
          authorityUrl: dataverse.authority,
        },
      },
    );
  };

  const connectStore = (accessToken: string) => {
    const shop = sandbox.details.shopify.find((entry) => entry.key === 'us');
    if (!shop) throw new Error('the sandbox has no us shop');
    return execute<{ connectStore: { id: string } }>(
      `mutation ($input: ConnectStoreInput!) { connectStore(input: $input) { ${STORE_FIELDS} } }`,
      {
        input: {
          key: 'us',
          shopDomain: shop.shop,
          name: 'Demo US',
          accessToken,
          webhookSecret: shop.webhookSecret,
          apiVersion: shop.apiVersion,
          apiBaseUrl: shop.adminUrl.slice(0, shop.adminUrl.indexOf('/admin/')),
        },
      },
    );
  };

  const testOrg = (orgId: string) =>
    execute<{ testOrgConnection: { ok: boolean; reason: string | null } }>(
      `mutation ($orgId: ID!) { testOrgConnection(orgId: $orgId) { ok reason details } }`,
      { orgId },
    );

  const testStore = (storeId: string) =>
    execute<{ testStoreConnection: { ok: boolean; reason: string | null; details: Record<string, unknown> | null } }>(
      `mutation ($storeId: ID!) { testStoreConnection(storeId: $storeId) { ok reason details } }`,
      { storeId },
    );

  const provisionOrg = (orgId: string, dryRun: boolean) =>
    execute<{ provisionOrg: { dryRun: boolean; steps: { kind: string; table: string; name: string }[] } }>(
      `mutation ($orgId: ID!, $dryRun: Boolean!) {
        provisionOrg(orgId: $orgId, dryRun: $dryRun) { dryRun steps { kind table name columns } present }
      }`,
      { orgId, dryRun },
    );

  const updateSettings = (storeId: string, settings: unknown) =>
    execute<{ updateStoreSettings: { settings: Record<string, unknown> } }>(
      `mutation ($storeId: ID!, $settings: JSON!) { updateStoreSettings(storeId: $storeId, settings: $settings) {
        settings dryRun } }`,
      { storeId, settings },
    );

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    sandbox = await startSandbox({
      dataDir,
      webUrl: 'http://127.0.0.1:9',
      ports: { shopify: 0, dataverse: 0, entra: 0 },
      demo: { customers: 2, orders: 0 },
      shops: ['us'],
    });
  });

  afterAll(async () => {
    await server.stop();
    await sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects an org, tells a wrong secret from a right one, and provisions after a dry run preview', async () => {
    // Setup
    const { dataverse } = sandbox.details;

    // Action
    const wrong = await connectOrg('not-the-secret');
    const orgId = wrong.data?.connectOrg.id ?? '';
    const wrongTest = await testOrg(orgId);
    const right = await connectOrg(dataverse.clientSecret);
    const rightTest = await testOrg(orgId);
    const preview = await provisionOrg(orgId, true);
    const provisioned = await provisionOrg(orgId, false);
    const after = await provisionOrg(orgId, true);

    // Assertions
    expect(wrong.errors).toBeUndefined();
    expect(right.data?.connectOrg).toMatchObject({ id: orgId, hasClientSecret: true });
    expect(wrongTest.data?.testOrgConnection.ok).toBe(false);
    expect(wrongTest.data?.testOrgConnection.reason).toContain(
      `refused the client secret of app ${dataverse.clientId}`,
    );
    expect(rightTest.data?.testOrgConnection).toMatchObject({ ok: true, reason: null });
    const steps = preview.data?.provisionOrg.steps ?? [];
    expect(preview.data?.provisionOrg.dryRun).toBe(true);
    expect(steps).toContainEqual({ kind: 'CREATE_COLUMN', table: 'contact', name: 'sv_shopifyid', columns: [] });
    expect(steps).toContainEqual({
      kind: 'CREATE_KEY',
      table: 'contact',
      name: 'sv_shopifyid_key',
      columns: ['sv_shopifyid'],
    });
    // The real run does what the preview said, and afterwards there is nothing left to do.
    expect(provisioned.data?.provisionOrg.steps.filter((step) => step.kind !== 'WAIT_FOR_KEY')).toEqual(steps);
    expect(provisioned.data?.provisionOrg.steps).toContainEqual(
      expect.objectContaining({ kind: 'WAIT_FOR_KEY', table: 'contact', name: 'sv_shopifyid_key' }),
    );
    expect(after.data?.provisionOrg.steps).toEqual([]);
    const { sql } = database();
    const [row] = await sql<{ sealed: string }[]>`select client_secret_encrypted as sealed from crm_orgs`;
    expect(row?.sealed).not.toContain(dataverse.clientSecret);
  });

  it('connects a store, gives the reason for a bad token, wires it to the org and registers its webhooks', async () => {
    // Setup
    const shop = sandbox.details.shopify.find((entry) => entry.key === 'us');
    const orgs = await execute<{ orgs: { id: string }[] }>(`{ orgs { id } }`);
    const orgId = orgs.data?.orgs[0]?.id ?? '';

    // Action
    const bad = await connectStore('shpat_not_the_token');
    const storeId = bad.data?.connectStore.id ?? '';
    const badTest = await testStore(storeId);
    await connectStore(shop?.accessToken ?? '');
    const goodTest = await testStore(storeId);
    const wired = await execute(
      `mutation ($storeId: ID!, $orgId: ID!) { connectStoreToOrg(storeId: $storeId, orgId: $orgId) { orgs { id } } }`,
      { storeId, orgId },
    );
    const register = `mutation ($storeId: ID!, $url: String!) {
      registerWebhooks(storeId: $storeId, callbackUrl: $url) { created kept replaced } }`;
    const first = await execute<{ registerWebhooks: { created: string[]; kept: string[] } }>(register, {
      storeId,
      url: CALLBACK,
    });
    const second = await execute<{ registerWebhooks: { created: string[]; kept: string[] } }>(register, {
      storeId,
      url: CALLBACK,
    });
    const listed = await execute<{ stores: Record<string, unknown>[] }>(
      `{ stores { ${STORE_FIELDS} webhooks { checked missing callbackUrls error } } }`,
    );

    // Assertions
    expect(badTest.data?.testStoreConnection.ok).toBe(false);
    expect(badTest.data?.testStoreConnection.reason).toContain(`Shopify refused the access token for ${shop?.shop}`);
    expect(goodTest.data?.testStoreConnection).toEqual({
      ok: true,
      reason: null,
      details: { name: 'Demo US', currencyCode: 'USD', plan: expect.any(String) as string },
    });
    expect(wired.errors).toBeUndefined();
    expect(wired.data).toEqual({ connectStoreToOrg: { orgs: [{ id: orgId }] } });
    expect([...(first.data?.registerWebhooks.created ?? [])].sort()).toEqual([...SYNC_TOPICS].sort());
    expect([...(second.data?.registerWebhooks.kept ?? [])].sort()).toEqual([...SYNC_TOPICS].sort());
    expect(second.data?.registerWebhooks.created).toEqual([]);
    expect(listed.data?.stores).toEqual([
      expect.objectContaining({
        id: storeId,
        key: 'us',
        status: 'ACTIVE',
        hasAccessToken: true,
        hasWebhookSecret: true,
        settingsValid: true,
        dryRun: false,
        backlog: 0,
        lastSyncAt: null,
        orgs: [{ id: orgId, name: 'Sandbox org' }],
        webhooks: { checked: true, missing: [], callbackUrls: [CALLBACK], error: null },
      }),
    ]);
    // No secret leaves through the API, in any field.
    expect(JSON.stringify(listed)).not.toContain(shop?.accessToken);
    expect(JSON.stringify(listed)).not.toContain(shop?.webhookSecret);
  });

  it('refuses settings naming each problem by path, checks CRM ids against the org, and saves good ones', async () => {
    // Setup
    const stores = await execute<{ stores: { id: string }[] }>(`{ stores { id } }`);
    const storeId = stores.data?.stores[0]?.id ?? '';
    const crm = await fetch(`${sandbox.details.dataverse.url}/api/data/v9.2/pricelevels?$select=pricelevelid`, {
      headers: { authorization: `Bearer ${await sandboxToken(sandbox)}` },
    });
    const priceListId = ((await crm.json()) as { value: { pricelevelid: string }[] }).value[0]?.pricelevelid;
    const missingId = '0f0f0f0f-0000-4000-8000-000000000000';

    // Action
    const badShape = await updateSettings(storeId, {
      pipeline: { logRetentionDays: 0 },
      customers: { target: 'everyone' },
    });
    const badIds = await updateSettings(storeId, {
      orders: { priceLists: { USD: priceListId, EUR: missingId }, target: 'custom' },
    });
    const good = await updateSettings(storeId, { orders: { priceLists: { USD: priceListId } } });
    const dryRun = await execute<{ setDryRun: { dryRun: boolean; settings: { orders: unknown } } }>(
      `mutation ($storeId: ID!) { setDryRun(storeId: $storeId, on: true) { dryRun settings } }`,
      { storeId },
    );
    const asViewer = await execute(
      `mutation ($storeId: ID!) { setDryRun(storeId: $storeId, on: false) { dryRun } }`,
      { storeId },
      'viewer',
    );

    // Assertions
    const shapeProblems = badShape.errors?.[0]?.extensions?.problems as { path: string }[];
    expect(shapeProblems.map((problem) => problem.path).sort()).toEqual([
      'customers.target',
      'pipeline.logRetentionDays',
    ]);
    expect(badShape.errors?.[0]?.message).toMatch(/not saved: .*pipeline\.logRetentionDays/);
    const idProblems = badIds.errors?.[0]?.extensions?.problems as { path: string; message: string }[];
    expect(idProblems.map((problem) => problem.path)).toEqual([
      'orders.priceLists.EUR',
      'orders.customTables.order',
      'orders.customTables.line',
      'orders.customTables.refund',
    ]);
    expect(idProblems[0]?.message).toBe(`the CRM has no price list (pricelevel) with id ${missingId}`);
    expect(good.errors).toBeUndefined();
    expect(good.data?.updateStoreSettings.settings).toMatchObject({ orders: { priceLists: { USD: priceListId } } });
    expect(dryRun.data?.setDryRun.dryRun).toBe(true);
    // Turning dry-run on keeps the rest of the settings.
    expect(dryRun.data?.setDryRun.settings.orders).toMatchObject({ priceLists: { USD: priceListId } });
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { sql } = database();
    const [saved] = await sql<{ settings: Record<string, unknown> }[]>`select settings from stores`;
    expect(saved?.settings).toEqual({ orders: { priceLists: { USD: priceListId } }, pipeline: { dryRun: true } });
  });

  it('refuses a query nested too deep or fanned out too wide before it runs', async () => {
    // Setup
    let deep = 'id';
    for (let level = 0; level < 5; level += 1) deep = `stores { orgs { ${deep} } }`;
    const wide = `{ stores { orgs { stores { orgs { id name } } } } }`;

    // Action
    const tooDeep = await execute(`{ orgs { ${deep} } }`);
    const tooWide = await execute(wide);
    const fine = await execute(`{ stores { id orgs { id stores { id } } } }`);

    // Assertions
    // Apollo files every validation error under its own code; the limit is in the message and `maxDepth`.
    expect(tooDeep.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxDepth: 10 });
    expect(tooDeep.errors?.[0]?.message).toContain('nests fields more than 10 deep');
    expect(tooWide.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: 50_000 });
    expect(fine.errors).toBeUndefined();
  });

  it('left an audit row for every change and test, with no secret in any', async () => {
    // Action
    const { sql } = database();
    const rows = await sql<{ action: string; actor: string; actor_role: string; details: unknown }[]>`
      select action, actor, actor_role, details from audit_events`;

    // Assertions
    const count = (action: string) => rows.filter((row) => row.action === action).length;
    expect({
      'org.connect': count('org.connect'),
      'org.test': count('org.test'),
      'org.provision_preview': count('org.provision_preview'),
      'org.provision': count('org.provision'),
      'store.connect': count('store.connect'),
      'store.test': count('store.test'),
      'store.connect_org': count('store.connect_org'),
      'store.register_webhooks': count('store.register_webhooks'),
      'store.update_settings': count('store.update_settings'),
      'store.dry_run_on': count('store.dry_run_on'),
    }).toEqual({
      'org.connect': 2,
      'org.test': 2,
      'org.provision_preview': 2,
      'org.provision': 1,
      'store.connect': 2,
      'store.test': 2,
      'store.connect_org': 1,
      'store.register_webhooks': 2,
      // Refused settings are not saved, so they leave no row.
      'store.update_settings': 1,
      'store.dry_run_on': 1,
    });
    expect(rows.every((row) => row.actor === 'admin@example.com' && row.actor_role === 'admin')).toBe(true);
    const shop = sandbox.details.shopify.find((entry) => entry.key === 'us');
    const trail = JSON.stringify(rows);
    for (const secret of [shop?.accessToken, shop?.webhookSecret, sandbox.details.dataverse.clientSecret]) {
      expect(trail).not.toContain(secret);
    }
  });
});

/** A token for the sandbox org, to read its price lists as a person looking at the CRM would. */
async function sandboxToken(sandbox: RunningSandbox): Promise<string> {
  const { clientCredentialsToken } = await import('@shopverse/dataverse');
  const { dataverse } = sandbox.details;
  return clientCredentialsToken({
    authority: dataverse.authority,
    clientId: dataverse.clientId,
    clientSecret: dataverse.clientSecret,
    orgUrl: dataverse.url,
  }).getToken();
}
