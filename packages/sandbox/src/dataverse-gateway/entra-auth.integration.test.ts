import { ConfidentialClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenVerifier } from '../entra/token-verifier';
import { appObjectId, type EntraApp } from '../entra/entra-config';
import { startEntraSimulator, type RunningEntraSimulator } from '../entra/entra-simulator';
import { msalAuthoritySettings } from '../entra/msal-settings';
import { createTokenVerifier } from '../entra/verify-token';
import { startDataverseSimulator, type RunningDataverseSimulator } from './server';
import type { StatsSnapshot } from './stats';
import { FakeOrgCore } from './testing/fake-org-core';
import { EXAMPLE_ACCOUNT_ID } from './testing/start-with-fake';

/**
 * The simulator accepts only tokens issued by the (simulated) Entra ID for its own URL, obtained the way the sync
 * obtains them: @azure/msal-node client credentials with scope `<org>/.default`.
 */

const tenantId = '2f6c1d3e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
let entra: RunningEntraSimulator;
let dataverse: RunningDataverseSimulator;

function app(clientId: string, resources: string[]): EntraApp {
  return { clientId, clientSecret: `secret-${clientId}`, displayName: clientId, resources };
}

async function tokenFor(entraApp: EntraApp, resource: string): Promise<string> {
  const auth = await msalAuthoritySettings(entra.authority(tenantId));
  const client = new ConfidentialClientApplication({
    auth: { clientId: entraApp.clientId, clientSecret: entraApp.clientSecret, ...auth },
  });
  const result = await client.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
  return result?.accessToken ?? '';
}

let syncApp: EntraApp;
let shopApp: EntraApp;

beforeAll(async () => {
  // The verifier needs Entra, whose app registrations need the Dataverse URL: the gateway calls through this.
  const verifier: { current?: TokenVerifier } = {};
  dataverse = await startDataverseSimulator({
    orgs: (url) => {
      const org = new FakeOrgCore(url);
      org.rows.get('accounts')?.set(EXAMPLE_ACCOUNT_ID, { accountid: EXAMPLE_ACCOUNT_ID, name: 'A' });
      return org;
    },
    verifyToken: (token, audience) =>
      verifier.current ? verifier.current(token, audience) : Promise.resolve({ ok: false, reason: 'no Entra yet' }),
  });
  syncApp = app('4a1e2b3c-5d6f-4a8b-9c0d-1e2f3a4b5c6d', [dataverse.url]);
  shopApp = app('7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', ['http://127.0.0.1:4001']);
  entra = await startEntraSimulator({ tenants: [{ tenantId, apps: [syncApp, shopApp], users: [] }] });
  verifier.current = createTokenVerifier({ simulator: entra });
});

afterAll(async () => {
  await dataverse.close();
  await entra.close();
});

describe('Entra tokens at the Dataverse gateway', () => {
  it('accepts a client-credentials token for its own URL and counts the caller by its service principal', async () => {
    // Setup
    const token = await tokenFor(syncApp, dataverse.url);

    // Action
    const response = await fetch(`${dataverse.apiUrl}accounts(${EXAMPLE_ACCOUNT_ID})`, {
      headers: { Authorization: `Bearer ${token}` },
    });

    // Assertions
    expect(response.status).toBe(200);
    const stats = (await (await fetch(`${dataverse.url}/_sim/stats`)).json()) as StatsSnapshot;
    expect(Object.keys(stats.subjects)).toEqual([appObjectId(tenantId, syncApp)]);
  });

  it('refuses a token Entra issued for another resource, and a token it did not issue', async () => {
    // Setup
    const otherAudience = await tokenFor(shopApp, 'http://127.0.0.1:4001');
    const forged = `${(await tokenFor(syncApp, dataverse.url)).slice(0, -8)}AAAAAAAA`;

    // Action
    const responses = await Promise.all(
      [otherAudience, forged].map((token) =>
        fetch(`${dataverse.apiUrl}accounts(${EXAMPLE_ACCOUNT_ID})`, { headers: { Authorization: `Bearer ${token}` } }),
      ),
    );

    // Assertions
    expect(responses.map((response) => response.status)).toEqual([401, 401]);
    expect(responses[0]?.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=\S+, resource_id=/);
    const stats = (await (await fetch(`${dataverse.url}/_sim/stats`)).json()) as StatsSnapshot;
    // The two requests ran at once: the failures are recorded in whichever order they arrived.
    expect([...stats.recentAuthFailures].sort()).toEqual([
      'the token is not for this audience',
      'the token signature is invalid',
    ]);
  });
});
