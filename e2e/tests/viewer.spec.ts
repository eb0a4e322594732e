import { expect, type Page, test } from '@playwright/test';
import { failOneOrder, type FailedOrder } from './support/failed-order';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

/** Names of the buttons that change the sync: none of them may be offered to a viewer. */
const ACTIONS = /retry|resolve|start|create new|ignore|link to|merge|confirm/i;

/** Retries the order's open dead letter with the sandbox's operator token, so the failed list is left as it was. */
async function retryAsOperator(gid: string): Promise<void> {
  const { graphql, apiToken } = readSandbox();
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${apiToken}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: { deadLetters?: { nodes: { id: string; shopifyGid: string | null }[] } };
    };
  };
  const open = await call('{ deadLetters(first: 200) { nodes { id shopifyGid } } }');
  const ids = (open.data?.deadLetters?.nodes ?? []).filter((node) => node.shopifyGid === gid).map((node) => node.id);
  if (ids.length > 0) await call('mutation ($ids: [ID!]!) { retryDeadLetters(ids: $ids) { count } }', { ids });
}

async function readOnlyPage(page: Page, path: string, heading: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  // The page's data has arrived once nothing is loading any more.
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('main').getByRole('button', { name: ACTIONS })).toHaveCount(0);
}

test('a viewer sees the failed list, the merge queue and the backfills without a single action', async ({ page }) => {
  test.setTimeout(240_000);
  let order: FailedOrder | undefined;
  try {
    // Setup: one order refused by a plug-in, so that the failed list has a record to retry
    order = await failOneOrder('Contoso.OrderCheck: held for review (viewer test); ISV code aborted the operation.');
    const label = new RegExp(`\\border ${order.legacyId}\\b`);
    await signIn(page, 'viewer');

    // Action
    await page.goto('/failed');

    // Assertions: the record is listed with its links, without checkboxes or retry buttons
    const failed = page.getByRole('region', { name: 'Failed records' });
    const record = failed.getByRole('listitem').filter({ hasText: label });
    await expect(record).toBeVisible({ timeout: 90_000 });
    await expect(failed.getByText('Retrying needs the operator role.')).toBeVisible();
    await expect(record.getByRole('link', { name: /^Activity of order / })).toBeVisible();
    await expect(failed.getByRole('checkbox')).toHaveCount(0);
    await expect(failed.getByRole('button')).toHaveCount(0);
    await keepScreenshot(page, 'failed-viewer');

    // Action and assertions: the other pages that act on the sync show no action either
    await readOnlyPage(page, '/merge-queue', 'Merge queue');
    await readOnlyPage(page, '/backfills', 'Backfills');
  } finally {
    await order?.restore();
    if (order) await retryAsOperator(order.gid);
  }
});

test('the API refuses a viewer’s retry with FORBIDDEN, even with a valid store', async ({ page }) => {
  // Setup
  await signIn(page, 'viewer');
  const listed = await page.request.post('/api/graphql', { data: { query: '{ stores { id key } }' } });
  const { data } = (await listed.json()) as { data: { stores: { id: string; key: string }[] } };
  const store = data.stores.find((candidate) => candidate.key === 'us') ?? data.stores[0];
  if (!store) throw new Error('the console lists no store');

  // Action: the mutation the Retry buttons send, with the viewer's session cookie
  const response = await page.request.post('/api/graphql', {
    data: {
      query: 'mutation ($storeId: ID!) { retryFailed(storeId: $storeId) { count } }',
      variables: { storeId: store.id },
    },
  });

  // Assertions
  const body = (await response.json()) as {
    data: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(body.errors?.[0]?.message).toContain('needs the operator role');
  expect(body.data).toBeNull();
});
