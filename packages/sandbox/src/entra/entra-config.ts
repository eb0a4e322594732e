import { createHash } from 'node:crypto';

/** A console role, carried in the id token's `roles` claim like an Entra app role assignment. */
export type ConsoleRole = 'admin' | 'operator' | 'viewer';

/** An app registration with its service principal in one tenant. */
export interface EntraApp {
  /** The application (client) id, a GUID in Entra. */
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Application permissions (app roles) granted to this app: its app-only tokens carry them in `roles`. */
  appRoles?: string[];
  /** Where the authorization-code flow may return; an app without any can only use client credentials. */
  redirectUris?: string[];
  /**
   * Resources (application ID URIs) this app may get tokens for, e.g. `http://127.0.0.1:4002` for the Dataverse
   * simulator: `scope=<resource>/.default` then yields a token with that `aud`. Others get AADSTS500011.
   */
  resources?: string[];
  /** The service principal's object id (`oid` and `sub` of app tokens); derived from the client id when absent. */
  objectId?: string;
}

/** A user who can sign in to the console. */
export interface EntraUser {
  email: string;
  password: string;
  name: string;
  roles: ConsoleRole[];
  /** The user's object id (`oid`); derived from the email when absent. */
  objectId?: string;
}

/** One directory: its apps and users. */
export interface EntraTenant {
  /** A GUID, as in `https://login.microsoftonline.com/<tenant id>/v2.0`. */
  tenantId: string;
  apps: EntraApp[];
  users: EntraUser[];
}

/** What the Entra simulator is built from. */
export interface EntraSimulatorOptions {
  /**
   * Scheme, host and port the simulator is reached at, e.g. `http://127.0.0.1:4003`; issuers are
   * `<issuerBase>/<tenant id>/v2.0`. `startEntraSimulator` fills it in from the port it listens on.
   */
  issuerBase?: string;
  tenants: EntraTenant[];
  /**
   * The clock for access tokens' `iat`/`nbf`/`exp` and error timestamps (so a test can mint a token that is already
   * expired). oidc-provider keeps its own clock for codes, sessions and id tokens.
   */
  now?: () => Date;
  /** Lifetime of app and user access tokens; Entra's default is about an hour (`expires_in: 3599`). */
  accessTokenTtlSeconds?: number;
}

/**
 * A GUID that is stable for a given input, so an app's service principal or a user keeps one object id across
 * restarts (Dataverse keys its application users and service protection on it).
 */
export function stableGuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  // Shaped as a version 4 / variant 1 GUID so that parsers that check the version nibble accept it.
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The service principal object id of an app. */
export function appObjectId(tenantId: string, app: EntraApp): string {
  return app.objectId ?? stableGuid('service-principal', tenantId, app.clientId);
}

/** The object id of a user. */
export function userObjectId(tenantId: string, user: EntraUser): string {
  return user.objectId ?? stableGuid('user', tenantId, user.email.toLowerCase());
}

/** `http://host/x/` and `http://host/x` name the same resource; Entra matches application ID URIs this way. */
export function normalizeResource(resource: string): string {
  return resource.replace(/\/+$/, '');
}
