import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { clientForOrg, provision } from '@shopverse/dataverse';
import {
  addJob,
  connectStoreToOrg,
  createApiToken,
  createDbClient,
  forgetOrgRows,
  listApiTokens,
  parseSecretKey,
  recordAuditEvent,
  revokeApiToken,
  SecretBox,
  upsertCrmOrg,
  upsertStore,
  type Database,
} from '@shopverse/db';
import type { SandboxDetails } from '@shopverse/sandbox';
import { clientForStore, ensureWebhookSubscriptions, readCompanies, readCustomers } from '@shopverse/shopify';
import { applySandboxSettings, resolveSandboxIds, SANDBOX_ACTOR, sandboxSettings } from './sandbox-store-settings';

/** Sandbox stores are reached under the simulator's base URL; a real store never has one (start.ts tells them apart). */
export function sandboxApiBase(adminUrl: string): string {
  return adminUrl.slice(0, adminUrl.indexOf('/admin/'));
}

/**
 * Connects the sandbox as a newcomer would connect real ones (DESIGN.md, "Sandbox and the embedded default": "already
 * connected, so a newcomer sees a live sync at once"): each demo shop as a store with its webhooks subscribed, the
 * Dataverse org with our columns and keys provisioned, each store writing to the org with its own settings (locale,
 * price list, owner team, parent account: sandbox-store-settings.ts) unless a person has set others, and a first sync
 * of every customer and company queued.
 * The sandbox makes new tokens on every start, so the stores and org are updated each time.
 * Also makes the operator API token that `sandbox.json` publishes as `apiToken` (the one of the start before is
 * revoked), and answers the console's sign-in settings for the sandbox's Entra ID.
 */
