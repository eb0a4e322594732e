import type { z } from 'zod';

/** What a mutation came to: its data, or the server's refusal with the stable code a page can explain. */
export type MutationOutcome<T> = { kind: 'done'; data: T } | { kind: 'refused'; code: string | null; message: string };

/**
 * Sends a mutation to `/api/graphql` like `graphqlRequest`, but returns a refusal (`MERGE_ALREADY_DECIDED`,
 * `BACKFILL_ACTIVE`, …) as a value with its `extensions.code`, since those are expected answers a page explains in
 * its own words, not failures. Throws only when the server could not be reached or answered nothing readable.
 */
export async function graphqlMutation<T>(
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<MutationOutcome<T>> {
  const response = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => undefined)) as
    { data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] } | undefined;
  const [error] = body?.errors ?? [];
  if (error) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : null;
    return { kind: 'refused', code, message: error.message };
  }
  const parsed = schema.safeParse(body?.data);
  if (parsed.success) return { kind: 'done', data: parsed.data };
  throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
}
