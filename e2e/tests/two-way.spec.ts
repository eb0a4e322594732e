import { expect, type Page, test } from '@playwright/test';
import { crmRequest } from './support/crm';
import { keepScreenshot } from './support/screenshots';
import { restoreSettings, storesNow } from './support/settings';
import { readSandbox, signIn } from './support/sign-in';

/** One Admin API call to the sandbox's `us` shop, as the shop's own app would make it. */
async function shopify<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const shop = readSandbox().shopify.find((entry) => entry.key === 'us');
  if (!shop) throw new Error('the sandbox has no us shop');
  const response = await fetch(shop.adminUrl, {
    method: 'POST',
    headers: { 'X-Shopify-Access-Token': shop.accessToken, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`the shop refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function contactOf(legacyId: string): Promise<{ contactid: string; emailaddress1: string | null } | undefined> {
  const response = await crmRequest(
    `contacts?$select=contactid,emailaddress1&$filter=sv_shopifyid eq 'us_${legacyId}'`,
  );
  const body = (await response.json()) as { value: { contactid: string; emailaddress1: string | null }[] };
  return body.value[0];
}

/** The customer's email as the shop holds it now. */
async function shopEmail(gid: string): Promise<string | null> {
  const data = await shopify<{ customer: { email: string | null } | null }>(
    'query ($id: ID!) { customer(id: $id) { email } }',
    { id: gid },
  );
  return data.customer?.email ?? null;
}

/** Saves the store's settings as the admin signed in on `page` (the console's own mutation). */
async function saveSettings(page: Page, storeId: string, settings: Record<string, unknown>): Promise<void> {
  const saved = await page.request.post('/api/graphql', {
    data: {
      query: `mutation ($storeId: ID!, $settings: JSON!) { updateStoreSettings(storeId: $storeId, settings: $settings) { id } }`,
      variables: { storeId, settings },
    },
  });
  expect(await saved.json()).not.toHaveProperty('errors');
}

test('an email edited in the CRM and in Shopify waits in the merge queue under ask, and the CRM side kept reaches Shopify', async ({
  page,
  request,
}) => {
  // The CRM's change poll runs once a minute: the item can take that long to appear.
  test.setTimeout(360_000);
  const startedAt = new Date();
  const store = (await storesNow(request)).find((entry) => entry.key === 'us');
  if (!store) throw new Error('the sandbox has no us store');
  await signIn(page, 'admin');
  try {
    // Setup: the store asks a person about emails edited on both sides; the Shopify -> CRM sync keeps a CRM edit.
    const { twoWay, customers } = store.settings as { twoWay?: object; customers?: object };
    await saveSettings(page, store.id, {
      ...store.settings,
      twoWay: { ...twoWay, enabled: true, conflictPolicy: { email: 'ask' } },
      customers: { ...customers, defaultConflictPolicy: 'crmWins' },
    });
    const tag = Date.now().toString(36);
    const created = await shopify<{ customerCreate: { customer: { id: string; legacyResourceId: string } | null } }>(
      `mutation ($input: CustomerInput!) { customerCreate(input: $input) {
        customer { id legacyResourceId } userErrors { field message } } }`,
      { input: { firstName: 'Asked', lastName: `Twice${tag}`, email: `asked-${tag}@two-way.example.com` } },
    );
    const customer = created.customerCreate.customer;
    if (!customer) throw new Error('the shop refused the customer');
    await expect
      // The start's first syncs of the demo shops may still be running when this test runs first.
      .poll(async () => (await contactOf(customer.legacyResourceId))?.emailaddress1, { timeout: 120_000 })
      .toBe(`asked-${tag}@two-way.example.com`);
    const contact = await contactOf(customer.legacyResourceId);
    if (!contact) throw new Error('the customer has no contact');
    // The CRM's edit first, then Shopify's at once: both sides changed before either direction synced the other.
    const editBoth = async (round: number) => {
      const emails = {
        crm: `asked-${tag}-${round}@crm.example.com`,
        shopify: `asked-${tag}-${round}@shop.example.com`,
      };
      const edited = await crmRequest(`contacts(${contact.contactid})`, {
        method: 'PATCH',
        body: { emailaddress1: emails.crm },
      });
      expect(edited.status).toBe(204);
      await shopify('mutation ($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }', {
        input: { id: customer.id, email: emails.shopify },
      });
      return emails;
    };
    const parked = (shopifyEmail: string) =>
      page.getByRole('article', { name: `Customer ${shopifyEmail}: edited on both sides` });

    // Action: the operator finds the item the next poll parked, and keeps the CRM's email.
    await page.goto('/merge-queue');
    let emails = await editBoth(1);
    const appears = (shopifyEmail: string) =>
      expect(async () => {
        await page.reload();
        await expect(parked(shopifyEmail)).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 75_000, intervals: [5_000] });
    try {
      await appears(emails.shopify);
    } catch {
      // Run first after the start, the edits can land before the CRM poll's first run, which only takes a baseline
      // of the org: edit both sides again, now that the poll compares.
      emails = await editBoth(2);
      await appears(emails.shopify);
    }
    const { crm: crmEmail, shopify: shopifyEmail } = emails;
    const item = parked(shopifyEmail);
    await expect(item.getByRole('region')).toContainText(crmEmail);
    await expect(item.getByRole('region')).toContainText(shopifyEmail);
    await keepScreenshot(page, 'merge-queue-two-way-conflict');
    await item.getByRole('button', { name: "Keep the CRM's" }).click();
    const confirm = item.getByRole('group', { name: 'Confirm the decision' });
    await expect(confirm).toContainText(`Keep the CRM's email for ${shopifyEmail}?`);
    await expect(confirm.getByRole('button', { name: 'Confirm' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Confirm' }).click();

    // Assertions: said, off the open items, and the CRM's email in Shopify with the CRM unchanged.
    await expect(page.getByRole('status').filter({ hasText: 'kept' })).toContainText(
      "The CRM's email kept: the push to Shopify is queued.",
    );
    await expect(item).toHaveCount(0);
    await expect.poll(() => shopEmail(customer.id), { timeout: 30_000 }).toBe(crmEmail);
    expect((await contactOf(customer.legacyResourceId))?.emailaddress1).toBe(crmEmail);
  } finally {
    await restoreSettings(page, store.id, startedAt);
  }
});
