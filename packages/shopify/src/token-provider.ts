/** Where the client gets the Admin API token for each request. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/** A merchant's (or custom app's) static Admin API access token. */
export function staticToken(token: string): TokenProvider {
  if (!token) throw new Error('A Shopify access token is empty; paste the Admin API access token of the app.');
  return { getToken: () => Promise.resolve(token) };
}

export interface ClientCredentialsOptions {
  /** `shop.myshopify.com`, or a full base URL (the sandbox). */
  storeDomain: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
  refreshMarginMs?: number;
}

/**
 * The client-credentials grant for apps installed on the merchant's own organisation: `POST /admin/oauth/access_token`
 * with `grant_type=client_credentials` returns a token that expires after 24 hours (`expires_in`). The token is kept
 * and fetched again shortly before it expires; concurrent callers share one refresh.
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  const base = /^https?:\/\//.test(options.storeDomain) ? options.storeDomain : `https://${options.storeDomain}`;
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    const response = await (options.fetch ?? fetch)(`${base}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
      }).toString(),
    });
    if (!response.ok) {
      throw new Error(
        `Shopify ${options.storeDomain} refused the client-credentials grant (HTTP ${response.status}); ` +
          'check the app’s client id and secret and that it is installed on the store.',
      );
    }
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error(`Shopify ${options.storeDomain} answered the grant without a token.`);
    current = { token: body.access_token, expiresAt: now() + (body.expires_in ?? 86_399) * 1000 };
    return body.access_token;
  };

  return {
    getToken() {
      if (current && now() < current.expiresAt - margin) return Promise.resolve(current.token);
      pending ??= refresh().finally(() => (pending = undefined));
      return pending;
    },
  };
}
