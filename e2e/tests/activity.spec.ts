import { type APIRequestContext, expect, test } from '@playwright/test';
import { consoleApi } from './support/api';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

interface SyncedOrder {
  orderName: string;
  shopifyGid: string;
  storeId: string;
  storeKey: string;
}

/** Orders the sandbox synced (the first delta poll after a start reads every order), newest first, with store keys. */
async function syncedOrders(request: APIRequestContext): Promise<SyncedOrder[]> {
  const data = await consoleApi<{
    syncAttempts: { nodes: { orderName: string | null; shopifyGid: string | null; storeId: string }[] };
    stores: { id: string; key: string }[];
  }>(
    request,
    `{ syncAttempts(filter: { entity: "order", outcomes: [CREATED, UPDATED, UNCHANGED] }, first: 20) {
         nodes { orderName shopifyGid storeId } }
       stores { id key } }`,
  );
  const keys = new Map(data.stores.map((store) => [store.id, store.key]));
  return data.syncAttempts.nodes.flatMap((node) => {
    const storeKey = keys.get(node.storeId);
    return node.orderName && node.shopifyGid && storeKey
      ? [{ orderName: node.orderName, shopifyGid: node.shopifyGid, storeId: node.storeId, storeKey }]
      : [];
  });
}

/**
 * The order's row in the Dataverse simulator, read as any Dataverse client would (an Entra ID token), by its
 * alternate key `<prefix>_shopifyid` = `<store key>_<legacy id>`: the row's `name` follows the store's template
 * (`us-#1001` by default), and order names repeat across stores.
 */
async function crmOrder(request: APIRequestContext, order: SyncedOrder) {
  const { dataverse } = readSandbox();
  const token = await request.post(`${dataverse.authority}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: dataverse.clientId,
      client_secret: dataverse.clientSecret,
      scope: dataverse.scope,
    },
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const prefix = dataverse.publisherPrefix;
  const key = `${order.storeKey}_${order.shopifyGid.split('/').pop() ?? ''}`;
  const filter = `${prefix}_shopifyid eq '${key}'`;
  const response = await request.get(
    `${dataverse.apiUrl}salesorders?$filter=${encodeURIComponent(filter)}&$select=name,${prefix}_lastcorrelationid`,
    { headers: { Authorization: `Bearer ${accessToken}` } },
  );
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { value: Record<string, string | null>[] };
  const [row] = body.value;
  const correlationId = row?.[`${prefix}_lastcorrelationid`];
  return row && correlationId ? { name: row.name, correlationId } : undefined;
}

/** An order the log shows as synced whose CRM row is there, with the correlation id that row carries. */
async function orderInCrm(request: APIRequestContext) {
  for (const order of await syncedOrders(request)) {
    const row = await crmOrder(request, order);
    if (row) return { order, row };
  }
  return undefined;
}

test('Activity finds an order by name, shows an attempt side by side with its chain, and finds the chain by the CRM row correlation id', async ({
  page,
  request,
}) => {
  // The first delta poll (every minute) syncs the sandbox's orders after a start.
  test.setTimeout(240_000);
  // Setup
  let found: Awaited<ReturnType<typeof orderInCrm>>;
  await expect
    .poll(async () => (found = await orderInCrm(request)), { timeout: 150_000, intervals: [2_000] })
    .toBeDefined();
  if (!found) throw new Error('no synced order in the CRM');
  const { order, row } = found;
  expect(row.name).toContain(order.orderName);
  await signIn(page, 'viewer');

  // Action: search by the order's name within its store.
  await page.goto('/activity');
  await page.getByRole('searchbox', { name: 'Find' }).fill(order.orderName);
  await page.getByLabel('Store', { exact: true }).selectOption(order.storeId);
  await page.getByRole('button', { name: 'Search' }).click();

  // Assertions: the URL holds the search; the table lists the order's attempts.
  await expect(page).toHaveURL(/[?&]q=%23?\d+/);
  expect(new URL(page.url()).searchParams.get('q')).toBe(order.orderName);
  expect(new URL(page.url()).searchParams.get('store')).toBe(order.storeId);
  const results = page.getByRole('region', { name: 'Attempts', exact: true });
  const rows = results.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const recordLinks = results.getByRole('link', { name: order.orderName, exact: true });
  expect(await recordLinks.count()).toBeGreaterThan(0);
  expect(await recordLinks.count()).toBe((await rows.count()) - 1);
  await keepScreenshot(page, 'activity');

  // Action: open the newest attempt.
  await recordLinks.first().click();

  // Assertions: its facts, request and response side by side, and its chain with itself marked.
  await expect(page).toHaveURL(/\/activity\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(order.orderName);
  const requestPane = page.getByRole('region', { name: /^Request( \(would have been sent\))?$/ });
  const responsePane = page.getByRole('region', { name: 'Response', exact: true });
  await expect(requestPane).toBeVisible();
  await expect(responsePane).toBeVisible();
  await expect(requestPane.locator('pre')).not.toBeEmpty();
  const left = await requestPane.boundingBox();
  const right = await responsePane.boundingBox();
  if (!left || !right) throw new Error('the panes have no box');
  expect(Math.abs(left.y - right.y)).toBeLessThan(2);
  expect(left.x + left.width).toBeLessThanOrEqual(right.x);
  const chain = page.getByRole('region', { name: 'Chain of this change' });
  await expect(chain.getByRole('listitem').first()).toBeVisible();
  await expect(chain.locator('a[aria-current="page"]')).toHaveCount(1);
  await expect(chain.getByText('(this attempt)')).toBeVisible();
  await keepScreenshot(page, 'activity-attempt');

  // Action: back to the list, as the browser's back button does.
  await page.goBack();

  // Assertions: the search is as it was.
  await expect(page.getByRole('searchbox', { name: 'Find' })).toHaveValue(order.orderName);
  await expect(results.getByRole('link', { name: order.orderName, exact: true }).first()).toBeVisible();

  // Setup: the correlation id the CRM row carries back to the console (read above, before the browser).
  const { correlationId } = row;

  // Action: search it in the same box.
  await page.getByRole('searchbox', { name: 'Find' }).fill(correlationId);
  await page.getByLabel('Store', { exact: true }).selectOption('');
  await page.getByRole('button', { name: 'Search' }).click();

  // Assertions: the chain of the write that made the row: every row under that id, the order among them.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${correlationId}`));
  await expect(results.getByRole('link', { name: order.orderName, exact: true }).first()).toBeVisible();
  const correlationCells = results.getByRole('link', { name: /^Every attempt of correlation id / });
  const listed = await correlationCells.allTextContents();
  expect(listed.length).toBeGreaterThan(0);
  expect(new Set(listed)).toEqual(new Set([correlationId]));
});

test('Activity says what to fix for a time range that ends before it starts, and finds nothing for an unknown key', async ({
  page,
}) => {
  // Setup
  await signIn(page, 'viewer');
  // Action
  await page.goto('/activity?from=2026-11-27T09:00&to=2026-11-27T08:00');
  // Assertions
  await expect(page.getByRole('alert').filter({ hasText: '"From" must be before "To"' })).toBeVisible();
  // Action
  await page.goto('/activity?q=no-such-order-name-%E2%80%94-anywhere');
  // Assertions
  await expect(page.getByRole('status').filter({ hasText: 'No attempt matches' })).toBeVisible();
});
