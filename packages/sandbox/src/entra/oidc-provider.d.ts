/**
 * The part of oidc-provider 8 that the Entra simulator uses. The package ships no types (its `@types` package is
 * not installed), so this declares only what we call, after its documentation (docs/README.md of panva/node-oidc-provider
 * v8) and its source in node_modules/oidc-provider/lib.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The stored state of one artifact (session, grant, code, interaction…). */
  export type AdapterPayload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string };

  /** Storage for one model (`Session`, `Grant`, `AuthorizationCode`…). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientInstance {
    clientId: string;
    clientAuthMethod: string;
  }

  export interface GrantInstance {
    jti: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { clientId: string; accountId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
  }

  /** The token being formatted by `formats.customizers.jwt`. */
  export interface TokenInstance {
    kind: string;
    client?: ClientInstance;
    accountId?: string;
    resourceServer?: { audience?: string | string[] };
  }

  export interface OidcContext {
    route: string;
    params?: Record<string, unknown>;
    client?: ClientInstance;
    /** Set by client authentication at the token endpoint, even when the client is unknown. */
    authorization?: { clientId?: string };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamOIDCScopes: Set<string>;
    /** The resource servers of the request, by resource indicator (filled by `getResourceServerInfo`). */
    resourceServers?: Record<string, { scope: string }>;
    provider: Provider;
  }

  /** The Koa context, as far as our middleware reads and writes it. */
  export interface KoaContext {
    method: string;
    path: string;
    status: number;
    body: unknown;
    state: Record<string, unknown>;
    req: IncomingMessage;
    get(header: string): string;
    set(header: string, value: string): void;
    type: string;
    oidc: OidcContext;
  }

  export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ResourceServer {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg: string } };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
  }

  export interface Configuration {
    adapter?: (name: string) => Adapter;
    clients?: Record<string, unknown>[];
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: {
      keys?: string[];
      names?: Record<string, string>;
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    findAccount?: (ctx: KoaContext, id: string) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: KoaContext) => Promise<GrantInstance | undefined>;
    interactions?: { url(ctx: KoaContext, interaction: { uid: string }): string };
    features?: Record<string, unknown>;
    formats?: {
      customizers?: {
        jwt?: (
          ctx: KoaContext,
          token: TokenInstance,
          jwt: { header?: Record<string, unknown>; payload: Record<string, unknown> },
        ) => Promise<void> | void;
      };
    };
    pkce?: { methods?: string[]; required?: (ctx: KoaContext, client: ClientInstance) => boolean };
    renderError?: (ctx: KoaContext, out: Record<string, unknown>, error: Error) => Promise<void> | void;
    clientBasedCORS?: (ctx: KoaContext, origin: string, client: ClientInstance) => boolean;
    clientAuthMethods?: string[];
    routes?: Record<string, string>;
    scopes?: string[];
    discovery?: Record<string, unknown>;
    ttl?: Record<string, number>;
    responseTypes?: string[];
    clientDefaults?: Record<string, unknown>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: GrantConstructor;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    use(middleware: Middleware): void;
    on(event: string, listener: (ctx: KoaContext, error: Error) => void): this;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export class OIDCProviderError extends Error {
    error: string;
    error_description?: string;
    status: number;
  }

  export const errors: {
    OIDCProviderError: typeof OIDCProviderError;
    CustomOIDCProviderError: new (error: string, description: string) => OIDCProviderError;
    InvalidTarget: new (description?: string) => OIDCProviderError;
    InvalidScope: new (description: string, scope?: string) => OIDCProviderError;
  };
}
