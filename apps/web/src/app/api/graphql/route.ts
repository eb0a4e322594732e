import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { identifyRequest, type RequestIdentity } from '../../../auth/request-auth';
import { getEnv } from '../../../env';
import { getDb } from '../../../server/db';
import type { GraphQLContext } from '../../../server/graphql/context';
import { createGraphQLServer } from '../../../server/graphql/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Who each request is, found before Apollo runs and handed to its context function. */
const identities = new WeakMap<NextRequest, RequestIdentity>();

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createGraphQLServer(), {
  // Read per request, not at import: `next build` loads this module without an environment.
  context: (request) => {
    const identity = identities.get(request);
    if (!identity) return Promise.reject(new Error('The GraphQL context was built for a request nobody identified.'));
    return Promise.resolve({
      sql: getDb().sql,
      db: getDb().db,
      actor: identity.actor,
      role: identity.role,
      now: new Date(),
      workerStaleSeconds: getEnv().SHOPVERSE_WORKER_STALE_SECONDS,
    });
  },
});

/** Refuses before any resolver runs, introspection included: the schema names every store and table we touch. */
function unauthenticated(): Response {
  const message =
    'Sign in to the console, or send an API token as `Authorization: Bearer <token>` (an admin makes one with ' +
    'createApiToken). A revoked or expired token is refused too.';
  return Response.json(
    { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
    { status: 401, headers: { 'www-authenticate': 'Bearer realm="shopverse"' } },
  );
}

async function handle(request: NextRequest): Promise<Response> {
  const identity = await identifyRequest(request, {
    db: getDb().db,
    now: new Date(),
    sessionSecret: getEnv().NEXTAUTH_SECRET,
  });
  if (!identity) return unauthenticated();
  identities.set(request, identity);
  return handler(request);
}

// Next passes route params as a second argument; the handler would take it for a Pages-router response.
export function GET(request: NextRequest): Promise<Response> {
  return handle(request);
}

export function POST(request: NextRequest): Promise<Response> {
  return handle(request);
}
