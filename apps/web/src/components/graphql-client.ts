import type { z } from 'zod';

/** One GraphQL error as the server sends it; `extensions.code` is the stable reason (`FORBIDDEN`, `BACKFILL_ACTIVE`…). */
export interface GraphqlError {
  message: string;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

/** The server's answer to one operation, as read: the HTTP status and the body, if it was JSON. */
export interface GraphqlAnswer {
  status: number;
  statusText: string;
  body: { data?: unknown; errors?: GraphqlError[] } | undefined;
}

/** Posts one operation to `/api/graphql` (the console's session cookie goes with it) and reads the answer. */
export async function postGraphql(
  query: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<GraphqlAnswer> {
  const response = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    ...(signal ? { signal } : {}),
  });
  const body = (await response.json().catch(() => undefined)) as GraphqlAnswer['body'];
  return { status: response.status, statusText: response.statusText, body };
}

/** What to say when the server answered nothing a page can read. */
export function unreadableAnswer(answer: GraphqlAnswer): Error {
  return new Error(`the server answered ${answer.status} ${answer.statusText}`.trim());
}

/**
 * Sends one operation and checks the answer's `data` against `schema`. Throws with the server's own reasons when
 * there is no such data, so a panel can show them.
 */
export async function graphqlRequest<T>(
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const answer = await postGraphql(query, variables, signal);
  const parsed = schema.safeParse(answer.body?.data);
  if (parsed.success) return parsed.data;
  const errors = answer.body?.errors ?? [];
  if (errors.length) throw new Error(errors.map((error) => error.message).join('; '));
  throw unreadableAnswer(answer);
}

/** What a mutation came to: its data, or the server's refusal with the stable code a page can explain. */
export type MutationOutcome<T> = { kind: 'done'; data: T } | { kind: 'refused'; code: string | null; message: string };

/**
 * Sends a mutation like `graphqlRequest`, but returns a refusal (`MERGE_ALREADY_DECIDED`, `BACKFILL_ACTIVE`, …) as a
 * value with its `extensions.code`, since those are expected answers a page explains in its own words, not failures.
 * Throws only when the server could not be reached or answered nothing readable.
 */
export async function graphqlMutation<T>(
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<MutationOutcome<T>> {
  const answer = await postGraphql(query, variables);
  const [error] = answer.body?.errors ?? [];
  if (error) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : null;
    return { kind: 'refused', code, message: error.message };
  }
  const parsed = schema.safeParse(answer.body?.data);
  if (parsed.success) return { kind: 'done', data: parsed.data };
  throw unreadableAnswer(answer);
}
