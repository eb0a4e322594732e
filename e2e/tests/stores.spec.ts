import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

/**
 * The Stores and orgs page: an admin connects the sandbox's shop and org again through the console (an upsert with
 * the very values the start command used, so the sandbox is left as it was), tests both, previews then runs
 * provisioning (all present: the start provisioned it), registers webhooks, wires the store to the org and switches
 * dry run on and back off. An operator sees the lists only, and the API refuses them a change.
 */

function sandboxShop() {
  const sandbox = readSandbox();
  const shop = sandbox.shopify[0];
  if (!shop) throw new Error('sandbox.json lists no shop');
  // As scripts/lib/connect-sandbox.ts names and reaches it.
  return {
    sandbox,
    shop,
    storeName: `Sandbox ${shop.key.toUpperCase()} (${shop.currency})`,
    apiBaseUrl: shop.adminUrl.slice(0, shop.adminUrl.indexOf('/admin/')),
  };
}

const ORG_NAME = 'Sandbox Dataverse org';

async function openStoresPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Stores and orgs' }).click();
  await expect(page.getByRole('heading', { name: 'Stores and orgs', level: 1 })).toBeVisible();
}

async function fill(form: Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
}

type SandboxShop = ReturnType<typeof sandboxShop>['shop'];

/** The ids of the shop's webhook subscriptions, asked of the simulated shop's Admin API directly. */
async function subscriptionIds(request: APIRequestContext, shop: SandboxShop): Promise<string[]> {
  const response = await request.post(shop.adminUrl, {
    data: { query: '{ webhookSubscriptions(first: 100) { nodes { id } pageInfo { hasNextPage } } }' },
    headers: { 'X-Shopify-Access-Token': shop.accessToken },
  });
  const body = (await response.json()) as {
    data: { webhookSubscriptions: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } } };
  };
  if (body.data.webhookSubscriptions.pageInfo.hasNextPage) throw new Error('more than 100 subscriptions');
  return body.data.webhookSubscriptions.nodes.map((node) => node.id);
}

/** Deletes the subscriptions the test added: the sandbox's shops start with none, and deliver only to those. */
async function removeSubscriptionsAddedSince(
  request: APIRequestContext,
  shop: SandboxShop,
  before: readonly string[],
): Promise<void> {
  for (const id of await subscriptionIds(request, shop)) {
    if (before.includes(id)) continue;
    const response = await request.post(shop.adminUrl, {
      data: {
        query: 'mutation ($id: ID!) { webhookSubscriptionDelete(id: $id) { userErrors { message } } }',
        variables: { id },
      },
      headers: { 'X-Shopify-Access-Token': shop.accessToken },
    });
    expect(response.ok()).toBe(true);
  }
  expect(await subscriptionIds(request, shop)).toEqual(before);
}

/** Turns dry run off through the API with the page's session, whatever the test left it as. */
async function dryRunOff(page: Page, shopDomain: string): Promise<void> {
  const list = await page.request.post('/api/graphql', { data: { query: '{ stores { id shopDomain dryRun } }' } });
  const body = (await list.json()) as { data?: { stores: { id: string; shopDomain: string; dryRun: boolean }[] } };
  const store = body.data?.stores.find((candidate) => candidate.shopDomain === shopDomain);
  if (!store?.dryRun) return;
  await page.request.post('/api/graphql', {
    data: {
      query: 'mutation ($storeId: ID!) { setDryRun(storeId: $storeId, on: false) { dryRun } }',
      variables: { storeId: store.id },
    },
  });
}

