// oidc-provider ships no types; the reference brings our declarations along into any program that imports this file
// (apps and e2e compile the sandbox from source with their own tsconfig).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider.d.ts" />
import { randomBytes } from 'node:crypto';
import Provider, { type KoaContext } from 'oidc-provider';
import { entraAccessTokenClaims } from './access-token-claims';
import {
  appObjectId,
  normalizeResource,
  userObjectId,
  type EntraApp,
  type EntraTenant,
  type EntraUser,
} from './entra-config';
import { aadsts } from './entra-errors';
import { entraFailure, entraTokenResponses, tokenPath } from './token-responses';
import { SimulatorStore } from './memory-adapter';

/** Microsoft's endpoint layout under `/<tenant>` (login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration). */
export const entraRoutes = {
  authorization: '/oauth2/v2.0/authorize',
  token: tokenPath,
  jwks: '/discovery/v2.0/keys',
  end_session: '/oauth2/v2.0/logout',
  userinfo: '/oidc/userinfo',
} as const;

/** What one tenant's provider is built from. */
export interface TenantProviderOptions {
  tenant: EntraTenant;
  /** e.g. `http://127.0.0.1:4003`. */
  issuerBase: string;
  /** The private RS256 signing key as a JWK with `kid`, shared by all tenants like Entra's common keys. */
  signingKey: Record<string, unknown>;
  now?: () => Date;
  accessTokenTtlSeconds: number;
}

/** A tenant's oidc-provider instance and what the simulator's router needs about it. */
export interface TenantProvider {
  tenant: EntraTenant;
  issuer: string;
  provider: Provider;
  /** The provider's node request listener (built once: Koa composes its middleware when asked for it). */
  callback: ReturnType<Provider['callback']>;
  app(clientId: string): EntraApp | undefined;
  /** Lets an app get tokens for one more resource (an admin granting an API permission). */
  grantResource(clientId: string, resource: string): void;
  userByEmail(email: string): EntraUser | undefined;
}

const defaultSuffix = '/.default';

/** `<resource>/.default` -> `<resource>`; client credentials must name exactly one resource this way (AADSTS1002012). */
function resourceFromScope(ctx: KoaContext): string | undefined {
  const scope = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
  const defaults = scope.split(' ').filter((value) => value.endsWith(defaultSuffix));
  const clientCredentials = ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials';
  if (clientCredentials && defaults.length !== 1) throw entraFailure(aadsts.clientCredentialsScope(scope));
  const first = defaults[0];
  return first === undefined ? undefined : first.slice(0, -defaultSuffix.length);
}

function clientMetadata(app: EntraApp): Record<string, unknown> {
  const interactive = (app.redirectUris ?? []).length > 0;
  return {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    client_name: app.displayName,
    redirect_uris: app.redirectUris ?? [],
    grant_types: interactive ? ['authorization_code', 'refresh_token', 'client_credentials'] : ['client_credentials'],
    response_types: interactive ? ['code'] : [],
    // Basic credentials are moved into the body before the provider sees them (client-secret-basic.ts).
    token_endpoint_auth_method: 'client_secret_post',
  };
}

/**
 * One oidc-provider per tenant, mounted by the simulator under `/<tenant id>`: client credentials for app tokens,
 * authorization code (with the simulator's own sign-in page as the interaction) for the console's id tokens.
 * Configuration reference: oidc-provider 8 docs/README.md.
 */
