import { type APIRequestContext, expect, test } from '@playwright/test';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

interface StoreSettings {
  id: string;
  key: string;
  name: string;
  settings: Record<string, unknown>;
}

/** The stores with their saved settings, asked with the sandbox's token as a reporting tool would. */
async function storesNow(request: APIRequestContext): Promise<StoreSettings[]> {
  const response = await request.post('/api/graphql', {
    data: { query: '{ stores { id key name settings } }' },
    headers: { Authorization: `Bearer ${readSandbox().apiToken}` },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data?: { stores: StoreSettings[] }; errors?: unknown };
  if (!body.data) throw new Error(`the API refused: ${JSON.stringify(body.errors)}`);
  return body.data.stores;
}

const MISSING_COLUMN = 'new_doesnotexist';

test('an admin previews the latest order under the draft settings and a field map column the org lacks is refused', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Setup
  const [store] = await storesNow(request);
  if (!store) throw new Error('the sandbox has no store');
  await signIn(page, 'admin');

  try {
    // Action: open Mappings for the first store and check the saved settings against its latest order
    await page.getByRole('link', { name: 'Mappings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mappings' })).toBeVisible();
    await page.getByLabel('Store', { exact: true }).selectOption(store.id);
    await expect(page.getByRole('heading', { name: `Settings of ${store.name}` })).toBeVisible();
    await page.getByRole('button', { name: 'Check', exact: true }).click();

    // Assertions: the order's sales order row and its lines, each column before and after; nothing written
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('status')).toContainText(
      /^Order #?\S+: \d+ rows to write\. Nothing was written\.$/,
      {
        timeout: 30_000,
      },
    );
    const salesOrder = preview.getByRole('table', {
      name: new RegExp(`^Sales order ${store.key}_\\d+ \\(salesorder\\)`),
    });
    await expect(salesOrder).toBeVisible();
    await expect(salesOrder.getByRole('rowheader', { name: 'name', exact: true })).toBeVisible();
    await expect(salesOrder.getByRole('columnheader', { name: 'The sync would write' })).toBeVisible();
    await expect(
      preview.getByRole('table', { name: new RegExp(`^Line ${store.key}_\\w+ \\(salesorderdetail\\)`) }).first(),
    ).toBeVisible();

    // Action: a contact column the org does not have, then Save
    const contactMap = page.getByRole('region', { name: 'Contact (from the customer)' });
    await contactMap.getByRole('button', { name: 'Add a contact column' }).click();
    const row = contactMap.getByRole('listitem').last();
    await row.getByLabel('Shopify field').selectOption('note');
    await row.getByLabel('CRM column').fill(MISSING_COLUMN);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // Assertions: refused, the reason beside the column, and the saved settings unchanged
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
    await expect(row).toContainText(`contact has no column ${MISSING_COLUMN}`);
    await keepScreenshot(page, 'mappings');
    const [after] = (await storesNow(request)).filter((item) => item.id === store.id);
    expect(after?.settings).toEqual(store.settings);

    // Action: put the draft back
    await page.getByRole('button', { name: 'Undo changes' }).click();

    // Assertions
    await expect(contactMap.getByLabel('CRM column')).toHaveCount(0);
  } finally {
    // The store keeps its settings whatever happened above: a refused save changes nothing, and this checks it.
    const [now] = (await storesNow(request)).filter((item) => item.id === store.id);
    expect(now?.settings).toEqual(store.settings);
  }
});

test('a viewer sees the settings read only and may still check a draft', async ({ page }) => {
  test.setTimeout(60_000);
  // Setup
  await signIn(page, 'viewer');

  // Action
  await page.goto('/mappings');

  // Assertions: nothing to change or save; the preview works
  await expect(page.getByText('Read only: only admins change settings.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Customers go to')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add a contact column' })).toBeDisabled();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('status')).toContainText('rows to write', {
    timeout: 30_000,
  });
});
