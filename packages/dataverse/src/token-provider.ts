import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';

/** Where the client gets a bearer token for each request. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

export interface ClientCredentialsOptions {
  /** e.g. https://login.microsoftonline.com/<tenant id>, or the sandbox's Entra simulator (http://127.0.0.1:4003/<tenant>). */
  authority: string;
  clientId: string;
  clientSecret: string;
  /** The org URL, e.g. https://contoso.crm.dynamics.com; the scope is `<orgUrl>/.default`. */
  orgUrl: string;
  /** Extra MSAL settings. */
  msal?: Partial<Configuration['auth']>;
  fetch?: typeof fetch;
}

/**
 * MSAL's `auth` settings for an authority. A Microsoft (https) authority needs nothing more. An `http://` one (the
 * sandbox's Entra simulator) is refused by msal-node before any request (`authority_uri_insecure`), yet MSAL does call
 * plain-http endpoints that the authority metadata names; so the authority is given as https (never contacted), its
 * host as a known authority, and its discovery document, fetched here, as the metadata.
 */
export async function msalAuthority(
  authority: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Partial<Configuration['auth']>> {
  const base = authority.replace(/\/+$/, '');
  if (!base.startsWith('http://')) return { authority: base };
  const response = await fetchImpl(`${base}/v2.0/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The authority ${base} answered its discovery request with ${response.status}.`);
  const url = new URL(base);
  return {
    authority: `https://${url.host}${url.pathname}`,
    knownAuthorities: [url.host],
    authorityMetadata: await response.text(),
  };
}

/**
 * The client-credentials grant through `@azure/msal-node` (DATAVERSE.md, "Auth and client"). MSAL keeps the token in
 * its cache and fetches a new one shortly before it expires, so each request simply asks again.
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): TokenProvider {
  const scopes = [`${options.orgUrl.replace(/\/$/, '')}/.default`];
  let app: Promise<ConfidentialClientApplication> | undefined;
  const build = async () =>
    new ConfidentialClientApplication({
      auth: {
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        ...(await msalAuthority(options.authority, options.fetch)),
        ...options.msal,
      },
    });
  return {
    async getToken() {
      app ??= build();
      app.catch(() => (app = undefined));
      const result = await (await app).acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) {
        throw new Error(`Entra ID gave no token for ${scopes[0]}; check the app registration and its secret.`);
      }
      return result.accessToken;
    },
  };
}
