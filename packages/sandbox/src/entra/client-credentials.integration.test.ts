import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appObjectId, type EntraApp, type EntraSimulatorOptions } from './entra-config';
import { createEntraSimulator, startEntraSimulator, type RunningEntraSimulator } from './entra-simulator';
import { msalAuthoritySettings } from './msal-settings';
import { createTokenVerifier } from './verify-token';

const tenantId = '5b9e7f0a-2c41-4d8e-9a57-3f1c0b6d2e84';
const dataverse = 'http://127.0.0.1:4002';
const syncApp: EntraApp = {
  clientId: '0c6e3f4a-8b1d-4f27-a9c5-7d2e1b3a6f90',
  clientSecret: 'sandbox-secret-value',
  displayName: 'Shopverse sync',
  appRoles: ['Dataverse.ReadWrite'],
  resources: [dataverse],
};
const options: EntraSimulatorOptions = { tenants: [{ tenantId, apps: [syncApp], users: [] }] };

function msalClient(auth: Awaited<ReturnType<typeof msalAuthoritySettings>>, clientSecret = syncApp.clientSecret) {
  return new ConfidentialClientApplication({ auth: { clientId: syncApp.clientId, clientSecret, ...auth } });
}

describe('client credentials through @azure/msal-node', () => {
  let simulator: RunningEntraSimulator;
  let auth: Awaited<ReturnType<typeof msalAuthoritySettings>>;

  beforeAll(async () => {
    simulator = await startEntraSimulator(options);
    auth = await msalAuthoritySettings(simulator.authority(tenantId));
  });
  afterAll(() => simulator.close());

  test('gives a token that the verifier accepts for its audience only, and refuses once expired', async () => {
    // Setup
    const verify = createTokenVerifier({ simulator });
    const oneHourLater = createTokenVerifier({ simulator, now: () => new Date(Date.now() + 3600_000 + 301_000) });

    // Action
    const result = await msalClient(auth).acquireTokenByClientCredential({ scopes: [`${dataverse}/.default`] });
    const token = result?.accessToken ?? '';
    const forDataverse = await verify(token, dataverse);
    const forAnother = await verify(token, 'http://127.0.0.1:4001');
    const expired = await oneHourLater(token, dataverse);

    // Assertions
    expect(forDataverse).toMatchObject({
      ok: true,
      subject: appObjectId(tenantId, syncApp),
      claims: { aud: dataverse },
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      aud: dataverse,
      iss: simulator.issuer(tenantId),
      tid: tenantId,
      azp: syncApp.clientId,
      appid: syncApp.clientId,
      oid: appObjectId(tenantId, syncApp),
      sub: appObjectId(tenantId, syncApp),
      roles: ['Dataverse.ReadWrite'],
      idtyp: 'app',
      ver: '2.0',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3599);
    expect(claims.nbf).toBe(claims.iat);
    expect(forAnother).toEqual({ ok: false, reason: 'the token is not for this audience' });
    expect(expired).toEqual({ ok: false, reason: 'the token is expired' });
  });

  test('the verifier also finds the keys over HTTP from the issuer alone', async () => {
    // Setup
    const verify = createTokenVerifier({ issuers: [simulator.issuer(tenantId)] });
    const result = await msalClient(auth).acquireTokenByClientCredential({ scopes: [`${dataverse}/.default`] });

    // Action
    const check = await verify(result?.accessToken ?? '', `${dataverse}/`);

    // Assertions
    expect(check.ok).toBe(true);
  });

  test('a wrong secret is refused with AADSTS7000215, as Entra does', async () => {
    // Setup
    const client = msalClient(auth, 'not-the-secret');

    // Action
    const failure = await client.acquireTokenByClientCredential({ scopes: [`${dataverse}/.default`] }).then(
      () => undefined,
      (error: unknown) => error as { errorCode?: string; errorMessage?: string },
    );
    const raw = await fetch(`${simulator.authority(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': 'corr-1' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: syncApp.clientId,
        client_secret: 'not-the-secret',
        scope: `${dataverse}/.default`,
      }),
    });
    const body = (await raw.json()) as Record<string, unknown>;

    // Assertions
    expect(failure?.errorCode).toBe('invalid_client');
    expect(failure?.errorMessage).toContain('AADSTS7000215');
    expect(raw.status).toBe(401);
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215], correlation_id: 'corr-1' });
    expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  test('the secret may also come as HTTP Basic, as Entra accepts both', async () => {
    // Setup
    const credentials = Buffer.from(`${syncApp.clientId}:${syncApp.clientSecret}`).toString('base64');

    // Action
    const response = await fetch(`${simulator.authority(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${credentials}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: `${dataverse}/.default` }),
    });
    const body = (await response.json()) as Record<string, unknown>;

    // Assertions
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(decodeJwt(String(body.access_token)).azp).toBe(syncApp.clientId);
  });

  test('a resource the app may not use is refused with AADSTS500011', async () => {
    // Setup
    const client = msalClient(auth);

    // Action
    const failure = await client.acquireTokenByClientCredential({ scopes: ['http://127.0.0.1:4999/.default'] }).then(
      () => undefined,
      (error: unknown) => error as { errorCode?: string; errorMessage?: string },
    );

    // Assertions
    expect(failure?.errorCode).toBe('invalid_resource');
    expect(failure?.errorMessage).toContain(
      `AADSTS500011: The resource principal named http://127.0.0.1:4999 was not found in the tenant named ${tenantId}.`,
    );
  });

  test('a resource granted after start can be asked for from then on', async () => {
    // Setup
    const later = 'http://127.0.0.1:4777';
    const client = msalClient(auth);
    const before = await client.acquireTokenByClientCredential({ scopes: [`${later}/.default`] }).then(
      () => 'issued',
      (error: unknown) => (error as { errorCode?: string }).errorCode,
    );

    // Action
    simulator.grantResource(tenantId, syncApp.clientId, later);
    const after = await client.acquireTokenByClientCredential({ scopes: [`${later}/.default`] });

    // Assertions
    expect(before).toBe('invalid_resource');
    expect(decodeJwt(after?.accessToken ?? '').aud).toBe(later);
    expect(syncApp.resources).toEqual([dataverse]);
  });

  test('an unknown tenant is refused with AADSTS90002', async () => {
    // Action
    const response = await fetch(
      `${simulator.url}/00000000-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration`,
    );

    // Assertions
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });
});