test('an admin connects, tests and provisions the sandbox store and org, and registers its webhooks', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Setup
  const { sandbox, shop, storeName, apiBaseUrl } = sandboxShop();
  const { dataverse } = sandbox;
  await signIn(page, 'admin');
  await openStoresPage(page);
  const storeCard = page.getByRole('article', { name: storeName });
  const orgCard = page.getByRole('article', { name: ORG_NAME });
  await expect(storeCard).toBeVisible();
  await expect(storeCard.getByRole('link', { name: shop.shop })).toHaveAttribute('href', `https://${shop.shop}/admin`);
  await expect(orgCard.getByRole('link', { name: dataverse.url })).toBeVisible();
  const subscriptionsBefore = await subscriptionIds(request, shop);

  try {
    // Action: a key the server would refuse is caught before sending.
    const storeForm = page.getByRole('region', { name: 'Connect a store' });
    const storeFields = {
      Key: 'US',
      'Shop domain': shop.shop,
      Name: storeName,
      'Admin API access token': shop.accessToken,
      'Webhook secret': shop.webhookSecret,
      'API version (optional)': shop.apiVersion,
      'API base URL (optional)': apiBaseUrl,
    };
    await fill(storeForm, storeFields);
    await storeForm.getByRole('button', { name: 'Connect store' }).click();
    // Assertions
    await expect(storeForm.getByRole('alert')).toHaveText('Fix Key, then send again.');
    await expect(storeForm.getByLabel('Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(storeForm.getByLabel('Key', { exact: true })).toBeFocused();
    await expect(storeForm.getByText('may hold only lowercase letters and digits')).toBeVisible();

    // Action: the server refuses a key that belongs to another shop, and the form names the field.
    await fill(storeForm, { Key: shop.key, 'Shop domain': 'another-shop.myshopify.com' });
    await storeForm.getByRole('button', { name: 'Connect store' }).click();
    // Assertions
    await expect(storeForm.getByRole('alert')).toContainText(`Key: The key "${shop.key}" is already the key of`);
    await expect(storeForm.getByLabel('Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    // Action: the sandbox's own values connect it again (an update of the same shop domain).
    await fill(storeForm, { Key: shop.key, 'Shop domain': shop.shop });
    await storeForm.getByRole('button', { name: 'Connect store' }).click();
    // Assertions
    await expect(storeForm.getByRole('status')).toHaveText(
      `Connected store ${storeName} (${shop.key}). Test its connection, then register its webhooks.`,
    );
    await expect(storeForm.getByLabel('Admin API access token')).toHaveValue('');

    // Action: the org, likewise.
    const orgForm = page.getByRole('region', { name: 'Connect an org' });
    await expect(orgForm.getByLabel('Client secret')).toHaveAttribute('type', 'password');
    await fill(orgForm, {
      Name: ORG_NAME,
      'Environment URL': dataverse.url,
      'Tenant id': dataverse.tenantId,
      'Client id': dataverse.clientId,
      'Client secret': dataverse.clientSecret,
      'Authority URL (optional)': dataverse.authority,
    });
    await orgForm.getByRole('button', { name: 'Connect org' }).click();
    // Assertions
    await expect(orgForm.getByRole('status')).toHaveText(
      `Connected org ${ORG_NAME} (${dataverse.url}). Test its connection, then preview provisioning.`,
    );
    await expect(page.getByRole('article', { name: storeName })).toHaveCount(1);
    await expect(page.getByRole('article', { name: ORG_NAME })).toHaveCount(1);

    // Action: test both connections.
    await storeCard.getByRole('button', { name: 'Test connection' }).click();
    await orgCard.getByRole('button', { name: 'Test connection' }).click();
    // Assertions
    await expect(storeCard.getByRole('status').filter({ hasText: 'Connected:' })).toContainText(
      `currency ${shop.currency}`,
    );
    await expect(orgCard.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    await expect(orgCard.getByRole('alert')).toHaveCount(0);

    // Action: preview provisioning; Provision is offered only after it.
    const provision = orgCard.getByRole('button', { name: 'Provision', exact: true });
    await expect(provision).toBeDisabled();
    await orgCard.getByRole('button', { name: 'Preview provisioning' }).click();
    // Assertions
    await expect(orgCard.getByRole('status').filter({ hasText: 'Preview:' })).toContainText(
      /Preview: Nothing to create: \d+ columns and keys present\./,
    );
    await orgCard.getByText(/Already present \(\d+\)/).click();
    await expect(orgCard.getByRole('term').filter({ hasText: /^contact$/ })).toBeVisible();
    await expect(provision).toBeEnabled();

    // Action
    await provision.click();
    // Assertions
    await expect(orgCard.getByRole('status').filter({ hasText: 'Provisioned:' })).toContainText(
      /Provisioned: Nothing was created: \d+ columns and keys present\./,
      { timeout: 60_000 },
    );

    // Action: register webhooks at the console's own URL, offered by default.
    const callback = storeCard.getByLabel('Callback URL');
    await expect(callback).toHaveValue(sandbox.webhookUrl);
    await storeCard.getByRole('button', { name: 'Register webhooks' }).click();
    // Assertions
    await expect(storeCard.getByRole('status').filter({ hasText: 'topics registered' })).toContainText(
      /^\d+ topics registered: /,
    );
    await expect(storeCard.getByTestId('webhooks')).toContainText('all subscribed');

    // Action: write to the sandbox org (it already does: the same answer again).
    await storeCard.getByLabel('Org it writes to').selectOption({ label: ORG_NAME });
    await storeCard.getByRole('button', { name: 'Write to org' }).click();
    // Assertions
    await expect(storeCard.getByRole('status').filter({ hasText: 'writes to' })).toHaveText(
      `${storeName} writes to ${ORG_NAME}.`,
    );

    // Action: dry run on, confirmed; then off again.
    await storeCard.getByRole('button', { name: 'Turn dry run on' }).click();
    await storeCard.getByRole('group', { name: 'Confirm dry run' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(storeCard.getByTestId('dry-run')).toHaveText('off');
    await storeCard.getByRole('button', { name: 'Turn dry run on' }).click();
    await storeCard.getByRole('button', { name: 'Yes, turn dry run on' }).click();
    // Assertions
    await expect(storeCard.getByRole('status').filter({ hasText: 'Dry run is on' })).toBeVisible();
    await expect(storeCard.getByTestId('dry-run')).toContainText('on:');
    await keepScreenshot(page, 'stores');
    // Action
    await storeCard.getByRole('button', { name: 'Turn dry run off' }).click();
    await storeCard.getByRole('button', { name: 'Yes, turn dry run off' }).click();
    // Assertions
    await expect(storeCard.getByTestId('dry-run')).toHaveText('off');
  } finally {
    // The specs after this one expect the sandbox as the start left it: writing to the CRM, its subscriptions.
    await dryRunOff(page, shop.shop);
    await removeSubscriptionsAddedSince(request, shop, subscriptionsBefore);
  }
});

/** The store's status as the API answers it, with the page's session. */
async function storeStatus(page: Page, shopDomain: string): Promise<{ id: string; status: string }> {
  const list = await page.request.post('/api/graphql', { data: { query: '{ stores { id shopDomain status } }' } });
  const body = (await list.json()) as { data?: { stores: { id: string; shopDomain: string; status: string }[] } };
  const store = body.data?.stores.find((candidate) => candidate.shopDomain === shopDomain);
  if (!store) throw new Error(`the API lists no store ${shopDomain}`);
  return store;
}

test('an admin disconnects a store after reading what that stops and keeps, then reconnects it', async ({ page }) => {
  test.setTimeout(120_000);
  // Setup: the sandbox's last store, so the specs that use the first are not concerned even if this one fails.
  const sandbox = readSandbox();
  const shop = sandbox.shopify.at(-1);
  if (!shop) throw new Error('sandbox.json lists no shop');
  const storeName = `Sandbox ${shop.key.toUpperCase()} (${shop.currency})`;
  await signIn(page, 'admin');
  await openStoresPage(page);
  const storeCard = page.getByRole('article', { name: storeName });
  const badge = storeCard.locator('header .badge');
  await expect(badge).toHaveText('active');

  try {
    // Action: ask, read, and cancel.
    await storeCard.getByRole('button', { name: 'Disconnect', exact: true }).click();
    const confirm = storeCard.getByRole('group', { name: 'Confirm disconnect' });
    // Assertions: the question says what stops and what is kept; cancelling changes nothing.
    await expect(confirm).toContainText(`Disconnect ${storeName}? Its sync stops`);
    await expect(confirm).toContainText('its webhooks are still acknowledged and stored but not processed');
    await expect(confirm).toContainText('its CRM rows, links and poll cursors are kept');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    expect((await storeStatus(page, shop.shop)).status).toBe('ACTIVE');

    // Action: disconnect, with a reason.
    await storeCard.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await confirm.getByLabel(/^Reason/).fill('e2e: checking the switch');
    await confirm.getByRole('button', { name: 'Yes, disconnect' }).click();
    // Assertions: said, shown, and so in the API; the store offers Reconnect only.
    await expect(storeCard.getByRole('status').filter({ hasText: 'is disconnected' })).toHaveText(
      `${storeName} is disconnected: nothing is synced until it is reconnected.`,
    );
    await expect(badge).toHaveText('disconnected');
    await expect(storeCard.getByText('nothing while disconnected (its CRM rows and links are kept)')).toBeVisible();
    await expect(storeCard.getByRole('button', { name: 'Disconnect', exact: true })).toHaveCount(0);
    expect((await storeStatus(page, shop.shop)).status).toBe('DISCONNECTED');
    await keepScreenshot(page, 'store-disconnected');

    // Action: reconnect.
    await storeCard.getByRole('button', { name: 'Reconnect' }).click();
    // Assertions
    await expect(storeCard.getByRole('status').filter({ hasText: 'is reconnected' })).toHaveText(
      `${storeName} is reconnected: its poll runs now and brings what changed meanwhile.`,
    );
    await expect(badge).toHaveText('active');
    await expect(storeCard.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible();
    expect((await storeStatus(page, shop.shop)).status).toBe('ACTIVE');
  } finally {
    // The specs after this one expect every sandbox store syncing.
    const store = await storeStatus(page, shop.shop);
    if (store.status === 'DISCONNECTED') {
      await page.request.post('/api/graphql', {
        data: {
          query: 'mutation ($storeId: ID!) { reconnectStore(storeId: $storeId) { status } }',
          variables: { storeId: store.id },
        },
      });
    }
  }
});

test('an operator reads the stores and orgs without actions, and the API refuses them connectStore', async ({
  page,
}) => {
  // Setup
  const { shop, storeName } = sandboxShop();
  await signIn(page, 'operator');
  // Action
  await openStoresPage(page);
  // Assertions: the lists, and no form or action.
  await expect(page.getByRole('article', { name: storeName })).toBeVisible();
  await expect(page.getByRole('article', { name: ORG_NAME })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('need the admin role');
  await expect(page.getByRole('region', { name: 'Connect a store' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Connect an org' })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('textbox')).toHaveCount(0);

  // Action: the API, with the operator's session cookie.
  const response = await page.request.post('/api/graphql', {
    data: {
      query: 'mutation ($input: ConnectStoreInput!) { connectStore(input: $input) { id } }',
      variables: {
        input: {
          key: 'opx',
          shopDomain: 'operator-attempt.myshopify.com',
          name: 'Not allowed',
          accessToken: 'shpat_x',
          webhookSecret: 'x',
        },
      },
    },
  });
  const body = (await response.json()) as { data: unknown; errors?: { extensions?: { code?: string } }[] };
  const list = await page.request.post('/api/graphql', { data: { query: '{ stores { shopDomain } }' } });
  const stores = ((await list.json()) as { data: { stores: { shopDomain: string }[] } }).data.stores;
  // Assertions
  expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(stores.map((store) => store.shopDomain)).toContain(shop.shop);
  expect(stores.map((store) => store.shopDomain)).not.toContain('operator-attempt.myshopify.com');
});
