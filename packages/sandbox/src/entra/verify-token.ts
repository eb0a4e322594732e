import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { normalizeResource } from './entra-config';
import type { TokenCheck, TokenVerifier } from './token-verifier';

/** Whose tokens to trust: a simulator in the same process, or issuers reached over HTTP. */
export type TrustedIssuers =
  | {
      /** The simulator handle: its issuers and public keys, no HTTP needed. */
      simulator: { tenantIds: string[]; issuer(tenantId: string): string; jwks: JSONWebKeySet };
    }
  | {
      /**
       * Issuer URLs (`…/<tenant>/v2.0`); keys come from `jwks_uri` of `<issuer>/.well-known/openid-configuration`,
       * fetched on first use and cached (jose refreshes them when an unknown `kid` turns up).
       */
      issuers: string[];
    };

/** How a verifier is configured. */
export type TokenVerifierOptions = TrustedIssuers & {
  /** The clock to judge `exp` and `nbf` by; the real one when absent. */
  now?: () => Date;
  /** Allowed clock skew; Microsoft.IdentityModel's default of five minutes when absent. */
  clockToleranceSeconds?: number;
};

async function remoteKeys(issuer: string): Promise<JWTVerifyGetKey> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery of ${issuer} answered ${response.status}`);
  const metadata = (await response.json()) as { jwks_uri?: unknown };
  if (typeof metadata.jwks_uri !== 'string') throw new Error(`discovery of ${issuer} has no jwks_uri`);
  return createRemoteJWKSet(new URL(metadata.jwks_uri));
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token is expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token is not for this audience';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'the token signature is invalid';
  }
  if (error instanceof errors.JOSEError) return `the token is invalid (${error.code})`;
  return `the token could not be verified: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Checks bearer tokens as a resource server does with Entra's: RS256 signature against the issuer's published keys,
 * a trusted `iss`, `aud` equal to the resource (a trailing slash aside), `exp`/`nbf` against the clock. The subject is
 * the caller's object id (`oid`): for app tokens the service principal, which Dataverse maps to its application user.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keysByIssuer = new Map<string, Promise<JWTVerifyGetKey>>();
  if ('simulator' in options) {
    const local = createLocalJWKSet(options.simulator.jwks);
    for (const tenantId of options.simulator.tenantIds) {
      keysByIssuer.set(options.simulator.issuer(tenantId), Promise.resolve(local));
    }
  }
  const trusted = new Set('simulator' in options ? keysByIssuer.keys() : options.issuers);

  const keysFor = (issuer: string): Promise<JWTVerifyGetKey> => {
    let keys = keysByIssuer.get(issuer);
    if (!keys) {
      keys = remoteKeys(issuer);
      // A failed discovery is retried on the next token instead of being remembered.
      keys.catch(() => keysByIssuer.delete(issuer));
      keysByIssuer.set(issuer, keys);
    }
    return keys;
  };

  return async (bearerToken: string, audience: string): Promise<TokenCheck> => {
    let issuer: unknown;
    try {
      issuer = decodeJwt(bearerToken).iss;
    } catch {
      return { ok: false, reason: 'the token is not a JWT' };
    }
    if (typeof issuer !== 'string' || !trusted.has(issuer)) {
      return { ok: false, reason: `the token's issuer ${String(issuer)} is not trusted` };
    }
    const wanted = normalizeResource(audience);
    try {
      const { payload } = await jwtVerify(bearerToken, await keysFor(issuer), {
        issuer,
        audience: [wanted, `${wanted}/`],
        algorithms: ['RS256'],
        currentDate: options.now?.() ?? new Date(),
        clockTolerance: options.clockToleranceSeconds ?? 300,
      });
      const subject = typeof payload.oid === 'string' ? payload.oid : payload.sub;
      if (typeof subject !== 'string') return { ok: false, reason: 'the token names no subject (oid or sub)' };
      return { ok: true, subject, claims: { ...payload } };
    } catch (error) {
      return { ok: false, reason: reasonFor(error) };
    }
  };
}
