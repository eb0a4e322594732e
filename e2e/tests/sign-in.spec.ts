import { expect, test } from '@playwright/test';
import { readSandbox, signIn } from './support/sign-in';

const HEALTH_AND_LOG = '{ health { status } syncAttempts(first: 5) { edges { node { id } } } }';
const RETRY = 'mutation ($storeId: ID!) { retryFailed(storeId: $storeId) { count } }';

test('a visitor is sent to sign in; the operator signs in through Entra ID and sees the health page and their role', async ({
  page,
}) => {
  // Action
  await page.goto('/');
  const landedOn = new URL(page.url()).pathname;
  await signIn(page, 'operator');
  // Assertions
  expect(landedOn).toBe('/api/auth/signin');
  await expect(page.getByTestId('user-name')).toHaveText('Sandbox Operator');
  await expect(page.getByTestId('user-role')).toHaveText('operator');
  const health = page.getByRole('region', { name: 'System health' });
  await expect(health.locator('[data-status]').filter({ hasText: 'Database' })).toHaveAttribute('data-status', 'ok');
});

test("a signed-in viewer's API call to a mutation is refused with FORBIDDEN", async ({ page }) => {
  // Setup
  await signIn(page, 'viewer');
  // Action: the page's own cookie goes with the request, as the console's panels send it.
  const answer = await page.request.post('/api/graphql', {
    data: { query: RETRY, variables: { storeId: '00000000-0000-4000-8000-000000000000' } },
  });
  // Assertions
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { errors?: { extensions?: { code?: string; role?: string } }[] };
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', role: 'viewer' });
});

test("a reporting client reads health and the sync log with the sandbox's API token, and gets 401 without", async ({
  playwright,
  baseURL,
}) => {
  // Setup: a fresh client, so no browser cookie can stand in for the token.
  const { apiToken } = readSandbox();
  const client = await playwright.request.newContext({ baseURL: baseURL ?? '' });
  // Action
  const withToken = await client.post('/api/graphql', {
    data: { query: HEALTH_AND_LOG },
    headers: { Authorization: `Bearer ${apiToken}` },
  });
  const withoutToken = await client.post('/api/graphql', { data: { query: HEALTH_AND_LOG } });
  const healthEndpoint = await client.get('/api/health');
  // Assertions
  expect(withToken.status()).toBe(200);
  const body = (await withToken.json()) as {
    data?: { health: { status: string }; syncAttempts: { edges: unknown[] } };
  };
  expect(body.data?.health.status).toBe('OK');
  expect(Array.isArray(body.data?.syncAttempts.edges)).toBe(true);
  expect(withoutToken.status()).toBe(401);
  expect(
    ((await withoutToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
  ).toBe('UNAUTHENTICATED');
  expect(healthEndpoint.status()).toBe(200);
  await client.dispose();
});