export async function connectSandbox(input: {
  databaseUrl: string;
  secretKey: string;
  sandboxFile: string;
  log: (message: string) => void;
}): Promise<SandboxSignIn> {
  const details = JSON.parse(readFileSync(input.sandboxFile, 'utf8')) as SandboxDetails;
  const client = createDbClient(input.databaseUrl, { max: 2, applicationName: 'shopverse-start' });
  try {
    const box = new SecretBox(parseSecretKey(input.secretKey));
    const { dataverse } = details;
    const crm = clientForOrg(
      {
        url: dataverse.url,
        tenantId: dataverse.tenantId,
        clientId: dataverse.clientId,
        authorityUrl: dataverse.authority,
      },
      dataverse.clientSecret,
    );
    const report = await provision(crm, { prefix: dataverse.publisherPrefix, pollMs: 50 });
    input.log(`sandbox org: ${report.steps.length} provisioning steps (our columns and alternate keys)`);
    const org = await upsertCrmOrg(client.db, box, {
      name: 'Sandbox Dataverse org',
      url: dataverse.url,
      apiUrl: dataverse.apiUrl,
      tenantId: dataverse.tenantId,
      clientId: dataverse.clientId,
      clientSecret: dataverse.clientSecret,
      authorityUrl: dataverse.authority,
      publisherPrefix: dataverse.publisherPrefix,
    });
    // The sandbox's Dataverse starts empty on every start, while PostgreSQL (in .data) remembers the last one's rows:
    // links to contacts that no longer exist would fail every order ("Contact … Does Not Exist").
    const forgotten = await forgetOrgRows(client.sql, org.id);
    if (forgotten.links + forgotten.mergeQuestions + forgotten.decisions + forgotten.cursors > 0)
      input.log(
        `sandbox org starts empty: forgot the last start's ${forgotten.links} links, ${forgotten.mergeQuestions} open ` +
          `merge questions, ${forgotten.decisions} decided ones and ${forgotten.cursors} poll cursors (the next ` +
          'poll fills it again)',
      );
    for (const shop of details.shopify) {
      const apiBaseUrl = sandboxApiBase(shop.adminUrl);
      const store = await upsertStore(client.db, box, {
        key: shop.key,
        shopDomain: shop.shop,
        name: `Sandbox ${shop.key.toUpperCase()} (${shop.currency})`,
        apiVersion: shop.apiVersion,
        apiBaseUrl,
        accessToken: shop.accessToken,
        webhookSecret: shop.webhookSecret,
      });
      await connectStoreToOrg(client.db, store.id, org.id);
      const settings = sandboxSettings(shop, await resolveSandboxIds(crm, shop));
      const applied = await applySandboxSettings(client.db, store, settings, new Date());
      if (applied === 'kept')
        input.log(
          `sandbox store ${shop.shop}: kept the settings a person saved (the sandbox's own would name new ids)`,
        );
      const shopify = clientForStore(store, shop.accessToken);
      // The shop's changes reach the console as they happen, as a real store's do once its webhooks are registered.
      const webhooks = await ensureWebhookSubscriptions(shopify, details.webhookUrl);
      let customers = 0;
      let companies = 0;
      await client.sql.begin(async (tx) => {
        for await (const page of readCustomers(shopify)) {
          for (const customer of page) {
            await addJob(
              tx,
              'shopify_customer__sync',
              { storeId: store.id, customerGid: customer.gid },
              {
                jobKey: `customer:${store.id}:${customer.gid}`,
              },
            );
            customers += 1;
          }
        }
        for await (const page of readCompanies(shopify)) {
          for (const company of page) {
            await addJob(
              tx,
              'shopify_company__sync',
              { storeId: store.id, companyGid: company.gid },
              {
                jobKey: `company:${store.id}:${company.gid}`,
              },
            );
            companies += 1;
          }
        }
      });
      input.log(
        `sandbox store ${shop.shop}: connected; webhooks to ${details.webhookUrl} ` +
          `(${webhooks.created.length + webhooks.kept.length + webhooks.replaced.length} topics); ` +
          `${customers} customers and ${companies} companies queued`,
      );
    }
    const apiToken = await replaceSandboxApiToken(client.db);
    writeFileSync(input.sandboxFile, `${JSON.stringify({ ...details, apiToken }, null, 2)}\n`, { mode: 0o600 });
    input.log(`sandbox API token (operator) written to sandbox.json as apiToken`);
    const { console: app } = details.entra;
    return {
      NEXTAUTH_URL: details.web,
      // Derived from the secret key rather than random, so console sessions outlive a restart.
      NEXTAUTH_SECRET: createHmac('sha256', input.secretKey).update('shopverse nextauth session').digest('base64url'),
      ENTRA_CLIENT_ID: app.clientId,
      ENTRA_CLIENT_SECRET: app.clientSecret,
      ENTRA_ISSUER: app.wellKnown.replace(/\/\.well-known\/openid-configuration$/, ''),
    };
  } finally {
    await client.close();
  }
}

/** The web app's sign-in settings for the sandbox's Entra ID (apps/web/src/env.ts). */
export interface SandboxSignIn {
  NEXTAUTH_URL: string;
  NEXTAUTH_SECRET: string;
  ENTRA_CLIENT_ID: string;
  ENTRA_CLIENT_SECRET: string;
  ENTRA_ISSUER: string;
}

const SANDBOX_TOKEN_NAME = 'sandbox';

/** A fresh operator token for the sandbox; the previous start's stops working, so only one is ever live. */
async function replaceSandboxApiToken(db: Database): Promise<string> {
  const now = new Date();
  for (const old of await listApiTokens(db)) {
    if (old.name !== SANDBOX_TOKEN_NAME || old.createdBy !== SANDBOX_ACTOR || old.revokedAt) continue;
    await revokeApiToken(db, old.id, now);
  }
  const created = await createApiToken(db, {
    name: SANDBOX_TOKEN_NAME,
    role: 'operator',
    createdBy: SANDBOX_ACTOR,
    now,
  });
  await recordAuditEvent(db, {
    actor: SANDBOX_ACTOR,
    actorRole: 'admin',
    action: 'api_token.create',
    targetType: 'api_token',
    targetId: created.apiToken.id,
    details: { name: SANDBOX_TOKEN_NAME, role: 'operator', prefix: created.apiToken.tokenPrefix },
    occurredAt: now,
  });
  return created.token;
}
