import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDataverseOrg } from './dataverse';
import { startDataverseSimulator } from './dataverse-gateway';
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

export interface SandboxOptions {
  /** Where `sandbox.json` goes (`.data`). */
  dataDir: string;
  /** Base URL of the running console, e.g. http://127.0.0.1:3000. */
  webUrl: string;
  /** Preferred ports; a busy one is replaced by a free one. */
  ports?: { shopify?: number; dataverse?: number; entra?: number };
  /** Demo data per shop; same seed, same data. */
  demo?: { seed?: number; customers?: number; orders?: number };
  /**
   * How long the org keeps a new alternate key Pending (default 2 s, as a real org builds its index); a bench that
   * provisions in its setup passes 0, so that setup does not wait on it.
   */
  keyActivationMs?: number;
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

/** The two demo shops: a US one with taxes added, an EU one with VAT included, as merchants run them. */
function demoShops(): (ShopConfig & { key: string; webhookSecret: string })[] {
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
    },
  ];
}

/**
 * Starts the whole sandbox: Entra ID, a Dataverse org that accepts only Entra's tokens for itself, and two Shopify
 * shops filled with demo data whose webhooks are signed and delivered to whatever the sync subscribes. Writes the
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
          seed: {
            currencies: [
              { isoCode: 'USD', name: 'US Dollar', symbol: '$' },
              { isoCode: 'EUR', name: 'Euro', symbol: '€', exchangeRate: '0.92' },
            ],
          },
        }),
      verifyToken: createTokenVerifier({ simulator: entra }),
      authorizationUri: `${authority}/oauth2/v2.0/authorize`,
    });
    stops.push(() => dataverse.close());
    entra.grantResource(tenantId, syncApp.clientId, dataverse.url);

    const shops = demoShops();
    const shopify = await startShopifySimulator({ port: await portIfFree(options.ports?.shopify ?? 4001), shops });
    stops.push(() => shopify.close());
    const demo = { seed: 2026, customers: 40, orders: 80, ...options.demo };
    const webhooks = new Map<string, WebhookDispatcher>();
    for (const [index, config] of shops.entries()) {
      const shop = shopify.shops.get(config.domain);
      if (!shop) throw new Error(`The simulator did not create ${config.domain}.`);
      const dispatcher = createWebhookDispatcher({ shop, secret: config.webhookSecret });
      stops.push(() => dispatcher.close());
      webhooks.set(config.domain, dispatcher);
      shopify.webhooks.set(config.domain, dispatcher);
      const operations = generateDemoData({
        seed: demo.seed + index,
        customers: demo.customers,
        orders: demo.orders,
        shop: { currencyCode: config.currencyCode, taxesIncluded: config.taxesIncluded },
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
