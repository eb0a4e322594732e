import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { getEnv } from '../../../env';
import { getDb } from '../../../server/db';
import { type GraphQLContext, UNSIGNED_ACTOR } from '../../../server/graphql/context';
import { createGraphQLServer } from '../../../server/graphql/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createGraphQLServer(), {
  // Read per request, not at import: `next build` loads this module without an environment.
  context: () =>
    Promise.resolve({
      sql: getDb().sql,
      db: getDb().db,
      // Until sign-in (issue 9) nobody is known; headers that name an actor are not believed.
      actor: UNSIGNED_ACTOR,
      now: new Date(),
      workerStaleSeconds: getEnv().SHOPVERSE_WORKER_STALE_SECONDS,
    }),
});

// Next passes route params as a second argument; the handler would take it for a Pages-router response.
export function GET(request: NextRequest): Promise<Response> {
  return handler(request);
}

export function POST(request: NextRequest): Promise<Response> {
  return handler(request);
}
