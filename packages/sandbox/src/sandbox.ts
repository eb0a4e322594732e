import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDataverseOrg, type OrgSeed } from './dataverse';
import { startDataverseSimulator } from './dataverse-gateway';
import { generateSharedPool } from './demo-data/customers';
import { generateDemoData } from './demo-data/generate-demo-data';
import { loadDemoData } from './demo-data/load-demo-data';
import { createTokenVerifier, startEntraSimulator } from './entra';
import { stableGuid } from './entra/entra-config';
import { startShopifySimulator, type ShopConfig } from './shopify';
import { createWebhookDispatcher, type WebhookDispatcher } from './shopify-webhooks/webhook-dispatcher';

/** What `.data/sandbox.json` holds (DESIGN.md, "Sandbox and the embedded default"). */
export interface SandboxDetails {
  web: string;
  graphql: string;
  webhookUrl: string;
  users: { email: string; password: string; role: 'admin' | 'operator' | 'viewer' }[];
  shopify: {
    key: string;
    shop: string;
    adminUrl: string;
    apiVersion: string;
    accessToken: string;
    webhookSecret: string;
    currency: string;
    taxesIncluded: boolean;
    /** What the shop's store is set up with in the org, by the names of the org's rows (connect-sandbox resolves them). */
    crm: SandboxStoreSetup;
  }[];
  dataverse: {
    url: string;
    apiUrl: string;
    authority: string;
    tenantId: string;
    clientId: string;
    clientSecret: string;
    scope: string;
    publisherPrefix: string;
  };
  entra: { console: { clientId: string; clientSecret: string; wellKnown: string } };
  /**
   * An operator API token for `/api/graphql`, added by the start command once the console's database has it (the
   * sandbox itself has no database); absent in a `sandbox.json` written by the sandbox alone.
   */
  apiToken?: string;
}

/**
 * How the sandbox means a shop's store to write to its org: rows named as the org seeds them (teams, business units,
 * price lists) or as the start command creates them (parent accounts), so that the settings can name their ids.
 */
export interface SandboxStoreSetup {
  locale: string;
  target: 'contact' | 'contactWithAccount' | 'b2b';
  /** The team that owns the rows the store creates. */
  ownerTeam: string;
  businessUnit: string | null;
  /** The price list of the shop's currency. */
  priceList: string;
  /** The account its B2C contacts go under; created by the start command when missing. */
  parentAccount: string | null;
}

export interface SandboxOptions {
  /** Where `sandbox.json` goes (`.data`). */
  dataDir: string;
  /** Base URL of the running console, e.g. http://127.0.0.1:3000. */
  webUrl: string;
  /** Preferred ports; a busy one is replaced by a free one. */
  ports?: { shopify?: number; dataverse?: number; entra?: number };
  /**
   * Demo data per shop (customers counts the shared ones too); same seed, same data. A quarter of the customers are
   * shared between us and eu, an eighth between us and b2b, a twentieth between all three (rounded down).
   */
  demo?: { seed?: number; customers?: number; orders?: number };
  /**
   * How long the org keeps a new alternate key Pending (default 2 s, as a real org builds its index); a bench that
   * provisions in its setup passes 0, so that setup does not wait on it.
   */
  keyActivationMs?: number;
  /**
   * Keys of the demo shops to start (default all: `us`, `eu`, `b2b`); a harness that syncs one store may start only
   * it. A shop's data is the same whichever others start.
   */
  shops?: string[];
}

export interface RunningSandbox {
  details: SandboxDetails;
  /** Where the details were written. */
  file: string;
  /**
   * Each shop's webhook dispatcher by shop domain, to switch delivery faults on (also over HTTP:
   * `POST <shopify url>/_sim/webhooks?shop=<domain>`).
   */
  webhooks: Map<string, WebhookDispatcher>;
  stop(): Promise<void>;
}

function portIfFree(port: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(port)));
  });
}

const secret = () => randomBytes(24).toString('base64url');

/** A demo shop: its simulator config, its store in the org, and how B2B its demo data is. */
interface DemoShop extends ShopConfig {
  key: string;
  webhookSecret: string;
  crm: SandboxStoreSetup;
  /** Companies per customer and share of the orders bought for a company location. */
  demo: { companiesPerCustomer: number; b2bShare: number };
}

/**
 * The us and eu shops share an id base, so they hand out the same numeric ids: Shopify promises an id unique within
 * its shop, nothing more, and our CRM keys (`<store key>_<id>`) must keep two stores' records apart even then. So the
 * sandbox always has customers and orders whose numeric id exists in both, for people and tests to see that they
 * never meet in the CRM.
 */
const RETAIL_ID_BASE = 5_000_000_000_000;
const WHOLESALE_ID_BASE = 5_100_000_000_000;

/**
 * The three demo shops, as merchants run them: a US one with taxes added, an EU one with VAT included, and a
 * wholesale one in Canada selling mostly to companies.
 */
