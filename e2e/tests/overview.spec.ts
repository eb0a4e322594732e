import { type APIRequestContext, expect, test } from '@playwright/test';
import { consoleApi } from './support/api';
import { keepScreenshot } from './support/screenshots';
import { type Shop, shopifyAdmin } from './support/shopify';
import { readSandbox, signIn } from './support/sign-in';

const utcDay = () => new Date().toISOString().slice(0, 10);

/**
 * Changes one customer of each shop in Shopify (its note), one the sync already wrote, so that every store syncs
 * something on this UTC day whatever the hour: the sandbox's own first sync may have been before midnight (a CI run
 * that crossed it failed here). Its webhook brings the change within a second or so (else the delta poll, each minute).
 */
async function changeOneSyncedCustomerPerShop(request: APIRequestContext, shops: Shop[]): Promise<void> {
  const { stores } = await consoleApi<{ stores: { id: string; key: string }[] }>(request, '{ stores { id key } }');
  for (const shop of shops) {
    const storeId = stores.find((store) => store.key === shop.key)?.id;
    const { syncAttempts } = await consoleApi<{ syncAttempts: { nodes: { shopifyGid: string | null }[] } }>(
      request,
      `query ($filter: SyncAttemptFilter) { syncAttempts(filter: $filter, first: 1) { nodes { shopifyGid } } }`,
      { filter: { storeId, entity: 'customer', outcomes: ['CREATED', 'UPDATED', 'UNCHANGED'] } },
    );
    const id = syncAttempts.nodes[0]?.shopifyGid;
    if (!storeId || !id) throw new Error(`the console has no synced customer of ${shop.shop} yet`);
    const { customerUpdate } = await shopifyAdmin<{ customerUpdate: { userErrors: unknown[] } }>(
      shop,
      `mutation ($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { input: { id, note: `Looked at by the overview's browser test at ${new Date().toISOString()}` } },
    );
    expect(customerUpdate.userErrors).toEqual([]);
  }
}

test('the overview shows a card per sandbox store, with what it synced today in its chart', async ({ page }) => {
  // Room for the delta poll (each minute) should a webhook be lost; the card refreshes every 10 s.
  test.setTimeout(240_000);
  // Setup
  const shops = readSandbox().shopify;
  await signIn(page, 'viewer');
  let changedOn = utcDay();
  await changeOneSyncedCustomerPerShop(page.request, shops);
  // Action
  await page.goto('/');
  // Assertions
  await expect(page.getByRole('region', { name: 'System health' })).toBeVisible();
  const strip = page.getByRole('region', { name: 'Queue and API calls' });
  await expect(strip.getByText('Queue depth')).toBeVisible();
  await expect(strip.getByText('Shopify Admin API, last hour')).toBeVisible();
  const stores = page.getByRole('region', { name: 'Stores', exact: true });
  await expect(stores.getByRole('article')).toHaveCount(shops.length);
  for (const shop of shops) {
    const card = stores.getByRole('article', { name: new RegExp(`\\(${shop.key}\\)$`) });
    await expect(card.getByText(shop.shop)).toBeVisible();
    await expect(async () => {
      // Should the day end before the change synced, the new day gets a change of its own.
      if (utcDay() !== changedOn) {
        changedOn = utcDay();
        await changeOneSyncedCustomerPerShop(page.request, shops);
      }
      await expect(card.getByRole('img')).toHaveAttribute('aria-label', /today [1-9]\d* synced/, { timeout: 10_000 });
    }).toPass({ timeout: 150_000 });
    await expect(card.locator('rect.bar-synced').first()).toBeVisible();
    const todayRow = card.getByRole('table').getByRole('row').last();
    await expect(todayRow.getByRole('cell').first()).not.toHaveText('0');
    await expect(card.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(card.getByText(/^(just now|\d+ (s|min) ago)$/)).toBeVisible();
  }
  await keepScreenshot(page, 'overview');
});

test('the overview sets the stores of one org side by side: orders, revenue, customers and the ones they share', async ({
  page,
}) => {
  // Setup
  const shops = readSandbox().shopify;
  await signIn(page, 'viewer');
  // Action
  await page.goto('/');
  // Assertions
  const section = page.getByRole('region', { name: 'Stores in one org' });
  await expect(section).toBeVisible();
  // The sandbox writes every store into one org.
  const org = section.getByRole('article');
  await expect(org).toHaveCount(1);
  const table = org.getByRole('table', { name: /orders, revenue and customers per store$/ });
  const customersOf = async (row: ReturnType<typeof table.getByRole>) =>
    Number(await row.getByRole('cell').nth(2).textContent());
  // The sandbox syncs its demo customers on start; the overview refreshes every 10 s until each store has some.
  const perStore: number[] = [];
  for (const shop of shops) {
    const row = table.getByRole('row', { name: new RegExp(`\\(${shop.key}\\)`) });
    await expect(row.getByRole('cell').nth(2)).toHaveText(/^[1-9]\d*$/, { timeout: 60_000 });
    await expect(row.getByRole('cell').first()).toHaveText(/^\d+( \(\d+ cancelled\))?$/);
    perStore.push(await customersOf(row));
  }
  const total = table.getByRole('row', { name: new RegExp(`^All ${shops.length} stores?`) });
  await expect(total).toBeVisible();
  // A person who bought in two stores is one contact: the org counts fewer customers than the stores together, or as
  // many when no one is shared, never more; and never fewer than its largest store.
  const totalCustomers = await customersOf(total);
  const sum = perStore.reduce((a, b) => a + b, 0);
  const shared = Number(await total.getByRole('cell').nth(3).textContent());
  expect(totalCustomers).toBeLessThanOrEqual(sum);
  expect(totalCustomers).toBeGreaterThanOrEqual(Math.max(...perStore));
  expect(shared).toBeLessThanOrEqual(totalCustomers);
  if (shops.length > 1) {
    const pairs = org.getByRole('table', { name: /customers shared between stores$/ });
    await expect(pairs.getByRole('row')).toHaveCount(1 + (shops.length * (shops.length - 1)) / 2);
    await expect(pairs.getByRole('cell').first()).toHaveText(/^\d+$/);
  }
  await keepScreenshot(page, 'overview-stores-in-one-org');
});

test('the keyboard reaches every page of the console from the overview', async ({ page }) => {
  // Setup
  await signIn(page, 'viewer');
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Console' });
  const labels = await nav.getByRole('link').allTextContents();
  const reached: string[] = [];
  // Action: tab from the top of the page until every link of the navigation has had the focus.
  for (let step = 0; step < 20 && reached.length < labels.length; step += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement;
      return active?.closest('nav[aria-label="Console"]') && active.tagName === 'A' ? active.textContent : null;
    });
    if (focused !== null) reached.push(focused);
  }
  // Assertions
  expect(labels).toContain('Overview');
  expect(reached).toEqual(labels);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/backfills$/);
});
