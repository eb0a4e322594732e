/** What the access token claims of one token are built from. */
export interface AccessTokenFacts {
  /** oidc-provider's payload: `jti`, `sub`, `iat`, `exp`, `scope`, `client_id`, `iss`, `aud`. */
  payload: Record<string, unknown>;
  tenantId: string;
  /** The calling app's client id. */
  clientId: string;
  /** For app-only tokens: the service principal's object id and its granted app roles. */
  app?: { objectId: string; roles: string[] };
  /** For user tokens: the user's object id and console roles. */
  user?: { objectId: string; roles: string[] };
  /** When given, `iat`/`nbf`/`exp` are computed from it instead of oidc-provider's clock. */
  issuedAt?: Date;
  ttlSeconds: number;
}

/**
 * Reshapes oidc-provider's JWT access token payload into an Entra v2 access token (learn.microsoft.com
 * entra/identity-platform/access-token-claims-reference): `aud`, `iss`, `iat`, `nbf`, `exp`, `azp`, `azpacr`, `oid`,
 * `sub`, `tid`, `uti`, `ver`, `roles`; app-only tokens add `idtyp: "app"` (the optional claim services use to tell them
 * from user tokens) and keep v1's `appid`, which Dataverse-era code still reads.
 */
export function entraAccessTokenClaims(facts: AccessTokenFacts): Record<string, unknown> {
  const { payload } = facts;
  const iat = facts.issuedAt ? Math.floor(facts.issuedAt.getTime() / 1000) : Number(payload.iat);
  const exp = facts.issuedAt ? iat + facts.ttlSeconds : Number(payload.exp);
  const claims: Record<string, unknown> = {
    aud: payload.aud,
    iss: payload.iss,
    iat,
    nbf: iat,
    exp,
    azp: facts.clientId,
    // 1: the client authenticated with a shared secret.
    azpacr: '1',
    tid: facts.tenantId,
    uti: payload.jti,
    ver: '2.0',
  };
  if (facts.app) {
    Object.assign(claims, {
      appid: facts.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: facts.app.objectId,
      // For app-only tokens Entra's `sub` is the service principal's object id, like `oid`.
      sub: facts.app.objectId,
    });
    if (facts.app.roles.length > 0) claims.roles = facts.app.roles;
  } else if (facts.user) {
    Object.assign(claims, { oid: facts.user.objectId, sub: facts.user.objectId, scp: delegatedScopes(payload) });
    if (facts.user.roles.length > 0) claims.roles = facts.user.roles;
  }
  return claims;
}

/**
 * `scp` names delegated permissions without the resource prefix. Entra expands `<resource>/.default` into the
 * permissions consented for the app; for Dataverse that is its one delegated permission, `user_impersonation`.
 */
function delegatedScopes(payload: Record<string, unknown>): string {
  const audience = typeof payload.aud === 'string' ? payload.aud.replace(/\/+$/, '') : '';
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  return scopes
    .filter((scope) => audience !== '' && scope.startsWith(`${audience}/`))
    .map((scope) => scope.slice(audience.length + 1))
    .map((permission) => (permission === '.default' ? 'user_impersonation' : permission))
    .join(' ');
}
