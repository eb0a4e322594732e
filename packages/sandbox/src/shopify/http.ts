/**
 * The simulator's HTTP surface: `POST /admin/api/{version}/graphql.json` (shop chosen by path prefix
 * `/shops/{domain}`, by Host, or by its access token), Shopify's 401 body for a missing or wrong
 * X-Shopify-Access-Token, `GET /bulk/{domain}/{id}.jsonl` for bulk results (unauthenticated, as Shopify's signed
 * storage URLs are), and `POST /admin/oauth/access_token` for the client-credentials grant of apps a merchant
 * develops for their own store: a token that expires after 24 hours (`expires_in: 86399`). `GET|POST /_sim/webhooks`
 * reads and sets each shop's webhook delivery faults (webhook-control.ts); `POST /_sim/privacy` sends a compliance
 * webhook and `/_sim/privacy/config` sets where they go (privacy-control.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { json, type SimHandler, type SimResponse } from '../http/types';
import type { ShopSimulator } from './shop-simulator';
import { handlePrivacyControl, PRIVACY_CONFIG_PATH, PRIVACY_CONTROL_PATH } from './privacy-control';
import { handleWebhookControl, WEBHOOK_CONTROL_PATH, type WebhookControls } from './webhook-control';

const GRAPHQL_PATH = /^(?:\/shops\/([^/]+))?\/admin\/api\/([^/]+)\/graphql\.json$/;
const BULK_PATH = /^\/bulk\/([^/]+)\/(\d+)\.jsonl$/;
const TOKEN_PATH = /^(?:\/shops\/([^/]+))?\/admin\/oauth\/access_token$/;
/** Lifetime of a client-credentials token, in seconds, as Shopify states it. */
const GRANT_TTL_SECONDS = 86_399;

/** Shopify's answer to a request without a valid token. */
export const INVALID_TOKEN_BODY = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};

function pickShop(
  shops: Map<string, ShopSimulator>,
  pathDomain: string | undefined,
  host: string | undefined,
  token: string | undefined,
): ShopSimulator | 'unknown' | undefined {
  if (pathDomain) return shops.get(decodeURIComponent(pathDomain)) ?? 'unknown';
  const hostName = host?.replace(/:\d+$/, '');
  if (hostName && shops.has(hostName)) return shops.get(hostName);
  return [...shops.values()].find((s) => s.config.accessToken === token);
}

function formOrJson(body: string): Record<string, string> {
  try {
    return JSON.parse(body) as Record<string, string>;
  } catch {
    return Object.fromEntries(new URLSearchParams(body));
  }
}

/** The SimHandler serving every simulated shop and the bulk result files. */
export function createHandler(
  shops: Map<string, ShopSimulator>,
  bulkFiles: Map<string, string>,
  now: () => Date = () => new Date(),
  webhooks: WebhookControls = new Map(),
): SimHandler {
  /** Tokens issued by the client-credentials grant: the shop they open and when they lapse. */
  const granted = new Map<string, { shop: ShopSimulator; expiresAt: number }>();
  const grant = (request: Parameters<SimHandler>[0], pathDomain: string | undefined): SimResponse => {
    const params = formOrJson(request.body);
    const shop = pickShop(shops, pathDomain, request.headers.host, undefined);
    if (!shop || shop === 'unknown') return json(404, { errors: 'Not Found' });
    if (params.grant_type !== 'client_credentials') {
      return json(400, { error: 'unsupported_grant_type', error_description: 'The grant type is not supported.' });
    }
    const app = shop.config.app;
    if (!app || params.client_id !== app.clientId || params.client_secret !== app.clientSecret) {
      return json(400, { error: 'invalid_client', error_description: 'Client authentication failed.' });
    }
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    granted.set(token, { shop, expiresAt: now().getTime() + GRANT_TTL_SECONDS * 1000 });
    return json(200, { access_token: token, scope: app.scopes.join(','), expires_in: GRANT_TTL_SECONDS });
  };
  const opens = (shop: ShopSimulator, token: string | undefined): boolean => {
    if (!token) return false;
    if (token === shop.config.accessToken) return true;
    const issued = granted.get(token);
    return issued?.shop === shop && issued.expiresAt > now().getTime();
  };

  return async (request): Promise<SimResponse> => {
    if (request.path === WEBHOOK_CONTROL_PATH) return handleWebhookControl(request, webhooks);
    if (request.path === PRIVACY_CONTROL_PATH || request.path === PRIVACY_CONFIG_PATH) {
      return handlePrivacyControl(request, shops, webhooks);
    }
    const oauth = TOKEN_PATH.exec(request.path);
    if (oauth && request.method === 'POST') return grant(request, oauth[1]);
    const bulk = BULK_PATH.exec(request.path);
    if (bulk && request.method === 'GET') {
      const text = bulkFiles.get(`${decodeURIComponent(bulk[1] ?? '')}/${bulk[2] ?? ''}`);
      if (text === undefined) return json(404, { errors: 'Not Found' });
      return { status: 200, headers: { 'Content-Type': 'application/jsonl' }, body: text };
    }
    const match = GRAPHQL_PATH.exec(request.path);
    if (!match) return json(404, { errors: 'Not Found' });
    const token = request.headers['x-shopify-access-token'];
    const shop =
      pickShop(shops, match[1], request.headers.host, token) ?? (token ? granted.get(token)?.shop : undefined);
    if (shop === 'unknown') return json(404, { errors: 'Not Found' });
    if (!shop || !opens(shop, token)) return json(401, INVALID_TOKEN_BODY);
    if (request.method !== 'POST') return json(405, { errors: 'Method Not Allowed' });
    // X-GraphQL-Cost-Include-Fields: true asks for the per-field cost breakdown (SHOPIFY.md).
    const result = await shop.graphql(request.body, {
      includeCostFields: request.headers['x-graphql-cost-include-fields']?.toLowerCase() === 'true',
    });
    return json(result.status, result.body, {
      'X-Request-Id': randomUUID(),
      'X-Shopify-API-Version': shop.apiVersion,
    });
  };
}
