import { expect, test } from '@playwright/test';
import { dataverseGet, failOneOrder, type FailedOrder } from './support/failed-order';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

const PLUGIN_MESSAGE = 'Contoso.OrderCheck: the order was held for a credit check; ISV code aborted the operation.';

test('an order a plug-in refuses is on the Failed page, and its retry after the fix syncs it', async ({ page }) => {
  // The order travels webhook -> queue -> worker twice, and the page refreshes every 5 s.
  test.setTimeout(240_000);
  let order: FailedOrder | undefined;
  try {
    // Setup: Dataverse refuses this one order's write; the order changes in Shopify
    order = await failOneOrder(PLUGIN_MESSAGE);
    const label = `order ${order.legacyId}`;
    const labelled = new RegExp(`\\b${label}\\b`);
    await signIn(page, 'operator');

    // Action: open the failed list
    await page.goto('/failed');

    // Assertions: listed under its error code, with the plug-in's message and links to its chain and to Shopify
    const failed = page.getByRole('region', { name: 'Failed records' });
    const record = failed.getByRole('listitem').filter({ hasText: labelled });
    await expect(record).toBeVisible({ timeout: 90_000 });
    // `has` is matched inside each article, so its locator starts from the page, not from the region.
    const group = failed.getByRole('article').filter({ has: page.getByRole('listitem').filter({ hasText: labelled }) });
    await expect(group.getByRole('heading', { level: 3 })).toContainText('dataverse.rejected');
    await expect(group).toContainText(PLUGIN_MESSAGE);
    await expect(record.getByRole('link', { name: `Activity of ${label}` })).toHaveAttribute(
      'href',
      /^\/activity\?correlationId=[0-9a-f-]{36}$/,
    );
    await expect(record.getByRole('link', { name: `${label} in Shopify admin` })).toHaveAttribute(
      'href',
      `https://demo-us.myshopify.com/admin/orders/${order.legacyId}`,
    );
    await keepScreenshot(page, 'failed');

    // Action: the cause is fixed (the plug-in lets it through), then the record is retried
    await order.allowWrites();
    await record.getByRole('button', { name: `Retry ${label}` }).click();

    // Assertions: queued, gone from the list, synced; the CRM order has the change made in Shopify
    await expect(page.getByRole('status').filter({ hasText: 'Queued 1 retry.' })).toBeVisible();
    await expect(record).toHaveCount(0);
    const retried = page.getByRole('region', { name: 'Retried from this page' }).getByRole('listitem');
    // Created when the sync had not written the order yet, updated when it had (the first delta poll syncs them all);
    // on a failure the text says what the retry met.
    const followed = retried.filter({ hasText: labelled });
    await expect(followed).toContainText(/Synced \((created|updated)\)/, { timeout: 90_000 });
    await expect(followed).toHaveAttribute('data-retry-state', 'synced');
    await expect(failed.getByRole('listitem').filter({ hasText: labelled })).toHaveCount(0);
    const sandbox = readSandbox();
    const keyColumn = `${sandbox.dataverse.publisherPrefix}_shopifyid`;
    const rows = await dataverseGet<{ value: { description: string }[] }>(
      sandbox,
      `salesorders?$select=description&$filter=${keyColumn} eq '${order.key}'`,
    );
    expect(rows.value).toHaveLength(1);
    expect(rows.value[0]?.description).toContain(order.tag);
  } finally {
    await order?.restore();
  }
});