export function createTenantProvider(options: TenantProviderOptions): TenantProvider {
  const { tenant, now, accessTokenTtlSeconds } = options;
  const tid = tenant.tenantId;
  const issuer = `${options.issuerBase}/${tid}/v2.0`;
  // Copies, so that granting a resource later changes neither the caller's objects nor another simulator's.
  const apps = new Map(tenant.apps.map((app) => [app.clientId, { ...app, resources: [...(app.resources ?? [])] }]));
  const users = new Map(tenant.users.map((user) => [userObjectId(tid, user), user]));
  const store = new SimulatorStore();

  const provider = new Provider(issuer, {
    adapter: store.adapterFor,
    clients: tenant.apps.map(clientMetadata),
    jwks: { keys: [options.signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Several tenants share one host: their cookies must not overwrite each other.
      names: { session: `_session.${tid}`, interaction: `_interaction.${tid}`, resume: `_interaction_resume.${tid}` },
      // SameSite=None needs Secure, which an http://127.0.0.1 simulator cannot set; Lax still follows the redirects.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    // Entra's v2 id token carries oid, tid and the user's app roles whatever the scopes; name and
    // preferred_username come with `profile`, email with `email` (id-token-claims-reference).
    claims: {
      openid: ['sub', 'oid', 'tid', 'roles', 'ver'],
      email: ['email'],
      profile: ['name', 'preferred_username'],
    },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const user = users.get(id);
      if (!user) return Promise.resolve(undefined);
      return Promise.resolve({
        accountId: id,
        claims: () => ({
          sub: id,
          oid: id,
          tid,
          // Entra leaves `roles` out when the user has no role assigned in the app.
          ...(user.roles.length > 0 ? { roles: user.roles } : {}),
          ver: '2.0',
          email: user.email,
          name: user.name,
          preferred_username: user.email,
        }),
      });
    },
    // The tenant's admin has consented for its own apps, so Entra asks no consent: grant what is asked at once.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId === undefined ? undefined : await ctx.oidc.provider.Grant.find(grantId);
      const grant =
        existing ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      // A `<resource>/.default` scope in the sign-in (a delegated token for that API) is pre-consented too.
      for (const [resource, server] of Object.entries(ctx.oidc.resourceServers ?? {})) {
        grant.addResourceScope(resource, server.scope);
      }
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/${tid}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // Entra has no pushed authorization requests; leave the endpoint out of discovery.
      pushedAuthorizationRequests: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // MSAL sends `scope=<resource>/.default` and no `resource` parameter (RFC 8707 is not Entra's way).
        defaultResource: (ctx: KoaContext) => Promise.resolve(resourceFromScope(ctx)),
        useGrantedResource: () => Promise.resolve(true),
        getResourceServerInfo: (_ctx: KoaContext, resource: string, client: { clientId: string }) => {
          const allowed = (apps.get(client.clientId)?.resources ?? []).find(
            (candidate) => normalizeResource(candidate) === normalizeResource(resource),
          );
          if (allowed === undefined) throw entraFailure(aadsts.resourceNotFound(resource, tid));
          return Promise.resolve({
            scope: `${resource}${defaultSuffix}`,
            audience: allowed,
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          });
        },
      },
    },
    formats: {
      customizers: {
        jwt: (_ctx, token, jwt) => {
          const clientId = token.client?.clientId ?? String(jwt.payload.client_id);
          const app = apps.get(clientId);
          const user = token.accountId === undefined ? undefined : users.get(token.accountId);
          jwt.header = { typ: 'JWT' };
          jwt.payload = entraAccessTokenClaims({
            payload: jwt.payload,
            tenantId: tid,
            clientId,
            app:
              token.kind === 'ClientCredentials' && app
                ? { objectId: appObjectId(tid, app), roles: app.appRoles ?? [] }
                : undefined,
            user: user && token.accountId ? { objectId: token.accountId, roles: user.roles } : undefined,
            issuedAt: now?.(),
            ttlSeconds: accessTokenTtlSeconds,
          });
        },
      },
    },
    // Entra requires PKCE of public clients (SPAs, native apps) and lets confidential web apps choose.
    pkce: { methods: ['S256'], required: (_ctx, client) => client.clientAuthMethod === 'none' },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const text = Object.entries(out)
        .map(([key, value]) => `<p>${key}: ${String(value).replace(/[<>&]/g, '')}</p>`)
        .join('');
      ctx.body = `<!doctype html><html><head><title>Sign in error</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1>${text}</body></html>`;
    },
    clientBasedCORS: () => true,
    // What Entra's discovery lists, less private_key_jwt (the simulated apps have no certificates).
    clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
    routes: { ...entraRoutes },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      ClientCredentials: accessTokenTtlSeconds,
      AuthorizationCode: 600,
      IdToken: 3600,
      Interaction: 3600,
      Session: 86_400,
      Grant: 14 * 86_400,
      RefreshToken: 14 * 86_400,
    },
  });

  entraTokenResponses(provider, { tenantId: tid, apps, now });
  return {
    tenant,
    issuer,
    provider,
    callback: provider.callback(),
    app: (clientId) => apps.get(clientId),
    grantResource: (clientId, resource) => {
      const app = apps.get(clientId);
      if (!app) throw new Error(`no app ${clientId} in tenant ${tid}`);
      if (!app.resources.includes(resource)) app.resources.push(resource);
    },
    userByEmail: (email) => tenant.users.find((user) => user.email.toLowerCase() === email.trim().toLowerCase()),
  };
}
