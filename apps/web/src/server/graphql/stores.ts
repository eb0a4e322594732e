import {
  connectStoreToOrg,
  disconnectStore as disconnectStoreRows,
  findStore,
  findStoreByKey,
  listStores,
  replaceStoreSettings,
  storeActivity,
  storesOfOrg,
  type CrmOrgSummary,
  inTransaction,
  orgsOfStore,
  readStoreCredentials,
  reconnectStore as reconnectStoreRows,
  recordAuditEvent,
  type StoreSummary,
  upsertStore,
} from '@shopverse/db';
import {
  clientForStore,
  ensureWebhookSubscriptions,
  SHOPIFY_API_VERSION,
  ShopifyApiError,
  type ShopifyClient,
  SYNC_TOPICS,
} from '@shopverse/shopify';
import { storeSettings } from '@shopverse/sync-core';
import { GraphQLError } from 'graphql';
import { badInput } from './attempts';
import { requireRole } from './authorize';
import type { GraphQLContext } from './context';
import { type AdminContext, type ConnectionTest, orgClient, requireOrg, secretBox } from './orgs';
import { checkSettingsAgainstOrg, settingsRefusal, validateSettingsShape } from './settings';

async function requireStore(context: GraphQLContext, id: string): Promise<StoreSummary> {
  const store = await findStore(context.db, id);
  if (!store) throw badInput(`No store with id ${id}; the stores query lists them.`, 'storeId');
  return store;
}

/** A Shopify client of a store as saved; few attempts, since a person is waiting for the answer. */
async function storeClient(context: AdminContext, store: StoreSummary): Promise<ShopifyClient> {
  const { accessToken } = await readStoreCredentials(context.db, secretBox(context), store.id);
  if (!accessToken) {
    throw new GraphQLError(`Store ${store.name} has no Admin API token; connect it again with connectStore.`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'storeId' },
    });
  }
  return clientForStore(store, accessToken, { maxAttempts: 2, timeoutMs: 20_000 });
}