function demoShops(): DemoShop[] {
  const retail = { companiesPerCustomer: 0.1, b2bShare: 0.1 };
  return [
    {
      key: 'us',
      domain: 'demo-us.myshopify.com',
      name: 'Demo US',
      accessToken: `shpat_${randomBytes(16).toString('hex')}`,
      webhookSecret: secret(),
      plan: 'plus',
      currencyCode: 'USD',
      taxesIncluded: false,
      ianaTimezone: 'America/New_York',
      idBase: RETAIL_ID_BASE,
      crm: {
        locale: 'en-US',
        target: 'contact',
        ownerTeam: 'US Online Sales',
        businessUnit: 'Retail US',
        priceList: 'USD Price List',
        parentAccount: 'Online Customers US',
      },
      demo: retail,
    },
    {
      key: 'eu',
      domain: 'demo-eu.myshopify.com',
      name: 'Demo EU',
      accessToken: `shpat_${randomBytes(16).toString('hex')}`,
      webhookSecret: secret(),
      plan: 'advanced',
      currencyCode: 'EUR',
      taxesIncluded: true,
      ianaTimezone: 'Europe/Berlin',
      idBase: RETAIL_ID_BASE,
      crm: {
        locale: 'de-DE',
        target: 'contact',
        ownerTeam: 'EU Online Sales',
        businessUnit: null,
        priceList: 'EUR Price List',
        parentAccount: 'Online Customers EU',
      },
      demo: retail,
    },
    {
      key: 'b2b',
      domain: 'demo-b2b.myshopify.com',
      name: 'Demo Wholesale',
      accessToken: `shpat_${randomBytes(16).toString('hex')}`,
      webhookSecret: secret(),
      plan: 'plus',
      currencyCode: 'CAD',
      taxesIncluded: false,
      ianaTimezone: 'America/Toronto',
      idBase: WHOLESALE_ID_BASE,
      crm: {
        locale: 'en-CA',
        target: 'b2b',
        ownerTeam: 'Wholesale Accounts',
        businessUnit: null,
        priceList: 'Wholesale CAD',
        parentAccount: null,
      },
      demo: { companiesPerCustomer: 0.3, b2bShare: 0.7 },
    },
  ];
}

/** Who buys in more than one shop: a quarter of the customers us and eu, an eighth us and b2b, a twentieth all three. */
function sharedGroups(customers: number): { shops: string[]; count: number }[] {
  return [
    { shops: ['us', 'eu'], count: Math.floor(customers / 4) },
    { shops: ['us', 'b2b'], count: Math.floor(customers / 8) },
    { shops: ['us', 'eu', 'b2b'], count: Math.floor(customers / 20) },
  ];
}

/**
 * The org's reference data for the three stores: their currencies, a business unit with an owner team and users per
 * line of business, and the wholesale price list beside the one per currency.
 */
const ORG_SEED: OrgSeed = {
  currencies: [
    { isoCode: 'USD', name: 'US Dollar', symbol: '$' },
    { isoCode: 'EUR', name: 'Euro', symbol: '€', exchangeRate: '0.92' },
    { isoCode: 'CAD', name: 'Canadian Dollar', symbol: 'CA$', exchangeRate: '1.36' },
  ],
  businessUnits: [
    {
      name: 'Retail US',
      teams: ['US Online Sales'],
      users: [{ firstName: 'Avery', lastName: 'Johnson', email: 'avery.johnson@sandbox.test' }],
    },
    {
      name: 'Retail EU',
      teams: ['EU Online Sales'],
      users: [
        { firstName: 'Lena', lastName: 'Schmidt', email: 'lena.schmidt@sandbox.test' },
        { firstName: 'Matteo', lastName: 'Rossi', email: 'matteo.rossi@sandbox.test' },
      ],
    },
    {
      name: 'Wholesale',
      teams: ['Wholesale Accounts'],
      users: [{ firstName: 'Chloé', lastName: 'Tremblay', email: 'chloe.tremblay@sandbox.test' }],
    },
  ],
  priceLists: [{ name: 'Wholesale CAD', currency: 'CAD' }],
};

