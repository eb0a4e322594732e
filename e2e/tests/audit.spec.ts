import { expect, type Page, test } from '@playwright/test';
import { keepScreenshot } from './support/screenshots';
import { signIn } from './support/sign-in';

/** Sends one GraphQL operation with the signed-in page's session, as the console does. */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await page.request.post('/api/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`GraphQL refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const REVOKE = 'mutation ($id: ID!) { revokeApiToken(id: $id) { id } }';

test('an admin reads the audit trail, filters it by action and opens an event details', async ({ page }) => {
  // Setup: the start command records the sandbox API token it makes; this test adds a token and revokes it again.
  await signIn(page, 'admin');
  const created = await graphql<{ createApiToken: { apiToken: { id: string } } }>(
    page,
    'mutation ($name: String!) { createApiToken(name: $name, role: VIEWER) { apiToken { id } } }',
    { name: `e2e-audit-${Date.now()}` },
  );
  const tokenId = created.createApiToken.apiToken.id;
  let revoked = false;
  try {
    await graphql(page, REVOKE, { id: tokenId });
    revoked = true;
    // Action
    await page.goto('/audit');
    // Assertions: newest first, the revoke above the create it undoes.
    const trail = page.getByRole('region', { name: 'Audit events' });
    const table = trail.getByRole('table');
    await expect(table.getByRole('row').nth(1)).toContainText('api_token.revoke');
    await expect(table.getByRole('row').nth(1)).toContainText(tokenId);
    await expect(table.getByRole('row').nth(2)).toContainText('api_token.create');
    await expect(table.getByRole('cell', { name: 'shopverse start (sandbox)' }).first()).toBeVisible();
    await keepScreenshot(page, 'audit');

    // Action: only the revokes.
    const filters = page.getByRole('form', { name: 'Filter the audit trail' });
    await filters.getByLabel('Action').fill('api_token.revoke');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    // Assertions: the table is read again for the filter; poll until the answer replaced the previous rows.
    const actions = table.locator('tbody tr td:nth-child(4)');
    await expect.poll(async () => [...new Set(await actions.allTextContents())]).toEqual(['api_token.revoke']);
    await expect(table.getByRole('row').nth(1)).toContainText(tokenId);

    // Action: the details of the sandbox's own token, in full.
    await filters.getByLabel('Action').fill('api_token.create');
    await filters.getByLabel('Actor').fill('shopverse start (sandbox)');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const first = table.getByRole('row').nth(1);
    await first.getByText(/^name: sandbox, role: operator/).click();
    // Assertions
    await expect(first.locator('pre')).toContainText('"role": "operator"');

    // Action: a filter that matches nothing.
    await filters.getByLabel('Action').fill('nothing.matches');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    // Assertions
    await expect(trail.getByText('No audit events match these filters.', { exact: false })).toBeVisible();
    await expect(table).toHaveCount(0);
  } finally {
    // A failure before the revoke above must not leave a live token behind.
    if (!revoked) await graphql(page, REVOKE, { id: tokenId });
  }
});

test('the trail loads the next page after the first 50 events', async ({ page }) => {
  // Setup: a connection test changes nothing but is audited, so 51 of them make a second page of store.test events.
  await signIn(page, 'admin');
  const { stores } = await graphql<{ stores: { id: string }[] }>(page, '{ stores { id } }', {});
  const storeId = stores[0]?.id;
  if (!storeId) throw new Error('the sandbox has no store');
  for (let test = 0; test < 51; test += 1) {
    await graphql(page, 'mutation ($storeId: ID!) { testStoreConnection(storeId: $storeId) { ok } }', { storeId });
  }
  await page.goto('/audit');
  const trail = page.getByRole('region', { name: 'Audit events' });
  const filters = page.getByRole('form', { name: 'Filter the audit trail' });
  await filters.getByLabel('Action').fill('store.test');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  const times = trail.locator('tbody tr time');
  await expect(times).toHaveCount(50);
  await expect
    .poll(async () => [...new Set(await trail.locator('tbody tr td:nth-child(4)').allTextContents())])
    .toEqual(['store.test']);
  // Action
  await trail.getByRole('button', { name: 'Load more' }).click();
  // Assertions: the next page follows the first, still newest first.
  await expect.poll(() => times.count()).toBeGreaterThan(50);
  const stamps = await times.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  expect(stamps).toEqual([...stamps].sort().reverse());
});

test('a viewer is told the audit trail is for admins, not shown the API refusal', async ({ page }) => {
  // Setup
  await signIn(page, 'viewer');
  // Action
  await page.goto('/audit');
  // Assertions
  const trail = page.getByRole('region', { name: 'Audit events' });
  await expect(trail.getByRole('status')).toHaveText(/^The audit trail is for admins\./);
  await expect(trail.getByRole('table')).toHaveCount(0);
  await expect(page.getByText('this needs the admin role')).toHaveCount(0);
});
