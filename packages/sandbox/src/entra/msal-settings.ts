/** The `auth` settings @azure/msal-node needs to use the simulator as its authority. */
export interface MsalAuthoritySettings {
  authority: string;
  knownAuthorities: string[];
  authorityMetadata: string;
}

/**
 * MSAL settings for an `http://` authority such as the simulator's. msal-node 3.8 (msal-common 15) refuses any
 * authority that is not https (`UrlString.validateAsUri`, error `authority_uri_insecure`) before making a request,
 * yet its HTTP client does speak plain http to whatever endpoints the metadata names (lib
 * msal-node/dist/network/HttpClient.mjs: "managed identity sources use http instead of https"). So: the authority is
 * given with `https:` and never contacted, `knownAuthorities` skips instance discovery, and `authorityMetadata` (the
 * tenant's discovery document, fetched here over http) supplies the real http token endpoint.
 * A real `https://login.microsoftonline.com/<tenant>` authority needs none of this.
 */
export async function msalAuthoritySettings(authority: string): Promise<MsalAuthoritySettings> {
  const base = authority.replace(/\/+$/, '');
  const response = await fetch(`${base}/v2.0/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery of ${base} answered ${response.status}: ${await response.text()}`);
  const url = new URL(base);
  return {
    authority: `https://${url.host}${url.pathname}`,
    knownAuthorities: [url.host],
    authorityMetadata: await response.text(),
  };
}
