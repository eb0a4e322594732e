import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { userObjectId, type EntraApp, type EntraUser } from './entra-config';
import { startEntraSimulator, type RunningEntraSimulator } from './entra-simulator';
import { createTokenVerifier } from './verify-token';

const tenantId = '9d3c1a7e-4b6f-4e21-8c0d-5a2f7b9e1c34';
const redirectUri = 'http://127.0.0.1:3000/api/auth/callback/azure-ad';
const consoleApp: EntraApp = {
  clientId: '3f8a2b6c-1d4e-4a9f-b7c2-8e5d0f1a2b3c',
  clientSecret: 'console-secret',
  displayName: 'Shopverse console',
  redirectUris: [redirectUri],
  resources: ['http://127.0.0.1:4002'],
};
const admin: EntraUser = { email: 'ops@sandbox.test', password: 'correct horse', name: 'Ops Admin', roles: ['admin'] };
const roleless: EntraUser = { email: 'guest@sandbox.test', password: 'guest pass', name: 'Guest', roles: [] };

/** A browser's cookie handling, enough for one host: name -> value, cleared when the server expires a cookie. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some(
        (attribute) => /^\s*expires=/i.test(attribute) && new Date(attribute.split('=')[1] ?? '') < new Date(),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request as a browser makes it: cookies sent and kept, redirects not followed. */
async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', jar.header());
  headers.set('accept', 'text/html');
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

