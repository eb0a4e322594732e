import type { z } from 'zod';

/**
 * Sends one operation to `/api/graphql` (the console's session cookie goes with it) and checks the answer's `data`
 * against `schema`. Throws with the server's own reasons when there is no such data, so a panel can show them.
 */
export async function graphqlRequest<T>(
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    ...(signal ? { signal } : {}),
  });
  const body = (await response.json().catch(() => undefined)) as
    { data?: unknown; errors?: { message: string }[] } | undefined;
  const parsed = schema.safeParse(body?.data);
  if (parsed.success) return parsed.data;
  if (body?.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
}
