import { authenticateApiToken, type Database } from '@shopverse/db';
import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { type Role, roleFromClaim } from '../server/graphql/authorize';

/** Who a request acts as: the actor recorded in decisions and the audit trail, and their role. */
export interface RequestIdentity {
  actor: string;
  role: Role;
}

/**
 * The identity behind a GraphQL request: an `Authorization: Bearer` API token if the request sends one (a wrong
 * token is refused, never retried as the cookie: a script should learn its token is dead), else the console's
 * session cookie. Undefined: nobody we know.
 */
export async function identifyRequest(
  request: NextRequest,
  deps: { db: Database; now: Date; sessionSecret: string | undefined },
): Promise<RequestIdentity | undefined> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return undefined;
    const token = await authenticateApiToken(deps.db, match[1], deps.now);
    return token ? { actor: `token:${token.name}`, role: token.role } : undefined;
  }
  if (!deps.sessionSecret) return undefined;
  const session = await getToken({ req: request, secret: deps.sessionSecret });
  const role = roleFromClaim(session?.role);
  if (!session?.email || !role) return undefined;
  return { actor: session.email, role };
}
