import { clientCredentialsToken, DataverseClient, idFromEntityUrl } from '@shopverse/dataverse';
import { connectStoreToOrg, upsertCrmOrg, upsertStore } from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import {
  createDataverseOrg,
  createTokenVerifier,
  startDataverseSimulator,
  startEntraSimulator,
} from '@shopverse/sandbox';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A store's settings that name rows of its CRM org (issue 11), against the Dataverse simulator over HTTP: the console's
 * directory of the org (owner teams, enabled users, business units, price lists with their currency, accounts by
 * name), and `updateStoreSettings` refusing an owner that cannot own records, a business unit or parent account that
 * is gone or inactive, and a price list of another currency, each by its path.
 */

const NOW = new Date('2026-11-27T15:00:00.000Z');
const TENANT = '3f0c6a8e-1d2b-4c5e-9f7a-0b1c2d3e4f51';
const APP = { clientId: '7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c6', clientSecret: 'sync-secret', displayName: 'Sync' };
const MISSING = '0f0f0f0f-0000-4000-8000-000000000000';

interface Result<T> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

interface Directory {
  orgName: string | null;
  problem: string | null;
  complete: boolean;
  teams: { id: string; name: string; teamType: number }[];
  users: { id: string; fullName: string; email: string | null; application: boolean }[];
  businessUnits: { id: string; name: string; parentId: string | null }[];
  priceLists: { id: string; name: string; currency: string | null }[];
}

const DIRECTORY = `query ($storeId: ID!) {
  orgDirectory(storeId: $storeId) {
    orgName problem complete
    teams { id name teamType } users { id fullName email application }
    businessUnits { id name parentId } priceLists { id name currency }
  }
}`;
const ACCOUNTS = `query ($storeId: ID!, $search: String, $id: ID) {
  orgAccounts(storeId: $storeId, search: $search, id: $id) { id name active }
}`;
const SAVE = `mutation ($storeId: ID!, $settings: JSON!) {
  updateStoreSettings(storeId: $storeId, settings: $settings) { settings }
}`;

