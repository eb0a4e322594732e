import { ShopifyClient, type ShopifyClientOptions } from './client';
import { rebasedFetch } from './rebased-fetch';
import { staticToken } from './token-provider';

/** A store as saved (stores), as far as reaching it goes. */
export interface StoreConnection {
  shopDomain: string;
  apiVersion: string;
  /** Where a simulated shop (the sandbox) is served; null for a real shop, reached at https://<shop domain>. */
  apiBaseUrl: string | null;
}

/**
 * A client of a saved store with its Admin API token: one way for the worker, the console and the start command to
 * reach a shop, so the sandbox's base URL is honoured everywhere alike.
 */
export function clientForStore(
  store: StoreConnection,
  accessToken: string,
  options: Omit<ShopifyClientOptions, 'storeDomain' | 'tokens' | 'apiVersion'> = {},
): ShopifyClient {
  return new ShopifyClient({
    ...options,
    storeDomain: store.shopDomain,
    apiVersion: store.apiVersion,
    tokens: staticToken(accessToken),
    ...(store.apiBaseUrl ? { fetch: rebasedFetch(store.apiBaseUrl, options.fetch) } : {}),
  });
}
