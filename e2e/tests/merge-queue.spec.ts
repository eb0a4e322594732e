import { expect, type APIRequestContext, test } from '@playwright/test';
import { crmToken } from './support/crm';
import { keepScreenshot } from './support/screenshots';
import { readSandbox, signIn } from './support/sign-in';

interface OpenItem {
  id: string;
  storeId: string;
  shopifyGid: string;
  candidates: { crmId: string; matchedOn: string[] }[];
}

/** A contact made in the CRM by someone else, as a CRM user would: no Shopify key of ours on it. */
async function createContact(
  request: APIRequestContext,
  token: string,
  row: { firstname: string; lastname: string; emailaddress1: string },
): Promise<string> {
  const response = await request.post(`${readSandbox().dataverse.apiUrl}contacts`, {
    data: row,
    headers: { Authorization: `Bearer ${token}`, Prefer: 'return=representation' },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { contactid: string }).contactid;
}

/** The open merge item of a Shopify record, read through the API with the sandbox's operator token. */
async function openItemOf(request: APIRequestContext, shopifyGid: string): Promise<OpenItem | undefined> {
  const response = await request.post('/api/graphql', {
    data: {
      query:
        '{ mergeQueue(status: OPEN, first: 200) { nodes { id storeId shopifyGid candidates { crmId matchedOn } } } }',
    },
    headers: { Authorization: `Bearer ${readSandbox().apiToken}` },
  });
  const body = (await response.json()) as { data?: { mergeQueue: { nodes: OpenItem[] } } };
  return body.data?.mergeQueue.nodes.find((node) => node.shopifyGid === shopifyGid);
}

/** Gids the merge queue holds a decision for, from earlier runs on the same data folder. */
async function decidedGids(request: APIRequestContext): Promise<Set<string>> {
  const response = await request.post('/api/graphql', {
    data: {
      query: `{ resolved: mergeQueue(status: RESOLVED, first: 200) { nodes { shopifyGid } }
        dismissed: mergeQueue(status: DISMISSED, first: 200) { nodes { shopifyGid } } }`,
    },
    headers: { Authorization: `Bearer ${readSandbox().apiToken}` },
  });
  const body = (await response.json()) as {
    data: Record<'resolved' | 'dismissed', { nodes: { shopifyGid: string }[] }>;
  };
  return new Set([...body.data.resolved.nodes, ...body.data.dismissed.nodes].map((node) => node.shopifyGid));
}

/**
 * Signs a customer up in the sandbox shop. The simulator numbers records the same way on every start, while the
 * console's database outlives it in a reused data folder; a customer whose gid a person already decided about (in an
 * earlier run) would follow that decision instead of asking, so such a customer is deleted and made again.
 */
async function createUndecidedCustomer(
  request: APIRequestContext,
  input: { firstName: string; lastName: string; email: string },
): Promise<string> {
  const [shop] = readSandbox().shopify;
  if (!shop) throw new Error('sandbox.json lists no shop');
  const admin = (query: string, variables: Record<string, unknown>) =>
    request.post(shop.adminUrl, {
      data: { query, variables },
      headers: { 'X-Shopify-Access-Token': shop.accessToken },
    });
  const decided = await decidedGids(request);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const created = await admin(
      `mutation ($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { field message } } }`,
      { input },
    );
    const { data } = (await created.json()) as {
      data: { customerCreate: { customer: { id: string } | null; userErrors: unknown[] } };
    };
    expect(data.customerCreate.userErrors).toEqual([]);
    const gid = data.customerCreate.customer?.id ?? '';
    if (!decided.has(gid)) return gid;
    await admin(`mutation ($id: ID!) { customerDelete(input: { id: $id }) { userErrors { message } } }`, { id: gid });
  }
  throw new Error('every new customer had a gid decided about in an earlier run');
}

/**
 * A real ambiguous match: two contacts in the CRM share an email (a shared inbox), then a Shopify customer signs up
 * with it; its customers/create webhook reaches the console and the sync parks it for a person.
 */
async function parkAmbiguousCustomer(request: APIRequestContext, firstName: string) {
  const stamp = `${Date.now().toString(36)}${firstName.toLowerCase()}`;
  const email = `shared-${stamp}@merge.example.com`;
  const lastName = `Shared${stamp}`;
  const token = await crmToken();
  const first = await createContact(request, token, { firstname: firstName, lastname: lastName, emailaddress1: email });
  const second = await createContact(request, token, { firstname: 'Ava', lastname: lastName, emailaddress1: email });
  const customerGid = await createUndecidedCustomer(request, { firstName, lastName, email });
  let item: OpenItem | undefined;
  await expect.poll(async () => (item = await openItemOf(request, customerGid)), { timeout: 60_000 }).toBeDefined();
  if (!item) throw new Error(`${customerGid} was not parked`);
  return { name: `${firstName} ${lastName}`, email, first, second, customerGid, item };
}

