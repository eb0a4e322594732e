import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';

/** Where the client gets a bearer token for each request. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

export interface ClientCredentialsOptions {
  /** e.g. https://login.microsoftonline.com/<tenant id>, or the sandbox's Entra simulator. */
  authority: string;
  clientId: string;
  clientSecret: string;
  /** The org URL, e.g. https://contoso.crm.dynamics.com; the scope is `<orgUrl>/.default`. */
  orgUrl: string;
  /** Extra MSAL settings (e.g. `knownAuthorities` for a non-Microsoft authority such as the sandbox). */
  msal?: Partial<Configuration['auth']>;
}

/**
 * The client-credentials grant through `@azure/msal-node` (DATAVERSE.md, "Auth and client"). MSAL keeps the token in
 * its cache and fetches a new one shortly before it expires, so each request simply asks again.
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): TokenProvider {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: options.authority,
      ...options.msal,
    },
  });
  const scopes = [`${options.orgUrl.replace(/\/$/, '')}/.default`];
  return {
    async getToken() {
      const result = await app.acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) {
        throw new Error(`Entra ID gave no token for ${scopes[0]}; check the app registration and its secret.`);
      }
      return result.accessToken;
    },
  };
}
