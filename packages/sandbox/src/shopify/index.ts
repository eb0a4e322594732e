/**
 * The simulated Shopify store: Shopify's published Admin GraphQL schema served over HTTP for one or more shops.
 *
 * How clients reach a shop. `POST http://127.0.0.1:<port>/admin/api/2025-01/graphql.json` picks the shop by its
 * access token (each shop has its own), so the plain Admin URL works for every shop; `/shops/<domain>/admin/api/…`
 * names the shop in the path as well. `@shopify/admin-api-client` builds `https://<storeDomain>/admin/api/…` from
 * the origin of `storeDomain` only (it drops any path and forces https), so point it at the simulator with
 * `customFetchApi: simulatorFetch(url)`, which rewrites that URL to `<url>/shops/<domain>/admin/api/…` and leaves
 * the client itself unmodified.
 *
 * Bulk operation results are served at `<publicBaseUrl or the server's URL>/bulk/<domain>/<id>.jsonl`.
 */
import { serve } from '../http/server';
import type { SimHandler } from '../http/types';
import { createHandler } from './http';
import { ShopSimulator } from './shop-simulator';
import type { ShopConfig } from './store';
import type { WebhookControls } from './webhook-control';

export type { ShopChange, ShopHandle, ShopTopic } from './shop-handle';
export type { ShopConfig, ShopPlan } from './store';
export { PLAN_LIMITS } from './store';
export { ShopSimulator } from './shop-simulator';
export type { OrderCreateInput } from './mutations/order-create';
export { INVALID_TOKEN_BODY } from './http';
export { ADMIN_API_VERSION } from './schema';
export type { WebhookControl, WebhookControls } from './webhook-control';

/** Options of the simulator. */
export interface ShopifySimulatorOptions {
  shops: ShopConfig[];
  /** The clock (injectable, so cost buckets and timestamps can be driven by a test). */
  now?: () => Date;
  /** Base URL of bulk result files; by default the URL the server listens on. */
  publicBaseUrl?: string;
}

/** A simulator not yet bound to a port. */
export interface ShopifySimulator {
  handler: SimHandler;
  shops: Map<string, ShopSimulator>;
  /** Webhook dispatchers by shop domain, for `/_sim/webhooks`: whoever starts a dispatcher registers it here. */
  webhooks: WebhookControls;
  /** Sets the base URL of bulk result files (startShopifySimulator does it with the server's URL). */
  setPublicBaseUrl(url: string): void;
}

/** Builds the shops and their HTTP handler, without listening on a port. */
export function createShopifySimulator(options: ShopifySimulatorOptions): ShopifySimulator {
  const clock = options.now ?? (() => new Date());
  let baseUrl = options.publicBaseUrl ?? 'http://127.0.0.1';
  const bulkFiles = new Map<string, string>();
  const publish = (domain: string, id: number, jsonl: string): string => {
    bulkFiles.set(`${domain}/${id}`, jsonl);
    return `${baseUrl}/bulk/${encodeURIComponent(domain)}/${id}.jsonl`;
  };
  const shops = new Map<string, ShopSimulator>();
  options.shops.forEach((config, index) => {
    // Distinct id ranges per shop unless the config says otherwise, 13 digits like Shopify's, below 2^53.
    const idBase = config.idBase ?? 5_000_000_000_000 + index * 100_000_000_000;
    shops.set(config.domain, new ShopSimulator(config, clock, idBase, publish));
  });
  const webhooks: WebhookControls = new Map();
  return {
    handler: createHandler(shops, bulkFiles, clock, webhooks),
    shops,
    webhooks,
    setPublicBaseUrl: (url) => {
      baseUrl = url.replace(/\/$/, '');
    },
  };
}

/** A simulator serving HTTP. */
export interface RunningShopifySimulator extends ShopifySimulator {
  url: string;
  port: number;
  /** The Admin GraphQL URL of a shop, e.g. `http://127.0.0.1:4001/shops/demo-us.myshopify.com/admin/api/2025-01/graphql.json`. */
  adminUrl(domain: string): string;
  close(): Promise<void>;
}

export async function startShopifySimulator(
  options: ShopifySimulatorOptions & { port?: number },
): Promise<RunningShopifySimulator> {
  const simulator = createShopifySimulator(options);
  const server = await serve(simulator.handler, { port: options.port });
  if (!options.publicBaseUrl) simulator.setPublicBaseUrl(server.url);
  return {
    ...simulator,
    url: server.url,
    port: server.port,
    adminUrl: (domain) => `${server.url}/shops/${domain}/admin/api/2025-01/graphql.json`,
    close: () => server.close(),
  };
}

/**
 * A `fetch` for @shopify/admin-api-client's `customFetchApi`: sends `https://<shop>/admin/api/…` to
 * `<simulatorUrl>/shops/<shop>/admin/api/…`.
 */
export function simulatorFetch(simulatorUrl: string): (url: string, init?: RequestInit) => Promise<Response> {
  const base = simulatorUrl.replace(/\/$/, '');
  return (url, init) => {
    const parsed = new URL(url);
    return fetch(`${base}/shops/${parsed.host}${parsed.pathname}${parsed.search}`, init);
  };
}
