import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientForOrg, type DataverseClient } from '@shopverse/dataverse';
import { addJob, listStores, orgReport, parseSecretKey, readStoreCredentials, SecretBox } from '@shopverse/db';
import { generateSecretKey } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { type RunningSandbox, startSandbox } from '@shopverse/sandbox';
import { clientForStore, readCustomers, readOrders, type ShopifyClient } from '@shopverse/shopify';
import { parseStoreSettings, type ShopifyCustomer, type StoreSettings } from '@shopverse/sync-core';
import { type RunningWorker, startWorker } from '@shopverse/worker';
import { Logger, runMigrations } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandbox } from '../../scripts/lib/connect-sandbox';
import { until } from './sync-harness';

/**
 * Issue 11 end to end: the sandbox's three stores (us USD, eu EUR with taxes included and the same id base as us, b2b
 * CAD with companies) connected as `npm start` connects them, each with its own settings, synced by a real worker
 * into one org.
 */

interface Store {
  id: string;
  key: string;
  settings: StoreSettings;
  shopify: ShopifyClient;
  customers: ShopifyCustomer[];
  orderGids: string[];
}

interface SalesOrder {
  salesorderid: string;
  name: string;
  sv_shopifyid: string;
  sv_locale: string | null;
  _transactioncurrencyid_value: string;
  _pricelevelid_value: string | null;
  _ownerid_value: string;
  _owningbusinessunit_value: string;
}

interface Contact {
  contactid: string;
  emailaddress1: string | null;
  telephone1: string | null;
  sv_shopifyid: string;
  sv_shopifyids: string | null;
  _ownerid_value: string;
  _parentcustomerid_value: string | null;
}

const legacyId = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);

async function all<T>(crm: DataverseClient, path: string): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of crm.query<T>(path)) rows.push(...page);
  return rows;
}