describe('tokens the simulator did not issue, or issued in the past', () => {
  test('a token signed with other keys under the same issuer is refused', async () => {
    // Setup: an impostor with its own keys claims the real simulator's issuer.
    const simulator = await startEntraSimulator(options);
    const impostor = await createEntraSimulator({ ...options, issuerBase: simulator.url });
    const server = createServer(impostor.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const impostorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await fetch(`${impostorUrl}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: syncApp.clientId,
        client_secret: syncApp.clientSecret,
        scope: `${dataverse}/.default`,
      }),
    });
    const { access_token: forged } = (await response.json()) as { access_token: string };

    // Action
    const check = await createTokenVerifier({ simulator })(forged, dataverse);

    // Assertions
    expect(decodeJwt(forged).iss).toBe(simulator.issuer(tenantId));
    expect(check).toEqual({ ok: false, reason: 'the token signature is invalid' });
    server.closeAllConnections();
    server.close();
    await simulator.close();
  });

  test('with a clock two hours back and a short lifetime, tokens are born expired for the real clock', async () => {
    // Setup
    const simulator = await startEntraSimulator({
      ...options,
      now: () => new Date(Date.now() - 2 * 3600_000),
      accessTokenTtlSeconds: 600,
    });
    const auth = await msalAuthoritySettings(simulator.authority(tenantId));

    // Action
    const result = await msalClient(auth).acquireTokenByClientCredential({ scopes: [`${dataverse}/.default`] });
    const check = await createTokenVerifier({ simulator })(result?.accessToken ?? '', dataverse);

    // Assertions
    const claims = decodeJwt(result?.accessToken ?? '');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(600);
    expect(check).toEqual({ ok: false, reason: 'the token is expired' });
    await simulator.close();
  });
});