describe('settings naming CRM rows: the org directory and the checks against the org', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  const secrets = SecretBox.fromBase64(generateSecretKey());
  let stop: () => Promise<void>;
  let crm: DataverseClient;
  let storeId: string;
  let lonelyStoreId: string;
  let seeded: NonNullable<ReturnType<typeof createDataverseOrg>['seeded']>;
  /** Made through the Web API as a person would in the CRM. */
  const made = { accessTeam: '', disabledUser: '', activeAccount: '', inactiveAccount: '' };

  const execute = async <T>(
    query: string,
    variables: Record<string, unknown>,
    role: 'viewer' | 'admin' = 'admin',
  ): Promise<Result<T>> => {
    const { sql, db } = database();
    const contextValue = { sql, db, secrets, actor: 'admin@example.com', role, now: NOW, workerStaleSeconds: 60 };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as Result<T>;
  };
  const save = async (settings: unknown) => {
    const result = await execute<{ updateStoreSettings: { settings: Record<string, unknown> } }>(SAVE, {
      storeId,
      settings,
    });
    return {
      result,
      problems: (result.errors?.[0]?.extensions?.problems ?? []) as { path: string; message: string }[],
    };
  };
  const create = async (entitySet: string, body: Record<string, unknown>) => {
    const response = await crm.request({ method: 'POST', path: entitySet, body, idempotent: false });
    return idFromEntityUrl(response.headers.get('odata-entityid') ?? '');
  };

  beforeAll(async () => {
    const entra = await startEntraSimulator({ tenants: [{ tenantId: TENANT, apps: [APP], users: [] }] });
    let org: ReturnType<typeof createDataverseOrg> | undefined;
    const dataverse = await startDataverseSimulator({
      orgs: (url) => {
        org = createDataverseOrg({
          name: url,
          keyActivationMs: 0,
          seed: {
            organizationName: 'Contoso',
            applicationId: APP.clientId,
            currencies: [
              { isoCode: 'USD', name: 'US Dollar', symbol: '$' },
              { isoCode: 'CAD', name: 'Canadian Dollar', symbol: 'CA$', exchangeRate: '1.36' },
            ],
            businessUnits: [
              {
                name: 'Wholesale',
                teams: ['Wholesale Sales'],
                users: [
                  { firstName: 'Ada', lastName: 'Byrne', email: 'ada@contoso.test' },
                  { firstName: 'Leo', lastName: 'Gone', email: 'leo@contoso.test' },
                ],
              },
            ],
            priceLists: [{ name: 'Wholesale CAD', currency: 'CAD' }],
          },
        });
        return org;
      },
      verifyToken: createTokenVerifier({ simulator: entra }),
    });
    entra.grantResource(TENANT, APP.clientId, dataverse.url);
    stop = async () => {
      await dataverse.close();
      await entra.close();
    };
    if (!org?.seeded) throw new Error('the org was not seeded');
    seeded = org.seeded;
    crm = new DataverseClient({
      orgUrl: dataverse.url,
      tokens: clientCredentialsToken({ authority: entra.authority(TENANT), ...APP, orgUrl: dataverse.url }),
    });

    const { db } = database();
    const store = await upsertStore(db, secrets, {
      key: 'ca',
      shopDomain: 'wholesale-ca.myshopify.com',
      name: 'Wholesale CA',
      apiVersion: '2025-01',
    });
    const lonely = await upsertStore(db, secrets, {
      key: 'xx',
      shopDomain: 'lonely.myshopify.com',
      name: 'Lonely',
      apiVersion: '2025-01',
    });
    const crmOrg = await upsertCrmOrg(db, secrets, {
      name: 'Contoso',
      url: dataverse.url,
      apiUrl: dataverse.apiUrl,
      tenantId: TENANT,
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      authorityUrl: entra.authority(TENANT),
    });
    await connectStoreToOrg(db, store.id, crmOrg.id);
    storeId = store.id;
    lonelyStoreId = lonely.id;

    const wholesale = seeded.businessUnitIds.Wholesale ?? '';
    made.accessTeam = await create('teams', {
      name: 'Key accounts (access)',
      teamtype: 1,
      'businessunitid@odata.bind': `/businessunits(${wholesale})`,
      'administratorid@odata.bind': `/systemusers(${seeded.applicationUserId})`,
    });
    made.disabledUser = seeded.userIds['leo@contoso.test'] ?? '';
    await crm.request({
      method: 'PATCH',
      path: `systemusers(${made.disabledUser})`,
      body: { isdisabled: true },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
    made.activeAccount = await create('accounts', { name: 'Contoso Retail Customers' });
    made.inactiveAccount = await create('accounts', { name: 'Contoso Old Customers' });
    await create('accounts', { name: 'Fabrikam' });
    await crm.request({
      method: 'PATCH',
      path: `accounts(${made.inactiveAccount})`,
      body: { statecode: 1, statuscode: 2 },
      headers: { 'If-Match': '*' },
      idempotent: true,
    });
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    await stop?.();
  });

  it('lists the teams that can own records, enabled users, business units and price lists with their currency', async () => {
    // Action
    const answer = await execute<{ orgDirectory: Directory }>(DIRECTORY, { storeId }, 'viewer');
    const lonely = await execute<{ orgDirectory: Directory }>(DIRECTORY, { storeId: lonelyStoreId }, 'viewer');

    // Assertions
    expect(answer.errors).toBeUndefined();
    const directory = answer.data?.orgDirectory;
    expect(directory).toMatchObject({ orgName: 'Contoso', problem: null, complete: true });
    expect(directory?.teams.map((team) => team.name)).toEqual(['Contoso', 'Wholesale', 'Wholesale Sales']);
    expect(directory?.teams.every((team) => team.teamType === 0)).toBe(true);
    expect(directory?.users).toEqual([
      { id: seeded.applicationUserId, fullName: '# Shopverse sync', email: null, application: true },
      { id: seeded.userIds['ada@contoso.test'], fullName: 'Ada Byrne', email: 'ada@contoso.test', application: false },
    ]);
    expect(directory?.businessUnits).toEqual([
      { id: seeded.rootBusinessUnitId, name: 'Contoso', parentId: null },
      { id: seeded.businessUnitIds.Wholesale, name: 'Wholesale', parentId: seeded.rootBusinessUnitId },
    ]);
    expect(directory?.priceLists).toEqual([
      { id: seeded.priceLevelIds.CAD, name: 'CAD Price List', currency: 'CAD' },
      { id: seeded.priceLevelIds.USD, name: 'USD Price List', currency: 'USD' },
      { id: seeded.priceListIds['Wholesale CAD'], name: 'Wholesale CAD', currency: 'CAD' },
    ]);
    expect(lonely.data?.orgDirectory).toMatchObject({
      orgName: null,
      problem: 'store Lonely writes to no CRM org yet; connect it to one on the Stores page',
      teams: [],
    });
  });

  it('finds active accounts by part of their name, and names an account by its id whatever its state', async () => {
    // Action
    const found = await execute<{ orgAccounts: unknown[] }>(ACCOUNTS, { storeId, search: 'contoso' }, 'viewer');
    const inactive = await execute<{ orgAccounts: unknown[] }>(ACCOUNTS, { storeId, id: made.inactiveAccount });
    const missing = await execute<{ orgAccounts: unknown[] }>(ACCOUNTS, { storeId, id: MISSING });
    const notAnId = await execute<{ orgAccounts: unknown[] }>(ACCOUNTS, { storeId, id: 'Contoso' });

    // Assertions
    expect(found.data?.orgAccounts).toEqual([
      { id: made.activeAccount, name: 'Contoso Retail Customers', active: true },
    ]);
    expect(inactive.data?.orgAccounts).toEqual([
      { id: made.inactiveAccount, name: 'Contoso Old Customers', active: false },
    ]);
    expect(missing.data?.orgAccounts).toEqual([]);
    expect(notAnId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('refuses an owner that cannot own records, rows that are gone or inactive, and a price list of another currency', async () => {
    // Action
    const accessTeam = await save({
      ownership: { owner: { kind: 'team', id: made.accessTeam }, businessUnitId: MISSING },
      customers: { parentAccountId: made.inactiveAccount },
      orders: { priceLists: { USD: seeded.priceListIds['Wholesale CAD'], CAD: seeded.priceLevelIds.CAD } },
    });
    const disabledUser = await save({ ownership: { owner: { kind: 'user', id: made.disabledUser } } });
    const missing = await save({
      ownership: { owner: { kind: 'team', id: MISSING } },
      customers: { parentAccountId: MISSING },
    });
    const missingUser = await save({ ownership: { owner: { kind: 'user', id: MISSING } } });

    // Assertions
    expect(accessTeam.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(accessTeam.problems).toEqual([
      {
        path: 'ownership.owner',
        message:
          'team Key accounts (access) is an access team, and access teams cannot own records; choose an owner team',
      },
      { path: 'ownership.businessUnitId', message: `the CRM has no business unit with id ${MISSING}` },
      {
        path: 'customers.parentAccountId',
        message: 'account Contoso Old Customers is inactive in the CRM; activate it there or choose an active account',
      },
      { path: 'orders.priceLists.USD', message: 'price list Wholesale CAD is in CAD, not USD' },
    ]);
    expect(disabledUser.problems).toEqual([
      {
        path: 'ownership.owner',
        message: 'user Leo Gone is disabled in the CRM and cannot own records; choose an enabled user or a team',
      },
    ]);
    expect(missing.problems).toEqual([
      { path: 'ownership.owner', message: `the CRM has no team with id ${MISSING}` },
      { path: 'customers.parentAccountId', message: `the CRM has no account with id ${MISSING}` },
    ]);
    expect(missingUser.problems).toEqual([
      { path: 'ownership.owner', message: `the CRM has no user (systemuser) with id ${MISSING}` },
    ]);
    const { sql } = database();
    const [row] = await sql<{ settings: Record<string, unknown> }[]>`select settings from stores where id = ${storeId}`;
    expect(row?.settings).toEqual({});
  });

  it('saves an owner team, its business unit, an active parent account and price lists in their currencies', async () => {
    // Setup: the shop's currency (USD) has no price list, which is fine: its orders go without one.
    const settings = {
      locale: 'fr-CA',
      ownership: {
        owner: { kind: 'team', id: seeded.teamIds['Wholesale Sales'] },
        businessUnitId: seeded.businessUnitIds.Wholesale,
      },
      customers: { parentAccountId: made.activeAccount.toUpperCase() },
      orders: { currency: 'shop', priceLists: { CAD: seeded.priceListIds['Wholesale CAD'] } },
    };
    const byUser = { ownership: { owner: { kind: 'user', id: seeded.userIds['ada@contoso.test'] } } };

    // Action
    const saved = await save(settings);
    const savedByUser = await save(byUser);

    // Assertions
    expect(saved.result.errors).toBeUndefined();
    expect(saved.result.data?.updateStoreSettings.settings).toMatchObject({
      locale: 'fr-CA',
      ownership: settings.ownership,
      customers: { parentAccountId: made.activeAccount },
      orders: settings.orders,
    });
    expect(savedByUser.result.errors).toBeUndefined();

    // Cleanup
    expect((await save({})).result.errors).toBeUndefined();
  });
});
