import { ConfidentialClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  EXAMPLE_ACCOUNT_ID,
  FAKE_ORG_URL,
  startWithFake,
  type FakeSimulator,
} from '../dataverse-gateway/testing/start-with-fake';
import type { EntraApp } from './entra-config';
import { startEntraSimulator, type RunningEntraSimulator } from './entra-simulator';
import { msalAuthoritySettings } from './msal-settings';
import { createTokenVerifier } from './verify-token';

/**
 * The acceptance path of the issue: @azure/msal-node gets a token from the Entra simulator and the Dataverse
 * simulator (its gateway, over a fake org) accepts it; a token for another audience or an expired one gets 401.
 */
const tenantId = 'c2a4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f';
const otherResource = 'https://other.crm.dynamics.com';
const syncApp: EntraApp = {
  clientId: '7e1d3c5b-9a2f-4b6d-8e0c-1f3a5b7d9c2e',
  clientSecret: 'sync-secret',
  displayName: 'Shopverse sync',
  resources: [FAKE_ORG_URL, otherResource],
};
const accountPath = `/api/data/v9.2/accounts(${EXAMPLE_ACCOUNT_ID})`;

describe('a Dataverse simulator that trusts the Entra simulator', () => {
  let entra: RunningEntraSimulator;
  let dataverse: FakeSimulator;
  let client: ConfidentialClientApplication;
  // The gateway's verifier reads this clock, so a test can step past a token's expiry without waiting.
  let clockOffsetMs = 0;

  beforeAll(async () => {
    entra = await startEntraSimulator({ tenants: [{ tenantId, apps: [syncApp], users: [] }] });
    dataverse = await startWithFake({
      verifyToken: createTokenVerifier({ simulator: entra, now: () => new Date(Date.now() + clockOffsetMs) }),
      authorizationUri: `${entra.authority(tenantId)}/oauth2/authorize`,
    });
    const auth = await msalAuthoritySettings(entra.authority(tenantId));
    client = new ConfidentialClientApplication({
      auth: { clientId: syncApp.clientId, clientSecret: syncApp.clientSecret, ...auth },
    });
  });
  afterAll(async () => {
    await dataverse.sim.close();
    await entra.close();
  });

  async function read(token: string): Promise<Response> {
    return fetch(`${dataverse.sim.url}${accountPath}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
  }

  test('accepts the org token, refuses another audience and, an hour later, the expired token', async () => {
    // Setup
    const forOrg = await client.acquireTokenByClientCredential({ scopes: [`${FAKE_ORG_URL}/.default`] });
    const forOther = await client.acquireTokenByClientCredential({ scopes: [`${otherResource}/.default`] });

    // Action
    const accepted = await read(forOrg?.accessToken ?? '');
    const wrongAudience = await read(forOther?.accessToken ?? '');
    clockOffsetMs = 3599_000 + 301_000;
    const expired = await read(forOrg?.accessToken ?? '');
    clockOffsetMs = 0;

    // Assertions
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accountid: EXAMPLE_ACCOUNT_ID });
    expect(wrongAudience.status).toBe(401);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe(
      `Bearer authorization_uri=${entra.authority(tenantId)}/oauth2/authorize, resource_id=${FAKE_ORG_URL}/`,
    );
    const stats = (await (await fetch(`${dataverse.sim.url}/_sim/stats`)).json()) as { recentAuthFailures: string[] };
    expect(stats.recentAuthFailures.slice(-2)).toEqual(['the token is not for this audience', 'the token is expired']);
  });
});