test('an operator links an ambiguous customer to one of the contacts that share its email', async ({
  page,
  request,
}) => {
  // The webhook, the worker's sync and the console's refresh: well within a minute and a half.
  test.setTimeout(120_000);
  // Setup
  const { name, email, first, second, customerGid, item: parked } = await parkAmbiguousCustomer(request, 'Ada');
  const operator = await signIn(page, 'operator');

  // Action
  await page.goto('/merge-queue');
  await page.getByLabel('Store').selectOption(parked.storeId);
  const item = page.getByRole('article', { name: `Customer ${name}` });
  // Assertions: the record beside both candidates, the shared email marked on each.
  await expect(item).toBeVisible();
  await expect(item).toContainText('2 contacts match on email');
  const compare = item.getByRole('table');
  await expect(compare.getByRole('columnheader', { name: new RegExp(first) })).toBeVisible();
  await expect(compare.getByRole('columnheader', { name: new RegExp(second) })).toBeVisible();
  const emailRow = compare.getByRole('row', { name: /^Email/ });
  await expect(emailRow.locator('mark').first()).toHaveText(email);
  await expect(emailRow.getByText('same email')).toHaveCount(2);
  await expect(compare.getByRole('row', { name: /^Matched on/ }).getByText('email', { exact: true })).toHaveCount(2);
  await keepScreenshot(page, 'merge-queue');

  // Action: link to the first contact, confirming the decision.
  await expect(item.getByRole('button', { name: 'Link to this contact' })).toHaveCount(2);
  const firstColumn = await compare.getByRole('columnheader', { name: new RegExp(first) }).getAttribute('id');
  await item.locator(`button[aria-describedby="${firstColumn}"]`).click();
  const confirm = item.getByRole('group', { name: 'Confirm the decision' });
  await expect(confirm).toContainText(`Link ${name} to ${name} <${email}>?`);
  await confirm.getByRole('button', { name: 'Confirm' }).click();

  // Assertions: said, gone from the open items, and shown as decided by whom.
  await expect(page.getByRole('status').filter({ hasText: 'Linked to' })).toContainText(
    `${name}: Linked to ${name} <${email}> by ${operator.email}`,
  );
  await expect(item).toHaveCount(0);
  await page.getByLabel('Status').selectOption('RESOLVED');
  const resolved = page.getByRole('article', { name: `Customer ${name}` });
  await expect(resolved).toContainText(`Linked to ${name} <${email}> by ${operator.email}`);
  await expect(resolved.getByRole('button')).toHaveCount(0);
  expect(await openItemOf(request, customerGid)).toBeUndefined();
});

test('a decision someone made first is said plainly, and theirs stands', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Setup: the operator is about to confirm a decision when a reporting tool's token ignores the item.
  const { name, item: parked } = await parkAmbiguousCustomer(request, 'Bea');
  await signIn(page, 'operator');
  await page.goto('/merge-queue');
  const item = page.getByRole('article', { name: `Customer ${name}` });
  await item.getByRole('button', { name: 'Create new contact' }).click();
  const confirm = item.getByRole('group', { name: 'Confirm the decision' });
  await expect(confirm).toContainText(`Create a new contact for ${name}?`);
  const ignored = await request.post('/api/graphql', {
    data: {
      query: 'mutation ($id: ID!) { resolveMerge(id: $id, decision: { kind: IGNORE }) { status resolvedBy } }',
      variables: { id: parked.id },
    },
    headers: { Authorization: `Bearer ${readSandbox().apiToken}` },
  });
  const { data } = (await ignored.json()) as { data: { resolveMerge: { status: string; resolvedBy: string } } };
  expect(data.resolveMerge.status).toBe('DISMISSED');

  // Action
  await confirm.getByRole('button', { name: 'Confirm' }).click();

  // Assertions
  const alert = page.getByRole('alert').filter({ hasText: 'was not recorded' });
  await expect(alert).toContainText(`The decision on ${name} was not recorded`);
  await expect(alert).toContainText(`was already dismissed by ${data.resolveMerge.resolvedBy}`);
  await expect(alert).toContainText('Someone decided first and their decision stands');
  await expect(item).toHaveCount(0);
  await page.getByLabel('Status').selectOption('DISMISSED');
  await expect(page.getByRole('article', { name: `Customer ${name}` })).toContainText(
    `Ignored by ${data.resolveMerge.resolvedBy}`,
  );
});
