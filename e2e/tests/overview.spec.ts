import { expect, test } from '@playwright/test';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

test('the overview shows a card per sandbox store, with what it synced today in its chart', async ({ page }) => {
  // Setup
  const shops = readSandbox().shopify;
  await signIn(page, 'viewer');
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
    // The sandbox syncs its demo customers on start; the card refreshes every 10 s until they show.
    await expect(card.getByRole('img')).toHaveAttribute('aria-label', /today [1-9]\d* synced/, { timeout: 60_000 });
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
