import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  getIntrospectionQuery,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

/** Where the committed schema lives, relative to apps/web; clients (and reviewers) read it instead of introspecting. */
export const SDL_FILE = 'schema.graphql';

/** How to accept an intended change, said wherever a drift is reported. */
export const REGENERATE = 'pnpm --filter @shopverse/web sdl';

/**
 * The schema the server runs, as SDL, sorted so that the order typeDefs are listed in does not show as a change.
 * Read through introspection of the real server, so it is exactly what clients see.
 */
export async function currentSdl(): Promise<string> {
  const server = createGraphQLServer();
  try {
    // Introspection touches no resolver of ours, so it needs nothing from the context.
    const response = await server.executeOperation(
      { query: getIntrospectionQuery({ descriptions: true }) },
      { contextValue: {} as GraphQLContext },
    );
    if (response.body.kind !== 'single') throw new Error('Introspection answered with more than one result.');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      throw new Error(
        `Introspection failed (${errors?.map((error) => error.message).join('; ') ?? 'no data'}); ` +
          'with NODE_ENV=production set SHOPVERSE_GRAPHQL_INTROSPECTION=on to print the schema.',
      );
    }
    return `${printSchema(lexicographicSortSchema(buildClientSchema(data as unknown as IntrospectionQuery)))}\n`;
  } finally {
    await server.stop();
  }
}

/** What differs between the committed SDL and the current one: nothing, a compatible change, or breaking ones. */
export type SdlDrift = { kind: 'same' } | { kind: 'compatible' } | { kind: 'breaking'; changes: string[] };

/** The SDL as graphql prints it, so a reformatted file (prettier) is not a change. */
function normalise(sdl: string): string {
  return printSchema(lexicographicSortSchema(buildSchema(sdl)));
}

export function compareSdl(committed: string, current: string): SdlDrift {
  if (normalise(committed) === normalise(current)) return { kind: 'same' };
  const changes = findBreakingChanges(buildSchema(committed), buildSchema(current));
  if (changes.length === 0) return { kind: 'compatible' };
  return { kind: 'breaking', changes: changes.map((change) => `${change.type}: ${change.description}`) };
}

/** The message a failing check shows: what changed and how to accept it when it was meant. */
export function describeDrift(drift: SdlDrift): string | undefined {
  switch (drift.kind) {
    case 'same':
      return undefined;
    case 'compatible':
      return (
        `apps/web/${SDL_FILE} is out of date with the schema the server runs (a compatible change). ` +
        `Regenerate it with \`${REGENERATE}\` and commit it.`
      );
    case 'breaking':
      return (
        `The schema changed in ways that break clients of apps/web/${SDL_FILE}:\n` +
        drift.changes.map((change) => `  - ${change}`).join('\n') +
        `\nIf that is intended (clients were told, or nobody uses it), accept it: run \`${REGENERATE}\` and commit ` +
        `${SDL_FILE}; otherwise keep the old fields (deprecate them with @deprecated) instead.`
      );
  }
}
