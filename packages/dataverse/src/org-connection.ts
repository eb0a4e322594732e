import { DataverseClient, type DataverseClientOptions } from './client';
import { clientCredentialsToken } from './token-provider';

/** An org as saved (crm_orgs), as far as reaching it goes. */
export interface OrgConnection {
  url: string;
  tenantId: string;
  clientId: string;
  /** Sovereign clouds and the sandbox; null means Microsoft's public cloud. */
  authorityUrl: string | null;
}

/** Where the org's app gets its tokens: its own authority, or Microsoft's public cloud for its tenant. */
export function orgAuthority(org: Pick<OrgConnection, 'authorityUrl' | 'tenantId'>): string {
  return org.authorityUrl ?? `https://login.microsoftonline.com/${org.tenantId}`;
}

/**
 * A client of a saved org with the client-credentials grant: one way for the worker, the console and the start
 * command to reach an org, so none of them gets the authority or the scope differently.
 */
export function clientForOrg(
  org: OrgConnection,
  clientSecret: string,
  options: Omit<DataverseClientOptions, 'orgUrl' | 'tokens'> = {},
): DataverseClient {
  return new DataverseClient({
    ...options,
    orgUrl: org.url,
    tokens: clientCredentialsToken({
      authority: orgAuthority(org),
      clientId: org.clientId,
      clientSecret,
      orgUrl: org.url,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  });
}
