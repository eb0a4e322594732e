import { expect, type APIRequestContext, test } from '@playwright/test';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

/** The console's id of the sandbox store with this shop domain, read through the API as a reporting tool would. */
async function storeIdOf(request: APIRequestContext, shopDomain: string): Promise<string> {
  const { apiToken } = readSandbox();
  const response = await request.post('/api/graphql', {
    data: { query: '{ stores { id shopDomain } }' },
    headers: { Authorization: `Bearer ${apiToken}` },
  });
  const body = (await response.json()) as { data: { stores: { id: string; shopDomain: string }[] } };
  const store = body.data.stores.find((candidate) => candidate.shopDomain === shopDomain);
  if (!store) throw new Error(`the console has no store ${shopDomain}: ${JSON.stringify(body)}`);
  return store.id;
}

test('an operator starts a backfill of orders from the page and watches it complete', async ({ page, request }) => {
  // A bulk operation, its ingest and every order's sync: minutes, not seconds.
  test.setTimeout(300_000);
  // Setup
  const [shop] = readSandbox().shopify;
  if (!shop) throw new Error('sandbox.json lists no shop');
  const storeId = await storeIdOf(request, shop.shop);
  await signIn(page, 'operator');
  await page.goto('/backfills');
  const form = page.getByRole('region', { name: 'Start a backfill' });
  await expect(form.getByLabel('Store')).toContainText(shop.shop);

  // Action
  await form.getByLabel('Store').selectOption(storeId);
  await form.getByLabel('Records').selectOption('ORDER');
  await form.getByRole('button', { name: 'Start backfill' }).click();

  // Assertions: said at once, and first in the list.
  await expect(form.getByRole('status')).toContainText('Started the orders backfill of');
  const started = page.locator('.backfills li[data-started]');
  await expect(started).toHaveCount(1);
  await expect(page.locator('.backfills li').first()).toHaveAttribute('data-started', 'true');
  await expect(started).toContainText('order backfill');

  // Action: a second one of the same store and entity while the first is under way.
  await form.getByRole('button', { name: 'Start backfill' }).click();
  // Assertions: refused and explained; the first carries on to the end.
  await expect(form.getByRole('alert')).toContainText('one is under way for this store and entity');
  await expect(started).toHaveAttribute('data-status', 'COMPLETED', { timeout: 240_000 });
  await expect(started.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expect(started.getByTestId('backfill-status')).toHaveText('completed');
  await expect(started).toContainText('started from this page');
  await expect(started).toContainText(/\d+ of \d+ done/);
  await keepScreenshot(page, 'backfills');
});

test('a viewer follows backfills but sees no start form', async ({ page }) => {
  // Setup
  await signIn(page, 'viewer');
  // Action
  await page.goto('/backfills');
  // Assertions
  await expect(page.getByRole('region', { name: 'Backfills' })).toBeVisible();
  await expect(page.getByText('Starting a backfill needs the operator role')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Start a backfill' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start backfill' })).toHaveCount(0);
});
