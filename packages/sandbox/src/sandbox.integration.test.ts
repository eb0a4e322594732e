import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxDetails } from './sandbox';

type Shop = SandboxDetails['shopify'][number];

interface Customer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  defaultAddress: { address1: string | null; city: string | null; zip: string | null } | null;
}

/** A query of the shop's Admin GraphQL API over HTTP, as any client sends it. */
async function admin<T>(shop: Shop, query: string): Promise<T> {
  const response = await fetch(shop.adminUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': shop.accessToken },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`${shop.shop} answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function customersOf(shop: Shop): Promise<Customer[]> {
  const data = await admin<{ customers: { nodes: Customer[] } }>(
    shop,
    `{ customers(first: 250) { nodes { id firstName lastName email phone defaultAddress { address1 city zip } } } }`,
  );
  return data.customers.nodes;
}

async function orderIdsOf(shop: Shop): Promise<string[]> {
  const data = await admin<{ orders: { nodes: { id: string }[] } }>(shop, `{ orders(first: 250) { nodes { id } } }`);
  return data.orders.nodes.map((order) => order.id);
}

/** Who a customer is, as the CRM would tell two people apart. */
const identity = (c: Customer) => JSON.stringify([c.firstName, c.lastName, c.email, c.phone, c.defaultAddress]);
const numericId = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);

/** A column of every row of an org table, read over the Web API with the sync app's token from Entra. */
async function orgColumn(details: SandboxDetails, entitySet: string, column = 'name'): Promise<unknown[]> {
  const { dataverse } = details;
  const token = await fetch(`${dataverse.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: dataverse.clientId,
      client_secret: dataverse.clientSecret,
      scope: dataverse.scope,
    }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const response = await fetch(`${dataverse.apiUrl}${entitySet}?$select=${column}`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  const body = (await response.json()) as { value?: Record<string, unknown>[]; error?: unknown };
  if (!body.value) throw new Error(`${entitySet}: ${JSON.stringify(body.error)}`);
  return body.value.map((row) => row[column]);
}

describe('the sandbox', () => {
  let sandbox: RunningSandbox;
  let dataDir: string;
  const customers = new Map<string, Customer[]>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shopverse-sandbox-'));
    sandbox = await startSandbox({
      dataDir,
      webUrl: 'http://127.0.0.1:9',
      ports: { shopify: 0, dataverse: 0, entra: 0 },
      keyActivationMs: 0,
    });
    for (const shop of sandbox.details.shopify) customers.set(shop.key, await customersOf(shop));
  });

  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts three shops: US in USD, EU in EUR with taxes included, wholesale in CAD', () => {
    // Setup
    const { shopify } = sandbox.details;

    // Action
    const shops = shopify.map(({ key, shop, currency, taxesIncluded }) => ({ key, shop, currency, taxesIncluded }));

    // Assertions
    expect(shops).toEqual([
      { key: 'us', shop: 'demo-us.myshopify.com', currency: 'USD', taxesIncluded: false },
      { key: 'eu', shop: 'demo-eu.myshopify.com', currency: 'EUR', taxesIncluded: true },
      { key: 'b2b', shop: 'demo-b2b.myshopify.com', currency: 'CAD', taxesIncluded: false },
    ]);
    expect(shopify.map((shop) => shop.crm.priceList)).toEqual(['USD Price List', 'EUR Price List', 'Wholesale CAD']);
  });

  it('has the same people as customers of two or three shops', () => {
    // Setup
    const people = (key: string) => new Set((customers.get(key) ?? []).map(identity));
    const [us, eu, b2b] = [people('us'), people('eu'), people('b2b')];

    // Action
    const usEu = [...us].filter((person) => eu.has(person));
    const usB2b = [...us].filter((person) => b2b.has(person));
    const all = usEu.filter((person) => b2b.has(person));

    // Assertions
    expect([usEu.length, usB2b.length, all.length]).toEqual([12, 7, 2]);
  });

  it('hands out the same numeric ids in the us and eu shops, for different people and orders', async () => {
    // Setup
    const byId = (key: string) => new Map((customers.get(key) ?? []).map((c) => [numericId(c.id), identity(c)]));
    const [us, eu] = [byId('us'), byId('eu')];
    const [usShop, euShop] = sandbox.details.shopify;
    if (!usShop || !euShop) throw new Error('the sandbox has no us and eu shops');

    // Action
    const differentPeople = [...us].filter(([id, person]) => eu.has(id) && eu.get(id) !== person);
    const euOrders = new Set((await orderIdsOf(euShop)).map(numericId));
    const sameOrderIds = (await orderIdsOf(usShop)).map(numericId).filter((id) => euOrders.has(id));

    // Assertions
    expect(differentPeople.length).toBeGreaterThan(0);
    expect(sameOrderIds.length).toBeGreaterThan(0);
  });

  it('starts only the shops asked for, each with the data it has beside the others', async () => {
    // Setup
    const alone = await startSandbox({
      dataDir: mkdtempSync(join(tmpdir(), 'shopverse-sandbox-')),
      webUrl: 'http://127.0.0.1:9',
      ports: { shopify: 0, dataverse: 0, entra: 0 },
      keyActivationMs: 0,
      shops: ['us'],
    });
    const started = alone.details.shopify;
    const [shop] = started;
    if (!shop) throw new Error('the sandbox started no shop');

    // Action
    const ours = await customersOf(shop).finally(() => alone.stop());
    rmSync(join(alone.file, '..'), { recursive: true, force: true });

    // Assertions
    expect(started.map((entry) => entry.key)).toEqual(['us']);
    expect(ours.map((c) => [c.id, identity(c)])).toEqual((customers.get('us') ?? []).map((c) => [c.id, identity(c)]));
  });

  it('seeds the org with the stores’ currencies, business units, owner teams, users and price lists', async () => {
    // Setup
    const { details } = sandbox;

    // Action
    const [units, teams, priceLists, currencies, users] = await Promise.all([
      orgColumn(details, 'businessunits'),
      orgColumn(details, 'teams'),
      orgColumn(details, 'pricelevels'),
      orgColumn(details, 'transactioncurrencies', 'isocurrencycode'),
      orgColumn(details, 'systemusers', 'internalemailaddress'),
    ]);

    // Assertions
    expect(units).toEqual(expect.arrayContaining(['Retail US', 'Retail EU', 'Wholesale']));
    expect(teams).toEqual(expect.arrayContaining(['US Online Sales', 'EU Online Sales', 'Wholesale Accounts']));
    expect(priceLists).toEqual(
      expect.arrayContaining(['USD Price List', 'EUR Price List', 'CAD Price List', 'Wholesale CAD']),
    );
    expect(currencies).toEqual(expect.arrayContaining(['USD', 'EUR', 'CAD']));
    expect(users).toEqual(expect.arrayContaining(['avery.johnson@sandbox.test', 'chloe.tremblay@sandbox.test']));
  });
});
