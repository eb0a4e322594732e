import { expect, test } from '@playwright/test';
import { consoleApi } from './support/api';
import { crmRequest } from './support/crm';
import { keepScreenshot } from './support/screenshots';
import { restoreSettings, storesNow } from './support/settings';
import { readSandbox, type SandboxFile, signIn } from './support/sign-in';

const MISSING_COLUMN = 'new_doesnotexist';

/** Creates a row in the sandbox org as a person in the CRM would, with a token of the sync's app; answers its id. */
async function createInCrm(sandbox: SandboxFile, entitySet: string, body: Record<string, unknown>): Promise<string> {
  const response = await crmRequest(entitySet, { method: 'POST', body, sandbox });
  expect(response.status, `POST ${entitySet}: ${await response.clone().text()}`).toBe(204);
  const id = /\(([0-9a-f-]{36})\)$/.exec(response.headers.get('odata-entityid') ?? '')?.[1];
  if (!id) throw new Error(`POST ${entitySet} answered no OData-EntityId`);
  return id;
}

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
  await expect(page.getByLabel('Send edits made in the CRM to Shopify')).toBeDisabled();
  await expect(page.getByLabel('When Shopify asks to erase a customer')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add a contact column' })).toBeDisabled();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('status')).toContainText('rows to write', {
    timeout: 30_000,
  });
});

test('an admin chooses an owner team and a parent account from the org, and a price list of another currency is refused', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Setup: the store's org has an owner team (each business unit's default team) and gets an account to choose.
  const [store] = await storesNow(request);
  if (!store) throw new Error('the sandbox has no store');
  const { orgDirectory } = await consoleApi<{
    orgDirectory: { problem: string | null; teams: { id: string; name: string }[] };
  }>(request, 'query ($storeId: ID!) { orgDirectory(storeId: $storeId) { problem teams { id name } } }', {
    storeId: store.id,
  });
  expect(orgDirectory.problem).toBeNull();
  const [team] = orgDirectory.teams;
  if (!team) throw new Error('the sandbox org lists no owner team');
  const startedAt = new Date();
  const accountName = `E2E Parent ${Date.now()}`;
  const accountId = await createInCrm(readSandbox(), 'accounts', { name: accountName });
  await signIn(page, 'admin');
  const openStore = async () => {
    await page.goto('/mappings');
    await page.getByLabel('Store', { exact: true }).selectOption(store.id);
    await expect(page.getByRole('heading', { name: `Settings of ${store.name}` })).toBeVisible();
    // The org's choices are read: the form offers them instead of id fields.
    await expect(page.getByText(/^Chosen from /)).toBeVisible();
  };

  try {
    // Action: an owner team, and a parent account found by name
    await openStore();
    await page.getByLabel('Owner of the rows the store creates').selectOption('team');
    await page.getByLabel('Owning team').selectOption(team.id);
    await page.getByLabel('Find an account by name').fill(accountName);
    await page.getByLabel('Find an account by name').press('Enter');
    await expect(
      page.getByRole('status').filter({ hasText: `1 active account found for "${accountName}"` }),
    ).toBeVisible();
    await page.getByLabel('Parent account of B2C contacts', { exact: true }).selectOption(accountId);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // Assertions: saved, and kept across a reload, shown by name
    await expect(
      page.getByRole('status').filter({ hasText: `The settings of ${store.name} were saved.` }),
    ).toBeVisible();
    await page.reload();
    await openStore();
    await expect(page.getByLabel('Owner of the rows the store creates')).toHaveValue('team');
    await expect(page.getByLabel('Owning team')).toHaveValue(team.id);
    await expect(page.getByLabel('Owning team').locator('option:checked')).toHaveText(team.name);
    const parent = page.getByLabel('Parent account of B2C contacts', { exact: true });
    await expect(parent).toHaveValue(accountId);
    await expect(parent.locator('option:checked')).toHaveText(accountName);
    const [saved] = (await storesNow(request)).filter((item) => item.id === store.id);
    expect(saved?.settings).toMatchObject({
      ownership: { owner: { kind: 'team', id: team.id } },
      customers: { parentAccountId: accountId },
    });

    // Action: a EUR price list, then its row's currency changed to USD
    await page.getByRole('button', { name: 'Add a price list' }).click();
    await page.getByLabel('Currency', { exact: true }).last().fill('EUR');
    await page.getByLabel('Currency', { exact: true }).last().press('Tab');
    await page.getByLabel('Price list', { exact: true }).last().selectOption({ label: 'EUR Price List' });
    await page.getByLabel('Currency', { exact: true }).last().fill('USD');
    await page.getByLabel('Currency', { exact: true }).last().press('Tab');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // Assertions: refused beside the row, and nothing saved
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
    // The row itself, not the list of its problems inside it.
    const row = page
      .getByRole('list', { name: 'Price list per currency' })
      .getByRole('listitem')
      .filter({ has: page.getByLabel('Currency', { exact: true }) })
      .last();
    await expect(row).toContainText('price list EUR Price List is in EUR, not USD');
    await expect(row.getByLabel('Price list', { exact: true }).locator('option:checked')).toHaveText(
      'EUR Price List (EUR)',
    );
    await keepScreenshot(page, 'mappings-org-choices');
    const [after] = (await storesNow(request)).filter((item) => item.id === store.id);
    expect(after?.settings).toEqual(saved?.settings);
  } finally {
    await restoreSettings(page, store.id, startedAt);
  }
});

test('an admin has a person decide address conflicts and privacy requests only logged, and a wrong policy is refused beside its field', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // Setup: nothing is saved (the check reads the draft), so the shared sandbox store keeps its settings.
  const [store] = await storesNow(request);
  if (!store) throw new Error('the sandbox has no store');
  await signIn(page, 'admin');
  await page.goto('/mappings');
  await page.getByLabel('Store', { exact: true }).selectOption(store.id);
  await expect(page.getByRole('heading', { name: `Settings of ${store.name}` })).toBeVisible();
  const twoWay = page.getByRole('group', { name: 'Two-way (CRM to Shopify)' });
  const address = twoWay.getByLabel('Default address edited on both sides');
  const json = page.getByLabel(`All settings of ${store.name} as JSON`);

  // Action
  await address.selectOption({ label: 'Ask: a person decides in the merge queue' });
  await page.getByLabel('When Shopify asks to erase a customer').selectOption('ignore');
  await page.getByText('Advanced (JSON)').click();
  const draft = JSON.parse(await json.inputValue()) as Record<string, Record<string, unknown>>;

  // Assertions: the form wrote the settings' own values
  await expect(address).toHaveAccessibleDescription(/“Ask”: a person decides in the merge queue which side to keep/);
  await expect(page.getByLabel('Send edits made in the CRM to Shopify')).not.toBeChecked();
  expect(draft.twoWay).toMatchObject({ conflictPolicy: { address: 'ask' } });
  expect(draft.privacy).toMatchObject({ onRedact: 'ignore' });
  await keepScreenshot(page, 'mappings-two-way');

  // Action: a policy the schema does not have, checked
  await json.fill(
    JSON.stringify({ ...draft, twoWay: { ...draft.twoWay, conflictPolicy: { address: 'ask', email: 'sometimes' } } }),
  );
  await page.getByRole('button', { name: 'Check', exact: true }).click();

  // Assertions: refused beside the email's policy
  await expect(page.getByLabel('Email edited on both sides')).toHaveAccessibleDescription(/expected one of/, {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Undo changes' }).click();
});
