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
  const stores = page.getByRole('region', { name: 'Stores' });
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