/** Why a call to the shop failed, in words the person connecting it can act on. */
function shopFailureReason(store: StoreSummary, error: unknown): string {
  if (error instanceof ShopifyApiError) {
    switch (error.code) {
      case 'SHOPIFY_UNAUTHORIZED':
        return (
          `Shopify refused the access token for ${store.shopDomain}: make a new Admin API access token in the shop's ` +
          'app (Settings > Apps and sales channels > Develop apps), then connect the store again with it.'
        );
      case 'SHOPIFY_THROTTLED':
      case 'SHOPIFY_UNAVAILABLE':
      case 'SHOPIFY_TIMEOUT':
        return `Shopify did not answer for ${store.shopDomain} (${error.message}); try again in a minute.`;
      default:
        return `Shopify answered ${store.shopDomain} with an error: ${error.message}`;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${store.shopDomain} could not be reached (${message}): check the shop domain, e.g. my-shop.myshopify.com.`;
}

const SHOP_QUERY = `query ShopverseConnectionTest { shop { name currencyCode plan { displayName } } }`;

const WEBHOOKS_QUERY = `query ShopverseWebhookState($after: String) {
  webhookSubscriptions(first: 100, after: $after) {
    nodes { topic endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface WebhooksPage {
  webhookSubscriptions: {
    nodes: { topic: string; endpoint: { __typename: string; callbackUrl?: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** What the shop has subscribed, read live: the topics the sync needs that have no subscription are `missing`. */
async function webhookState(store: StoreSummary, _args: unknown, context: AdminContext) {
  try {
    const client = await storeClient(context, store);
    const found: { topic: string; callbackUrl: string | null }[] = [];
    let after: string | null = null;
    do {
      const page: WebhooksPage = await client.request<WebhooksPage>(WEBHOOKS_QUERY, { variables: { after } });
      for (const node of page.webhookSubscriptions.nodes) {
        found.push({ topic: node.topic, callbackUrl: node.endpoint.callbackUrl ?? null });
      }
      after = page.webhookSubscriptions.pageInfo.hasNextPage ? page.webhookSubscriptions.pageInfo.endCursor : null;
    } while (after);
    const topics = new Set(found.map((item) => item.topic));
    return {
      checked: true,
      subscribed: [...topics].sort(),
      missing: SYNC_TOPICS.filter((topic) => !topics.has(topic)),
      callbackUrls: [...new Set(found.flatMap((item) => (item.callbackUrl ? [item.callbackUrl] : [])))],
      error: null,
    };
  } catch (error) {
    // One unreachable shop should not fail the whole list of stores.
    const reason = error instanceof GraphQLError ? error.message : shopFailureReason(store, error);
    return { checked: false, subscribed: [], missing: [...SYNC_TOPICS], callbackUrls: [], error: reason };
  }
}

export interface ConnectStoreInput {
  key: string;
  shopDomain: string;
  name: string;
  accessToken: string;
  webhookSecret: string;
  apiVersion?: string | null;
  apiBaseUrl?: string | null;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

async function connectStore(context: AdminContext, input: ConnectStoreInput): Promise<StoreSummary> {
  requireRole(context, 'admin');
  const shopDomain = input.shopDomain.trim().toLowerCase();
  if (!SHOP_DOMAIN.test(shopDomain)) {
    throw badInput(
      `shopDomain must be the shop's permanent domain, e.g. my-shop.myshopify.com, not "${input.shopDomain}".`,
      'shopDomain',
    );
  }
  for (const field of ['name', 'accessToken', 'webhookSecret'] as const) {
    if (input[field].trim() === '') throw badInput(`${field} must not be empty.`, field);
  }
  const taken = await findStoreByKey(context.db, input.key);
  if (taken && taken.shopDomain !== shopDomain) {
    throw badInput(`The key "${input.key}" is already the key of ${taken.shopDomain}; choose another.`, 'key');
  }
  const box = secretBox(context);
  return inTransaction(context.db, async (tx) => {
    let store: StoreSummary;
    try {
      store = await upsertStore(tx.db, box, {
        key: input.key,
        shopDomain,
        name: input.name.trim(),
        apiVersion: input.apiVersion?.trim() || SHOPIFY_API_VERSION,
        apiBaseUrl: input.apiBaseUrl?.trim() || null,
        accessToken: input.accessToken.trim(),
        webhookSecret: input.webhookSecret.trim(),
      });
    } catch (error) {
      // upsertStore explains a bad key in words; anything else is not the caller's to fix.
      if (error instanceof Error && error.message.includes('the key')) throw badInput(error.message, 'key');
      throw error;
    }
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'store.connect',
      targetType: 'store',
      targetId: store.id,
      storeId: store.id,
      details: {
        key: store.key,
        shopDomain: store.shopDomain,
        name: store.name,
        apiVersion: store.apiVersion,
        accessTokenSet: true,
        webhookSecretSet: true,
      },
      occurredAt: context.now,
    });
    return store;
  });
}

async function testStoreConnection(context: AdminContext, storeId: string): Promise<ConnectionTest> {
  requireRole(context, 'admin');
  const store = await requireStore(context, storeId);
  const client = await storeClient(context, store);
  let result: ConnectionTest;
  try {
    const data = await client.request<{ shop: { name: string; currencyCode: string; plan: { displayName: string } } }>(
      SHOP_QUERY,
    );
    result = {
      ok: true,
      reason: null,
      details: { name: data.shop.name, currencyCode: data.shop.currencyCode, plan: data.shop.plan.displayName },
    };
  } catch (error) {
    result = { ok: false, reason: shopFailureReason(store, error), details: null };
  }
  await recordAuditEvent(context.db, {
    actor: context.actor,
    actorRole: context.role,
    action: 'store.test',
    targetType: 'store',
    targetId: store.id,
    storeId: store.id,
    details: { ok: result.ok, reason: result.reason },
    occurredAt: context.now,
  });
  return result;
}

async function connectToOrg(context: AdminContext, storeId: string, orgId: string): Promise<StoreSummary> {
  requireRole(context, 'admin');
  const store = await requireStore(context, storeId);
  const org = await requireOrg(context, orgId);
  const others = (await orgsOfStore(context.db, store.id)).filter((item) => item.id !== org.id);
  if (others.length > 0) {
    // The worker refuses a store with two orgs (store-context.ts): better said now than at the first sync.
    throw badInput(
      `Store ${store.name} already writes to ${others.map((item) => item.name).join(', ')}; a store writes to one org.`,
      'orgId',
    );
  }
  await inTransaction(context.db, async (tx) => {
    await connectStoreToOrg(tx.db, store.id, org.id);
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'store.connect_org',
      targetType: 'store',
      targetId: store.id,
      storeId: store.id,
      orgId: org.id,
      details: { org: org.name, url: org.url },
      occurredAt: context.now,
    });
  });
  return store;
}

async function registerWebhooks(context: AdminContext, storeId: string, callbackUrl: string) {
  requireRole(context, 'admin');
  const store = await requireStore(context, storeId);
  if (!URL.canParse(callbackUrl) || !['http:', 'https:'].includes(new URL(callbackUrl).protocol)) {
    throw badInput(
      `callbackUrl must be the console's webhook URL, e.g. https://shopverse.example.com/api/webhooks/shopify.`,
      'callbackUrl',
    );
  }
  const client = await storeClient(context, store);
  let report;
  try {
    report = await ensureWebhookSubscriptions(client, callbackUrl);
  } catch (error) {
    throw new GraphQLError(`Registering webhooks of ${store.name} failed: ${shopFailureReason(store, error)}`, {
      extensions: { code: 'SHOPIFY_FAILED' },
    });
  }
  await recordAuditEvent(context.db, {
    actor: context.actor,
    actorRole: context.role,
    action: 'store.register_webhooks',
    targetType: 'store',
    targetId: store.id,
    storeId: store.id,
    details: { callbackUrl, ...report },
    occurredAt: context.now,
  });
  return report;
}

/** Checks, then saves; nothing is saved unless every check passes. */
async function saveSettings(
  context: AdminContext,
  store: StoreSummary,
  raw: unknown,
  action: string,
): Promise<StoreSummary> {
  const shape = validateSettingsShape(raw);
  if (!shape.ok) throw settingsRefusal(store.name, shape.problems);
  for (const org of await orgsOfStore(context.db, store.id)) {
    const problems = await checkSettingsAgainstOrg(shape.settings, await orgClient(context, org), org.publisherPrefix);
    if (problems.length > 0) throw settingsRefusal(store.name, problems);
  }
  const settings = raw as Record<string, unknown>;
  return inTransaction(context.db, async (tx) => {
    const saved = await replaceStoreSettings(tx.db, store.id, settings, context.now);
    if (!saved) throw badInput(`Store ${store.name} was removed meanwhile.`, 'storeId');
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action,
      targetType: 'store',
      targetId: store.id,
      storeId: store.id,
      details: { before: store.settings, after: settings },
      occurredAt: context.now,
    });
    return saved;
  });
}

/** The poll's overlap when a store's settings do not parse: the default, rather than no rewind margin at all. */
const DEFAULT_OVERLAP_SECONDS = storeSettings.parse({}).pipeline.pollOverlapSeconds;

/**
 * Stops a store's sync (issue 11) and keeps everything it made: CRM rows, links, cursors (rewound so nothing its
 * removed jobs would have synced is skipped). A store already disconnected is answered as it is.
 */
async function disconnectStore(context: AdminContext, storeId: string, reason: string | null): Promise<StoreSummary> {
  requireRole(context, 'admin');
  const store = await requireStore(context, storeId);
  if (store.status === 'disconnected') return store;
  const overlapSeconds = effectiveSettings(store)?.pipeline.pollOverlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  const report = await disconnectStoreRows(context.sql, { storeId: store.id, overlapSeconds, now: context.now });
  if (!report) throw badInput(`Store ${store.name} was removed meanwhile.`, 'storeId');
  await recordAuditEvent(context.db, {
    actor: context.actor,
    actorRole: context.role,
    action: 'store.disconnect',
    targetType: 'store',
    targetId: store.id,
    storeId: store.id,
    details: { reason: reason?.trim() || null, statusBefore: store.status, ...report },
    occurredAt: context.now,
  });
  return requireStore(context, store.id);
}

/** Resumes a disconnected store: its connection enabled, its poll queued at once, from its cursors. */
async function reconnectStore(context: AdminContext, storeId: string): Promise<StoreSummary> {
  requireRole(context, 'admin');
  const store = await requireStore(context, storeId);
  const result = await reconnectStoreRows(context.sql, store.id, context.now);
  switch (result.kind) {
    case 'not_found':
      throw badInput(`Store ${store.name} was removed meanwhile.`, 'storeId');
    case 'not_disconnected':
      throw badInput(
        `Store ${store.name} is ${result.status}, not disconnected; there is nothing to reconnect.`,
        'storeId',
      );
    case 'no_connection':
      throw badInput(
        `Store ${store.name} has no org to write to; choose one with connectStoreToOrg, then reconnect it.`,
        'storeId',
      );
    case 'reconnected':
      break;
  }
  await recordAuditEvent(context.db, {
    actor: context.actor,
    actorRole: context.role,
    action: 'store.reconnect',
    targetType: 'store',
    targetId: store.id,
    storeId: store.id,
    details: { orgIds: result.orgIds, deliveriesQueued: result.deliveriesQueued, pollJobId: result.pollJobId },
    occurredAt: context.now,
  });
  return requireStore(context, store.id);
}

function effectiveSettings(store: StoreSummary) {
  const parsed = storeSettings.safeParse(store.settings);
  return parsed.success ? parsed.data : undefined;
}

export const storeResolvers = {
  StoreStatus: { ACTIVE: 'active', PAUSED: 'paused', DISCONNECTED: 'disconnected' },
  Query: {
    stores: (_parent: unknown, _args: unknown, context: GraphQLContext) => listStores(context.db),
    store: (_parent: unknown, args: { id: string }, context: GraphQLContext) => findStore(context.db, args.id),
  },
  Mutation: {
    connectStore: (_parent: unknown, args: { input: ConnectStoreInput }, context: AdminContext) =>
      connectStore(context, args.input),
    testStoreConnection: (_parent: unknown, args: { storeId: string }, context: AdminContext) =>
      testStoreConnection(context, args.storeId),
    connectStoreToOrg: (_parent: unknown, args: { storeId: string; orgId: string }, context: AdminContext) =>
      connectToOrg(context, args.storeId, args.orgId),
    registerWebhooks: (_parent: unknown, args: { storeId: string; callbackUrl: string }, context: AdminContext) =>
      registerWebhooks(context, args.storeId, args.callbackUrl),
    updateStoreSettings: async (
      _parent: unknown,
      args: { storeId: string; settings: unknown },
      context: AdminContext,
    ) => {
      requireRole(context, 'admin');
      return saveSettings(context, await requireStore(context, args.storeId), args.settings, 'store.update_settings');
    },
    disconnectStore: (_parent: unknown, args: { storeId: string; reason?: string | null }, context: AdminContext) =>
      disconnectStore(context, args.storeId, args.reason ?? null),
    reconnectStore: (_parent: unknown, args: { storeId: string }, context: AdminContext) =>
      reconnectStore(context, args.storeId),
    setDryRun: async (_parent: unknown, args: { storeId: string; on: boolean }, context: AdminContext) => {
      requireRole(context, 'admin');
      const store = await requireStore(context, args.storeId);
      const pipeline = (store.settings.pipeline ?? {}) as Record<string, unknown>;
      return saveSettings(
        context,
        store,
        { ...store.settings, pipeline: { ...pipeline, dryRun: args.on } },
        args.on ? 'store.dry_run_on' : 'store.dry_run_off',
      );
    },
  },
  Store: {
    settings: (store: StoreSummary) => effectiveSettings(store) ?? store.settings,
    settingsValid: (store: StoreSummary) => effectiveSettings(store) !== undefined,
    dryRun: (store: StoreSummary) => effectiveSettings(store)?.pipeline.dryRun ?? false,
    orgs: (store: StoreSummary, _args: unknown, context: GraphQLContext): Promise<CrmOrgSummary[]> =>
      orgsOfStore(context.db, store.id),
    lastSyncAt: async (store: StoreSummary, _args: unknown, context: GraphQLContext) =>
      (await storeActivity(context.db, store.id)).lastSyncAt,
    backlog: async (store: StoreSummary, _args: unknown, context: GraphQLContext) =>
      (await storeActivity(context.db, store.id)).backlog,
    webhooks: webhookState,
  },
  Org: {
    stores: (org: CrmOrgSummary, _args: unknown, context: GraphQLContext) => storesOfOrg(context.db, org.id),
  },
};
