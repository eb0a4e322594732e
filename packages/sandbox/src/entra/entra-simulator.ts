import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import type { EntraSimulatorOptions } from './entra-config';
import { aadsts, entraErrorBody } from './entra-errors';
import { handleSignInInteraction } from './sign-in-interaction';
import { withBasicCredentialsInBody } from './client-secret-basic';
import { createTenantProvider, entraRoutes, type TenantProvider } from './tenant-provider';

/** The simulated Entra ID: one OpenID provider per tenant behind one node request listener. */
export interface EntraSimulator {
  /** Serves every tenant under `/<tenant id>/…`; mount it on a node:http server. */
  listener: RequestListener;
  issuerBase: string;
  tenantIds: string[];
  /** `<issuerBase>/<tenant>/v2.0`, the `iss` of its tokens. */
  issuer(tenantId: string): string;
  /** `<issuerBase>/<tenant>`, what MSAL calls the authority. */
  authority(tenantId: string): string;
  /** `<issuerBase>/<tenant>/v2.0/.well-known/openid-configuration`. */
  discoveryUrl(tenantId: string): string;
  /**
   * Lets an app get tokens for one more resource, like an admin granting an API permission. For resources whose URL
   * is known only after the simulator started (a Dataverse simulator on a random port that verifies this one's tokens).
   */
  grantResource(tenantId: string, clientId: string, resource: string): void;
  /** The public signing keys, as `/<tenant>/discovery/v2.0/keys` serves them (shared by all tenants, as in Entra). */
  jwks: JSONWebKeySet;
}

/** A simulator listening on 127.0.0.1. */
export interface RunningEntraSimulator extends EntraSimulator {
  /** e.g. `http://127.0.0.1:4003`, equal to `issuerBase`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const discoveryPath = '/v2.0/.well-known/openid-configuration';

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** An RS256 key pair made at start: nothing to keep secret between runs, and tokens of an old run stop verifying. */
async function signingKeys(): Promise<{ privateJwk: Record<string, unknown>; jwks: JSONWebKeySet }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const common = { kid, use: 'sig', alg: 'RS256' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...common },
    jwks: { keys: [{ ...publicJwk, ...common }] },
  };
}

/** Creates the simulator; `issuerBase` defaults to `http://127.0.0.1:4003`, the sandbox's Entra port. */
export async function createEntraSimulator(options: EntraSimulatorOptions): Promise<EntraSimulator> {
  const issuerBase = (options.issuerBase ?? 'http://127.0.0.1:4003').replace(/\/+$/, '');
  const { privateJwk, jwks } = await signingKeys();
  const tenants = new Map<string, TenantProvider>();
  for (const tenant of options.tenants) {
    const built = createTenantProvider({
      tenant,
      issuerBase,
      signingKey: privateJwk,
      now: options.now,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3599,
    });
    tenants.set(tenant.tenantId.toLowerCase(), built);
  }

  const listener: RequestListener = (request, response) => {
    route(tenants, request, response, options.now).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error', error_description: String(error) });
      else response.destroy();
    });
  };

  return {
    listener,
    issuerBase,
    tenantIds: options.tenants.map((tenant) => tenant.tenantId),
    issuer: (tenantId) => `${issuerBase}/${tenantId}/v2.0`,
    authority: (tenantId) => `${issuerBase}/${tenantId}`,
    discoveryUrl: (tenantId) => `${issuerBase}/${tenantId}${discoveryPath}`,
    jwks,
    grantResource: (tenantId, clientId, resource) => {
      const tenant = tenants.get(tenantId.toLowerCase());
      if (!tenant) throw new Error(`no tenant ${tenantId} in the Entra simulator`);
      tenant.grantResource(clientId, resource);
    },
  };
}

/**
 * Splits `/<tenant>/<rest>` and hands `<rest>` to that tenant's provider as if it were mounted under `/<tenant>`
 * (oidc-provider derives its mount path from `req.originalUrl` minus `req.url`, lib/helpers/oidc_context.js).
 * Microsoft publishes discovery under `/<tenant>/v2.0/` while the endpoints sit beside it under `/<tenant>/oauth2/`,
 * so the discovery path is rewritten to the provider's own `/.well-known/openid-configuration`.
 */
async function route(
  tenants: Map<string, TenantProvider>,
  request: IncomingMessage,
  response: ServerResponse,
  now: (() => Date) | undefined,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://simulator');
  const [, tenantSegment = '', ...rest] = url.pathname.split('/');
  const tenant = tenants.get(tenantSegment.toLowerCase());
  if (!tenant) {
    const failure = aadsts.tenantNotFound(decodeURIComponent(tenantSegment));
    sendJson(
      response,
      failure.status,
      entraErrorBody(failure, now?.() ?? new Date(), request.headers['client-request-id'] as string | undefined),
    );
    return;
  }
  let inner = `/${rest.join('/')}`;
  if (inner === discoveryPath) inner = '/.well-known/openid-configuration';
  if (inner.startsWith('/interaction/')) {
    await handleSignInInteraction(tenant, inner, request, response);
    return;
  }
  const forProvider =
    inner === entraRoutes.token && request.method === 'POST' ? await withBasicCredentialsInBody(request) : request;
  Object.assign(forProvider, { originalUrl: `/${tenantSegment}${inner}${url.search}`, url: `${inner}${url.search}` });
  tenant.callback(forProvider, response);
}

/**
 * Starts the simulator on 127.0.0.1 (`port` 0 or absent: a free one). Issuers use the address it listens on unless
 * `issuerBase` says otherwise (e.g. behind a proxy).
 */
export async function startEntraSimulator(
  options: EntraSimulatorOptions & { port?: number },
): Promise<RunningEntraSimulator> {
  let handle: RequestListener = (_request, response) => sendJson(response, 503, { error: 'temporarily_unavailable' });
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const simulator = await createEntraSimulator({ ...options, issuerBase: options.issuerBase ?? url });
  handle = simulator.listener;
  return {
    ...simulator,
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
