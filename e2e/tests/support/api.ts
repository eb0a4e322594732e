import { type APIRequestContext, expect } from '@playwright/test';
import { readSandbox } from './sign-in';

/** Asks the console's GraphQL API with the sandbox's operator token, as a reporting tool would. */
export async function consoleApi<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post('/api/graphql', {
    data: { query, variables },
    headers: { Authorization: `Bearer ${readSandbox().apiToken}` },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`the API refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}