/**
 * Starts the whole sandbox: Entra ID, a Dataverse org that accepts only Entra's tokens for itself, and three Shopify
 * shops filled with demo data (some customers in two or three of them) whose webhooks are signed and delivered to whatever the sync subscribes. Writes the
 * connection details to `<dataDir>/sandbox.json` (mode 0600: it holds tokens and secrets).
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const tenantId = stableGuid('shopverse-sandbox', 'tenant');
  const syncApp = { clientId: stableGuid('shopverse-sandbox', 'sync-app'), clientSecret: secret() };
  const consoleApp = { clientId: stableGuid('shopverse-sandbox', 'console-app'), clientSecret: secret() };
  const users = [
    { email: 'ops@sandbox.test', password: secret().slice(0, 16), name: 'Sandbox Admin', roles: ['admin' as const] },
    {
      email: 'operator@sandbox.test',
      password: secret().slice(0, 16),
      name: 'Sandbox Operator',
      roles: ['operator' as const],
    },
    {
      email: 'viewer@sandbox.test',
      password: secret().slice(0, 16),
      name: 'Sandbox Viewer',
      roles: ['viewer' as const],
    },
  ];
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const close of stops.reverse()) await close();
  };
  try {
    const entra = await startEntraSimulator({
      port: await portIfFree(options.ports?.entra ?? 4003),
      tenants: [
        {
          tenantId,
          apps: [
            { ...syncApp, displayName: 'Shopverse sync' },
            {
              ...consoleApp,
              displayName: 'Shopverse console',
              redirectUris: [`${options.webUrl}/api/auth/callback/azure-ad`],
            },
          ],
          users,
        },
      ],
    });
    stops.push(() => entra.close());
    const authority = entra.authority(tenantId);

    const dataverse = await startDataverseSimulator({
      port: await portIfFree(options.ports?.dataverse ?? 4002),
      orgs: (url) =>
        createDataverseOrg({
          name: url,
          ...(options.keyActivationMs === undefined ? {} : { keyActivationMs: options.keyActivationMs }),
          // The org's application user is the sync app, as an admin adds it in the Power Platform admin center.
          seed: { ...ORG_SEED, applicationId: syncApp.clientId },
        }),
      verifyToken: createTokenVerifier({ simulator: entra }),
      authorizationUri: `${authority}/oauth2/v2.0/authorize`,
    });
    stops.push(() => dataverse.close());
    entra.grantResource(tenantId, syncApp.clientId, dataverse.url);

    // Each shop keeps its place in the full list: its seed and its range of phone numbers follow from it.
    const shops = demoShops()
      .map((config, index) => ({ ...config, index }))
      .filter((config) => options.shops?.includes(config.key) ?? true);
    const shopify = await startShopifySimulator({ port: await portIfFree(options.ports?.shopify ?? 4001), shops });
    stops.push(() => shopify.close());
    const demo = { seed: 2026, customers: 40, orders: 80, ...options.demo };
    const pool = generateSharedPool({ seed: demo.seed, groups: sharedGroups(demo.customers) });
    const webhooks = new Map<string, WebhookDispatcher>();
    for (const { index, ...config } of shops) {
      const shop = shopify.shops.get(config.domain);
      if (!shop) throw new Error(`The simulator did not create ${config.domain}.`);
      const dispatcher = createWebhookDispatcher({ shop, secret: config.webhookSecret });
      stops.push(() => dispatcher.close());
      webhooks.set(config.domain, dispatcher);
      shopify.webhooks.set(config.domain, dispatcher);
      const shared = pool.people.filter((person) => person.shops.includes(config.key)).length;
      const operations = generateDemoData({
        seed: demo.seed + index,
        customers: demo.customers - shared,
        orders: demo.orders,
        companies: Math.ceil(demo.customers * config.demo.companiesPerCustomer),
        b2bShare: config.demo.b2bShare,
        shop: { currencyCode: config.currencyCode, taxesIncluded: config.taxesIncluded },
        shared: { pool, shop: config.key, index },
      });
      const summary = await loadDemoData(shop, operations);
      if (summary.userErrors.length > 0) {
        throw new Error(
          `Demo data for ${config.domain} met user errors: ${JSON.stringify(summary.userErrors.slice(0, 3))}`,
        );
      }
    }

    const details: SandboxDetails = {
      web: options.webUrl,
      graphql: `${options.webUrl}/api/graphql`,
      webhookUrl: `${options.webUrl}/api/webhooks/shopify`,
      users: users.map((user) => ({ email: user.email, password: user.password, role: user.roles[0] ?? 'viewer' })),
      shopify: shops.map((config) => ({
        key: config.key,
        shop: config.domain,
        adminUrl: shopify.adminUrl(config.domain),
        apiVersion: '2025-01',
        accessToken: config.accessToken,
        webhookSecret: config.webhookSecret,
        currency: config.currencyCode,
        taxesIncluded: config.taxesIncluded,
        crm: config.crm,
      })),
      dataverse: {
        url: dataverse.url,
        apiUrl: dataverse.apiUrl,
        authority,
        tenantId,
        clientId: syncApp.clientId,
        clientSecret: syncApp.clientSecret,
        scope: `${dataverse.url}/.default`,
        publisherPrefix: 'sv',
      },
      entra: {
        console: { ...consoleApp, wellKnown: `${authority}/v2.0/.well-known/openid-configuration` },
      },
    };
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, 'sandbox.json');
    writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`, { mode: 0o600 });
    return { details, file, webhooks, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
