/**
 * The simulator's HTTP surface: `POST /admin/api/{version}/graphql.json` (shop chosen by path prefix
 * `/shops/{domain}`, by Host, or by its access token), Shopify's 401 body for a missing or wrong
 * X-Shopify-Access-Token, and `GET /bulk/{domain}/{id}.jsonl` for bulk results (unauthenticated, as Shopify's signed
 * storage URLs are).
 */
import { randomUUID } from 'node:crypto';
import { json, type SimHandler, type SimResponse } from '../http/types';
import type { ShopSimulator } from './shop-simulator';

const GRAPHQL_PATH = /^(?:\/shops\/([^/]+))?\/admin\/api\/([^/]+)\/graphql\.json$/;
const BULK_PATH = /^\/bulk\/([^/]+)\/(\d+)\.jsonl$/;

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

/** The SimHandler serving every simulated shop and the bulk result files. */
export function createHandler(shops: Map<string, ShopSimulator>, bulkFiles: Map<string, string>): SimHandler {
  return async (request): Promise<SimResponse> => {
    const bulk = BULK_PATH.exec(request.path);
    if (bulk && request.method === 'GET') {
      const text = bulkFiles.get(`${decodeURIComponent(bulk[1] ?? '')}/${bulk[2] ?? ''}`);
      if (text === undefined) return json(404, { errors: 'Not Found' });
      return { status: 200, headers: { 'Content-Type': 'application/jsonl' }, body: text };
    }
    const match = GRAPHQL_PATH.exec(request.path);
    if (!match) return json(404, { errors: 'Not Found' });
    const token = request.headers['x-shopify-access-token'];
    const shop = pickShop(shops, match[1], request.headers.host, token);
    if (shop === 'unknown') return json(404, { errors: 'Not Found' });
    if (!shop || !token || token !== shop.config.accessToken) return json(401, INVALID_TOKEN_BODY);
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