function location(response: Response, base: string): URL {
  return new URL(response.headers.get('location') ?? '', base);
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(
  simulator: RunningEntraSimulator,
  challenge: string,
  state: string,
  nonce: string,
  scope = 'openid profile email',
): string {
  const query = new URLSearchParams({
    client_id: consoleApp.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${simulator.authority(tenantId)}/oauth2/v2.0/authorize?${query.toString()}`;
}

/** Redeems a code, with the secret in the body (MSAL's way) or as HTTP Basic (openid-client's, so next-auth's). */
async function redeem(
  simulator: RunningEntraSimulator,
  code: string,
  verifier: string,
  secretIn: 'body' | 'basic' = 'body',
): Promise<Response> {
  const params = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  const headers = new Headers();
  if (secretIn === 'body') {
    params.set('client_id', consoleApp.clientId);
    params.set('client_secret', consoleApp.clientSecret);
  } else {
    const pair = `${consoleApp.clientId}:${consoleApp.clientSecret}`;
    headers.set('authorization', `Basic ${Buffer.from(pair).toString('base64')}`);
  }
  return fetch(`${simulator.authority(tenantId)}/oauth2/v2.0/token`, { method: 'POST', headers, body: params });
}

describe('authorization code with PKCE, signing in on the simulator page', () => {
  let simulator: RunningEntraSimulator;

  beforeAll(async () => {
    simulator = await startEntraSimulator({ tenants: [{ tenantId, apps: [consoleApp], users: [admin, roleless] }] });
  });
  afterAll(() => simulator.close());

  test('signs a user in and issues an id token with their roles; the code works once; the session signs in again', async () => {
    // Setup
    const jar = new CookieJar();
    const { verifier, challenge } = pkcePair();
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');

    // Action: the authorization request lands on the sign-in page.
    const toLogin = await browse(jar, authorizeUrl(simulator, challenge, state, nonce));
    const loginUrl = location(toLogin, simulator.url);
    const page = await browse(jar, loginUrl.href);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';

    // Action: a wrong password, then the right one.
    const refused = await browse(jar, new URL(action, simulator.url).href, {
      method: 'POST',
      body: new URLSearchParams({ login: admin.email, passwd: 'wrong' }),
    });
    const refusedHtml = await refused.text();
    const accepted = await browse(jar, new URL(action, simulator.url).href, {
      method: 'POST',
      body: new URLSearchParams({ login: 'OPS@sandbox.test', passwd: admin.password }),
    });
    const resumed = await browse(jar, location(accepted, simulator.url).href);
    const callback = location(resumed, simulator.url);
    const code = callback.searchParams.get('code') ?? '';
    const tokenResponse = await redeem(simulator, code, verifier);
    const tokens = (await tokenResponse.json()) as { id_token?: string; token_type?: string; access_token?: string };
    // next-auth's Azure AD provider reads the profile from the userinfo endpoint with this access token.
    const userinfo = await fetch(`${simulator.authority(tenantId)}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token ?? ''}` },
    });
    const replay = await redeem(simulator, code, verifier);

    // Assertions: the page and the redirects.
    expect(toLogin.status).toBe(303);
    expect(loginUrl.pathname).toMatch(new RegExp(`^/${tenantId}/interaction/[\\w-]+$`));
    expect(page.status).toBe(200);
    expect(html).toContain('to continue to Shopverse console');
    expect(refused.status).toBe(200);
    expect(refusedHtml).toContain('Your account or password is incorrect.');
    expect(refusedHtml).toContain(`value="${admin.email}"`);
    expect(accepted.status).toBe(303);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('iss')).toBe(simulator.issuer(tenantId));

    // Assertions: the id token, checked against the published keys.
    expect(tokenResponse.status).toBe(200);
    expect(tokens.token_type).toBe('Bearer');
    const discovery = (await (await fetch(simulator.discoveryUrl(tenantId))).json()) as { jwks_uri: string };
    const { payload } = await jwtVerify(tokens.id_token ?? '', createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: simulator.issuer(tenantId),
      audience: consoleApp.clientId,
    });
    expect(payload).toMatchObject({
      email: admin.email,
      name: admin.name,
      preferred_username: admin.email,
      oid: userObjectId(tenantId, admin),
      sub: userObjectId(tenantId, admin),
      tid: tenantId,
      roles: ['admin'],
      nonce,
    });

    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: userObjectId(tenantId, admin),
      email: admin.email,
      name: admin.name,
    });

    // Assertions: a code is good for one redemption only.
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });

    // Action: a second authorization in the same browser needs no password (single sign-on), but the code is bound to
    // its PKCE challenge.
    const second = pkcePair();
    const again = await browse(jar, authorizeUrl(simulator, second.challenge, 'second', 'n2'));
    const secondCode = location(again, simulator.url).searchParams.get('code') ?? '';
    const wrongVerifier = await redeem(simulator, secondCode, verifier);

    // Assertions
    expect(again.status).toBe(303);
    expect(location(again, simulator.url).pathname).toBe(new URL(redirectUri).pathname);
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });
  });

  test('a user without roles gets an id token without the roles claim; the client may authenticate with Basic', async () => {
    // Setup
    const jar = new CookieJar();
    const { verifier, challenge } = pkcePair();
    const toLogin = await browse(jar, authorizeUrl(simulator, challenge, 'state', 'nonce'));
    const loginUrl = location(toLogin, simulator.url);

    // Action
    const accepted = await browse(jar, `${loginUrl.href}/login`, {
      method: 'POST',
      body: new URLSearchParams({ login: roleless.email, passwd: roleless.password }),
    });
    const resumed = await browse(jar, location(accepted, simulator.url).href);
    const code = location(resumed, simulator.url).searchParams.get('code') ?? '';
    const redeemed = await redeem(simulator, code, verifier, 'basic');
    const tokens = (await redeemed.json()) as { id_token?: string };

    // Assertions
    expect(redeemed.status).toBe(200);
    const claims = decodeJwt(tokens.id_token ?? '');
    expect(claims).toMatchObject({ email: roleless.email, oid: userObjectId(tenantId, roleless) });
    expect(claims).not.toHaveProperty('roles');
  });

  test("a sign-in that asks for a resource's .default scope also gets a delegated access token for it", async () => {
    // Setup
    const jar = new CookieJar();
    const { verifier, challenge } = pkcePair();
    const scope = 'openid profile http://127.0.0.1:4002/.default';
    const toLogin = await browse(jar, authorizeUrl(simulator, challenge, 'state', 'nonce', scope));

    // Action
    const accepted = await browse(jar, `${location(toLogin, simulator.url).href}/login`, {
      method: 'POST',
      body: new URLSearchParams({ login: admin.email, passwd: admin.password }),
    });
    const resumed = await browse(jar, location(accepted, simulator.url).href);
    const code = location(resumed, simulator.url).searchParams.get('code') ?? '';
    const tokens = (await (await redeem(simulator, code, verifier)).json()) as { access_token?: string };
    const check = await createTokenVerifier({ simulator })(tokens.access_token ?? '', 'http://127.0.0.1:4002');

    // Assertions
    expect(check).toMatchObject({
      ok: true,
      subject: userObjectId(tenantId, admin),
      claims: { aud: 'http://127.0.0.1:4002', azp: consoleApp.clientId, roles: ['admin'], tid: tenantId },
    });
    expect(check.ok && check.claims.scp).toBe('user_impersonation');
  });

  test('an unregistered redirect URI gets an error page, not a redirect', async () => {
    // Setup
    const { challenge } = pkcePair();
    const url = new URL(authorizeUrl(simulator, challenge, 's', 'n'));
    url.searchParams.set('redirect_uri', 'http://127.0.0.1:9999/steal');

    // Action
    const response = await browse(new CookieJar(), url.href);

    // Assertions
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });
});
