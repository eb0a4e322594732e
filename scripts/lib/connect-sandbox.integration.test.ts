import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientForOrg } from '@shopverse/dataverse';
import { listStores, replaceStoreSettings } from '@shopverse/db';
import { generateSecretKey } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { startSandbox, type RunningSandbox } from '@shopverse/sandbox';
import { parseStoreSettings } from '@shopverse/sync-core';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandbox } from './connect-sandbox';

/** Starts the sandbox as `npm start` does, into the same data directory each time. */
function start(dataDir: string): Promise<RunningSandbox> {
  return startSandbox({
    dataDir,
    webUrl: 'http://127.0.0.1:9',
    ports: { shopify: 0, dataverse: 0, entra: 0 },
    demo: { customers: 8, orders: 2 },
    keyActivationMs: 0,
  });
}

/** The name of an org row, read over the Web API. */
async function nameOf(sandbox: RunningSandbox, entitySet: string, id: unknown): Promise<unknown> {
  const { dataverse } = sandbox.details;
  const crm = clientForOrg(
    {
      url: dataverse.url,
      tenantId: dataverse.tenantId,
      clientId: dataverse.clientId,
      authorityUrl: dataverse.authority,
    },
    dataverse.clientSecret,
  );
  const response = await crm.request({
    method: 'GET',
    path: `${entitySet}(${String(id)})?$select=name`,
    idempotent: true,
  });
  return (response.body as { name?: unknown }).name;
}

describe('connectSandbox', () => {
  const database = useTestDatabase();
  const secretKey = generateSecretKey();
  let dataDir: string;
  let sandbox: RunningSandbox | undefined;

  const connect = (running: RunningSandbox) =>
    connectSandbox({ databaseUrl: database().url, secretKey, sandboxFile: running.file, log: () => undefined });
  const settingsByKey = async () =>
    new Map((await listStores(database().db)).map((store) => [store.key, store.settings]));

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    dataDir = mkdtempSync(join(tmpdir(), 'shopverse-connect-'));
  });

  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects the three stores, each with its locale, price list, owner team, business unit and parent account', async () => {
    // Setup
    sandbox = await start(dataDir);

    // Action
    await connect(sandbox);
    const settings = await settingsByKey();

    // Assertions
    expect([...settings.keys()].sort()).toEqual(['b2b', 'eu', 'us']);
    const us = parseStoreSettings(settings.get('us'), 'us');
    const eu = parseStoreSettings(settings.get('eu'), 'eu');
    const b2b = parseStoreSettings(settings.get('b2b'), 'b2b');
    expect([us.locale, eu.locale, b2b.locale]).toEqual(['en-US', 'de-DE', 'en-CA']);
    expect([us.customers.target, eu.customers.target, b2b.customers.target]).toEqual(['contact', 'contact', 'b2b']);
    expect([us.orders.currency, eu.orders.currency, b2b.orders.currency]).toEqual(['shop', 'shop', 'shop']);
    expect([us.twoWay.enabled, eu.twoWay.enabled, b2b.twoWay.enabled]).toEqual([true, false, false]);
    expect(await nameOf(sandbox, 'pricelevels', us.orders.priceLists.USD)).toBe('USD Price List');
    expect(await nameOf(sandbox, 'pricelevels', eu.orders.priceLists.EUR)).toBe('EUR Price List');
    expect(await nameOf(sandbox, 'pricelevels', b2b.orders.priceLists.CAD)).toBe('Wholesale CAD');
    expect([us.ownership.owner?.kind, eu.ownership.owner?.kind, b2b.ownership.owner?.kind]).toEqual([
      'team',
      'team',
      'team',
    ]);
    expect(await nameOf(sandbox, 'teams', us.ownership.owner?.id)).toBe('US Online Sales');
    expect(await nameOf(sandbox, 'teams', eu.ownership.owner?.id)).toBe('EU Online Sales');
    expect(await nameOf(sandbox, 'teams', b2b.ownership.owner?.id)).toBe('Wholesale Accounts');
    expect(await nameOf(sandbox, 'businessunits', us.ownership.businessUnitId)).toBe('Retail US');
    expect(await nameOf(sandbox, 'accounts', us.customers.parentAccountId)).toBe('Online Customers US');
    expect(await nameOf(sandbox, 'accounts', eu.customers.parentAccountId)).toBe('Online Customers EU');
    expect(b2b.customers.parentAccountId).toBeNull();
  });

  it('on the next start refreshes the ids of its own settings, and keeps the settings a person saved', async () => {
    // Setup
    const before = await settingsByKey();
    const eu = (await listStores(database().db)).find((store) => store.key === 'eu');
    if (!eu) throw new Error('the eu store is missing');
    const edited = { ...eu.settings, locale: 'fr-FR' };
    await replaceStoreSettings(database().db, eu.id, edited, new Date());
    await sandbox?.stop();
    sandbox = await start(dataDir);

    // Action
    await connect(sandbox);
    const after = await settingsByKey();

    // Assertions
    const us = parseStoreSettings(after.get('us'), 'us');
    expect(after.get('us')).not.toEqual(before.get('us'));
    expect(await nameOf(sandbox, 'teams', us.ownership.owner?.id)).toBe('US Online Sales');
    expect(await nameOf(sandbox, 'pricelevels', us.orders.priceLists.USD)).toBe('USD Price List');
    expect(after.get('b2b')).not.toEqual(before.get('b2b'));
    expect(after.get('eu')).toEqual(edited);
  });
});
