import type { AuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { type Env, getEnv } from '../env';
import { type Role, roleFromClaim } from '../server/graphql/authorize';

/** The claims of Entra ID's v2 ID token that we read (id-token-claims-reference). */
interface EntraProfile extends Record<string, unknown> {
  sub: string;
  oid?: string;
  name?: string;
  email?: string;
  preferred_username?: string;
  /** App roles assigned to the user; absent when none is. */
  roles?: string[];
}

/** Who is signed in, as the session and the JWT cookie carry it. */
export interface SignedInUser {
  email: string;
  name: string;
  role: Role;
}

type SignInEnv = Required<Pick<Env, 'NEXTAUTH_SECRET' | 'ENTRA_CLIENT_ID' | 'ENTRA_CLIENT_SECRET' | 'ENTRA_ISSUER'>>;

/** The sign-in settings, or undefined when the deployment has none (env.ts checks that it is all five or none). */
export function signInEnv(env: Env = getEnv()): SignInEnv | undefined {
  const { NEXTAUTH_SECRET, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_ISSUER } = env;
  if (!NEXTAUTH_SECRET || !ENTRA_CLIENT_ID || !ENTRA_CLIENT_SECRET || !ENTRA_ISSUER) return undefined;
  return { NEXTAUTH_SECRET, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_ISSUER };
}

/**
 * Microsoft Entra ID over plain OIDC discovery under the tenant's issuer, rather than next-auth's `azure-ad` provider:
 * that one hard-codes login.microsoftonline.com, and the sandbox's tenant lives elsewhere. The id stays `azure-ad` so
 * the redirect URI (`/api/auth/callback/azure-ad`) is the one app registrations already list.
 */
function entraProvider(env: SignInEnv): OAuthConfig<EntraProfile> {
  return {
    id: 'azure-ad',
    name: 'Microsoft Entra ID',
    type: 'oauth',
    wellKnown: `${env.ENTRA_ISSUER}/.well-known/openid-configuration`,
    clientId: env.ENTRA_CLIENT_ID,
    clientSecret: env.ENTRA_CLIENT_SECRET,
    authorization: { params: { scope: 'openid profile email' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile: (profile) => ({
      id: profile.oid ?? profile.sub,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
      email: profile.email ?? profile.preferred_username ?? null,
    }),
  };
}

/** next-auth's options, built per request from the environment (`next build` has none). */
export function authOptions(env: Env = getEnv()): AuthOptions {
  const signIn = signInEnv(env);
  return {
    secret: signIn?.NEXTAUTH_SECRET ?? '',
    providers: signIn ? [entraProvider(signIn)] : [],
    // No database adapter: the role comes from the ID token at each sign-in, so a JWT cookie holds all we need, and
    // a role changed in Entra applies at the next sign-in (sessions last 8 hours, a working day).
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    callbacks: {
      // A user with no role of ours (or no email to record as the actor) is turned away at the door instead of
      // being let into a console where every panel fails.
      signIn: ({ profile, user }) =>
        roleFromClaim((profile as EntraProfile | undefined)?.roles) !== undefined && Boolean(user.email),
      jwt: ({ token, profile }) => {
        if (profile) token.role = roleFromClaim((profile as EntraProfile).roles);
        return token;
      },
      session: ({ session, token }) => {
        const role = roleFromClaim(token.role);
        return { ...session, user: { ...session.user, ...(role ? { role } : {}) } };
      },
    },
  };
}