describe('several stores, one CRM (issue 11)', () => {
  const database = useTestDatabase();
  const secretKey = generateSecretKey();
  let dataDir: string;
  let sandbox: RunningSandbox;
  let worker: RunningWorker;
  let crm: DataverseClient;
  const stores = new Map<string, Store>();

  const queueEmpty = () =>
    until(
      async () => ((await database().sql`select 1 from graphile_worker.jobs limit 1`).length === 0 ? true : undefined),
      'the queue to empty',
      180_000,
    );
  const syncOrders = async (store: Store, gids: string[]) => {
    await database().sql.begin(async (tx) => {
      for (const orderGid of gids) await addJob(tx, 'shopify_order__sync', { storeId: store.id, orderGid });
    });
    await queueEmpty();
  };
  const syncCustomers = async (store: Store, gids: string[]) => {
    await database().sql.begin(async (tx) => {
      for (const customerGid of gids) await addJob(tx, 'shopify_customer__sync', { storeId: store.id, customerGid });
    });
    await queueEmpty();
  };
  const store = (key: string): Store => {
    const found = stores.get(key);
    if (!found) throw new Error(`no ${key} store`);
    return found;
  };
  const contactsWithEmail = (email: string) =>
    all<Contact>(
      crm,
      'contacts?$select=contactid,emailaddress1,telephone1,sv_shopifyid,sv_shopifyids,_ownerid_value,' +
        `_parentcustomerid_value&$filter=emailaddress1 eq '${email.replace(/'/g, "''")}'`,
    );
  /** The customer links of these records, each by its store and gid (a gid alone is not unique across stores). */
  const linksOf = async (records: { key: string; gid: string }[]) => {
    const rows = await database().sql<{ key: string; gid: string; crm_id: string }[]>`
      select stores.key, entity_links.shopify_gid as gid, entity_links.crm_id
      from entity_links join stores on stores.id = entity_links.store_id
      where entity_links.shopify_type = 'customer'`;
    return rows.filter((row) => records.some((record) => record.key === row.key && record.gid === row.gid));
  };
  const sharedPeople = () => {
    const emails = (key: string) => new Set(store(key).customers.flatMap((c) => (c.email ? [c.email] : [])));
    const us = emails('us');
    return {
      usEu: [...emails('eu')].filter((email) => us.has(email)),
      usB2b: [...emails('b2b')].filter((email) => us.has(email)),
    };
  };

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    dataDir = mkdtempSync(join(tmpdir(), 'shopverse-multistore-'));
    sandbox = await startSandbox({
      dataDir,
      webUrl: 'http://127.0.0.1:9',
      ports: { shopify: 0, dataverse: 0, entra: 0 },
      demo: { customers: 20, orders: 8 },
      keyActivationMs: 0,
    });
    // As `npm start` connects the sandbox: provisioning, the three stores with their settings, customers queued.
    await connectSandbox({
      databaseUrl: database().url,
      secretKey,
      sandboxFile: sandbox.file,
      log: () => undefined,
    });
    const { dataverse } = sandbox.details;
    crm = clientForOrg(
      {
        url: dataverse.url,
        tenantId: dataverse.tenantId,
        clientId: dataverse.clientId,
        authorityUrl: dataverse.authority,
      },
      dataverse.clientSecret,
    );
    const box = new SecretBox(parseSecretKey(secretKey));
    for (const summary of await listStores(database().db)) {
      const credentials = await readStoreCredentials(database().db, box, summary.id);
      const shopify = clientForStore(summary, credentials.accessToken ?? '');
      const customers: ShopifyCustomer[] = [];
      for await (const page of readCustomers(shopify)) customers.push(...page);
      const orderGids: string[] = [];
      for await (const page of readOrders(shopify)) orderGids.push(...page.map((order) => order.gid));
      stores.set(summary.key, {
        id: summary.id,
        key: summary.key,
        settings: parseStoreSettings(summary.settings, summary.key),
        shopify,
        customers,
        orderGids,
      });
    }
    worker = await startWorker({
      databaseUrl: database().url,
      concurrency: 4,
      heartbeatSeconds: 5,
      syncAttemptsRetentionDays: 30,
      secretKey,
      logger: pino({ level: 'silent' }),
      crontab: '',
    });
    await queueEmpty();
    for (const key of ['us', 'eu', 'b2b']) await syncOrders(store(key), store(key).orderGids);
  }, 300_000);

  afterAll(async () => {
    await worker?.shutdown();
    await sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes each store’s orders with its currency, price list, owner, business unit, locale and name prefix', async () => {
    // Setup
    const currencies = new Map(
      (
        await all<{ transactioncurrencyid: string; isocurrencycode: string }>(
          crm,
          'transactioncurrencies?$select=transactioncurrencyid,isocurrencycode',
        )
      ).map((row) => [row.transactioncurrencyid, row.isocurrencycode]),
    );
    const teams = await all<{ teamid: string; _businessunitid_value: string }>(
      crm,
      'teams?$select=teamid,_businessunitid_value',
    );

    for (const [key, currency] of [
      ['us', 'USD'],
      ['eu', 'EUR'],
      ['b2b', 'CAD'],
    ] as const) {
      // Action
      const { settings, orderGids } = store(key);
      const orders = await all<SalesOrder>(
        crm,
        'salesorders?$select=salesorderid,name,sv_shopifyid,sv_locale,_transactioncurrencyid_value,_pricelevelid_value,' +
          `_ownerid_value,_owningbusinessunit_value&$filter=startswith(sv_shopifyid,'${key}_')`,
      );

      // Assertions: every order of the shop is there once, as the store's settings say.
      expect(orders.map((order) => order.sv_shopifyid).sort(), key).toEqual(
        orderGids.map((gid) => `${key}_${legacyId(gid)}`).sort(),
      );
      const team = teams.find((row) => row.teamid === settings.ownership.owner?.id);
      expect(team, `${key}'s owner team`).toBeDefined();
      for (const order of orders) {
        expect(order.name.startsWith(`${key}-#`), order.name).toBe(true);
        expect(currencies.get(order._transactioncurrencyid_value), order.name).toBe(currency);
        expect(order._pricelevelid_value, order.name).toBe(settings.orders.priceLists[currency]);
        expect(order._ownerid_value, order.name).toBe(settings.ownership.owner?.id);
        expect(order._owningbusinessunit_value, order.name).toBe(
          settings.ownership.businessUnitId ?? team?._businessunitid_value,
        );
        expect(order.sv_locale, order.name).toBe(settings.locale);
      }
    }
  });

  it('makes a customer shared between stores one contact, linked from each store and listing every store’s id', async () => {
    // Setup
    const { usEu, usB2b } = sharedPeople();
    expect(usEu.length).toBeGreaterThan(0);
    expect(usB2b.length).toBeGreaterThan(0);

    for (const email of [...usEu, ...usB2b]) {
      // Action
      const contacts = await contactsWithEmail(email);
      const keys = ['us', 'eu', 'b2b'].flatMap((key) => {
        const customer = store(key).customers.find((candidate) => candidate.email === email);
        return customer ? [{ key, gid: customer.gid }] : [];
      });
      const links = await linksOf(keys);

      // Assertions: one contact, every store's customer linked to it, its ids listed.
      expect(contacts, email).toHaveLength(1);
      const contact = contacts[0];
      expect(links.map((link) => link.key).sort(), email).toEqual(keys.map((k) => k.key).sort());
      expect(new Set(links.map((link) => link.crm_id)), email).toEqual(new Set([contact?.contactid]));
      expect(contact?.sv_shopifyids?.split('; ').sort(), email).toEqual(
        keys.map((k) => `${k.key}_${legacyId(k.gid)}`).sort(),
      );
    }
  });

  it('never lets the same numeric id in two stores match a record of the other store', async () => {
    // Setup: us and eu share an id base, so different people have the same legacy id in both.
    const eu = new Map(store('eu').customers.map((customer) => [legacyId(customer.gid), customer]));
    const clashes = store('us').customers.filter((customer) => {
      const other = eu.get(legacyId(customer.gid));
      return other && other.email !== customer.email;
    });
    expect(clashes.length).toBeGreaterThan(0);

    for (const customer of clashes) {
      // Action
      const id = legacyId(customer.gid);
      const links = await linksOf([
        { key: 'us', gid: customer.gid },
        { key: 'eu', gid: customer.gid },
      ]);
      const contactOf = async (key: string) => {
        const crmId = links.find((link) => link.key === key)?.crm_id;
        const response = await crm.request({
          method: 'GET',
          path: `contacts(${String(crmId)})?$select=contactid,emailaddress1,sv_shopifyids`,
          idempotent: true,
        });
        return response.body as Contact;
      };
      const us = await contactOf('us');
      const other = await contactOf('eu');

      // Assertions: two people, two contacts, each listing its own store's id and not the other's.
      expect(us.emailaddress1, id).toBe(customer.email);
      expect(other.emailaddress1, id).toBe(eu.get(id)?.email);
      expect(us.contactid).not.toBe(other.contactid);
      expect(us.sv_shopifyids?.split('; '), id).toContain(`us_${id}`);
      expect(us.sv_shopifyids?.split('; '), id).not.toContain(`eu_${id}`);
      expect(other.sv_shopifyids?.split('; '), id).toContain(`eu_${id}`);
      expect(other.sv_shopifyids?.split('; '), id).not.toContain(`us_${id}`);
    }
  });

  it('gives contacts a store creates its owner team and, for B2C customers, its parent account', async () => {
    // Setup: a customer only the us store has.
    const { usEu, usB2b } = sharedPeople();
    const own = store('us').customers.find(
      (customer) => customer.email && !usEu.includes(customer.email) && !usB2b.includes(customer.email),
    );
    if (!own?.email) throw new Error('the us store has no customer of its own');

    // Action
    const [contact] = await contactsWithEmail(own.email);

    // Assertions
    expect(contact?._ownerid_value).toBe(store('us').settings.ownership.owner?.id);
    expect(contact?._parentcustomerid_value).toBe(store('us').settings.customers.parentAccountId);
  });

  it('lets the newer of two stores’ records hold a shared field, whichever store syncs last', async () => {
    // Setup: a person both us and eu have.
    const email = sharedPeople().usEu[0];
    const us = store('us').customers.find((customer) => customer.email === email);
    const eu = store('eu').customers.find((customer) => customer.email === email);
    if (!email || !us || !eu) throw new Error('no person shared by us and eu');
    const setPhone = async (shop: Store, gid: string, phone: string) => {
      const result = await shop.shopify.request<{ customerUpdate: { userErrors: unknown[] } }>(
        'mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }',
        { variables: { input: { id: gid, phone } } },
      );
      expect(result.customerUpdate.userErrors).toEqual([]);
    };

    // Action: the eu store changes the phone, then the us store's older record syncs again (a tag edit makes it
    // look changed to the sync, but its phone is still the old one and its updatedAt older than eu's).
    await setPhone(store('eu'), eu.gid, '+4915112345678');
    await syncCustomers(store('eu'), [eu.gid]);
    await database().sql`update entity_links set content_hash = null where shopify_gid = ${us.gid}`;
    await syncCustomers(store('us'), [us.gid]);
    const afterOlder = (await contactsWithEmail(email))[0];
    // Then the us store changes the phone: its record is now the newer one.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await setPhone(store('us'), us.gid, '+12125550199');
    await syncCustomers(store('us'), [us.gid]);
    const afterNewer = (await contactsWithEmail(email))[0];
    const kept = await database().sql<{ request: { conflictsKept?: { column: string; heldBy?: unknown }[] } }[]>`
      select request from sync_attempts where shopify_gid = ${us.gid} order by started_at desc, id desc limit 3`;

    // Assertions
    expect(afterOlder?.telephone1).toBe('+4915112345678');
    expect(
      kept.some((attempt) =>
        (attempt.request.conflictsKept ?? []).some(
          (item) =>
            item.column === 'telephone1' && (item.heldBy as { storeKey?: string } | undefined)?.storeKey === 'eu',
        ),
      ),
    ).toBe(true);
    expect(afterNewer?.telephone1).toBe('+12125550199');
  });

  it('reports each store and the org: orders, revenue in each store’s currency, customers shared between stores', async () => {
    // Setup
    const [org] = await database().sql<{ id: string }[]>`select id from crm_orgs`;
    if (!org) throw new Error('no org');

    // Action
    const report = await orgReport(database().sql, { orgId: org.id });

    // Assertions
    if (!report) throw new Error('no report');
    const byKey = new Map(report.stores.map((entry) => [entry.key, entry]));
    for (const [key, currency] of [
      ['us', 'USD'],
      ['eu', 'EUR'],
      ['b2b', 'CAD'],
    ] as const) {
      const entry = byKey.get(key);
      expect(entry?.orders, key).toBe(store(key).orderGids.length);
      expect(
        entry?.revenue.map((revenue) => revenue.currency),
        key,
      ).toEqual([currency]);
      expect(entry?.locales, key).toEqual([store(key).settings.locale]);
    }
    const { usEu, usB2b } = sharedPeople();
    const pair = (a: string, b: string) =>
      report.sharedBetween.find((overlap) => [...overlap.stores].sort().join() === [a, b].sort().join())?.customers;
    expect(pair('us', 'eu')).toBe(usEu.length);
    expect(pair('us', 'b2b')).toBe(usB2b.length);
    expect(report.total.sharedCustomers).toBe(new Set([...usEu, ...usB2b]).size);
    expect(report.total.orders).toBe([...stores.values()].reduce((sum, entry) => sum + entry.orderGids.length, 0));
  });
});
