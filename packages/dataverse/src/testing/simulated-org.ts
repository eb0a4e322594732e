import {
  createDataverseOrg,
  createTokenVerifier,
  startDataverseSimulator,
  startEntraSimulator,
} from '@shopverse/sandbox';
import type { ServiceProtectionLimits } from '@shopverse/sandbox';
import { DataverseClient, type DataverseClientEvent } from '../client';
import type { CoalesceOptions } from '../coalescer';
import { clientCredentialsToken } from '../token-provider';

const TENANT = '3f0c6a8e-1d2b-4c5e-9f7a-0b1c2d3e4f50';
const APP = {
  clientId: '7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5',
  clientSecret: 'sync-secret',
  displayName: 'Shopverse sync',
};

/** Entra, a Dataverse org behind its gateway (accepting only Entra's tokens for itself), and a client of ours. */
export async function simulatedOrg(
  options: { keyActivationMs?: number; limits?: Partial<ServiceProtectionLimits>; coalesce?: CoalesceOptions } = {},
) {
  const entra = await startEntraSimulator({ tenants: [{ tenantId: TENANT, apps: [APP], users: [] }] });
  const dataverse = await startDataverseSimulator({
    orgs: (url) => createDataverseOrg({ name: url, keyActivationMs: options.keyActivationMs ?? 0 }),
    verifyToken: createTokenVerifier({ simulator: entra }),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  entra.grantResource(TENANT, APP.clientId, dataverse.url);
  const events: DataverseClientEvent[] = [];
  /** When each event happened (ms), index for index. */
  const times: number[] = [];
  const client = new DataverseClient({
    orgUrl: dataverse.url,
    tokens: clientCredentialsToken({ authority: entra.authority(TENANT), ...APP, orgUrl: dataverse.url }),
    onEvent: (event) => {
      events.push(event);
      times.push(Date.now());
    },
    ...(options.coalesce ? { coalesce: options.coalesce } : {}),
  });
  return {
    entra,
    dataverse,
    client,
    events,
    times,
    close: async () => {
      await dataverse.close();
      await entra.close();
    },
  };
}
