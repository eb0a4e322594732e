import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { SandboxDetails } from '@shopverse/sandbox';
import { baseURL, e2eDataDir } from '../playwright.config';
import { readSandbox, signIn } from './support/sign-in';

test('the console shows a healthy system: database, migrations and a live worker', async ({ page }) => {
  // Setup
  await signIn(page, 'viewer');
  // Action
  await page.goto('/');
  // Assertions
  await expect(page.getByRole('heading', { name: 'Shopverse', level: 1 })).toBeVisible();
  const health = page.getByRole('region', { name: 'System health' });
  await expect(health.locator('[data-status]').filter({ hasText: 'Database' })).toHaveAttribute('data-status', 'ok');
  await expect(health.locator('[data-status]').filter({ hasText: 'Migrations' })).toHaveAttribute('data-status', 'ok');
  await expect(health.locator('[data-status]').filter({ hasText: 'Worker' })).toHaveAttribute('data-status', 'ok');
  await expect(health.getByText('All systems operational')).toBeVisible();
});

test('the GraphQL API answers the health query that reporting tools use', async ({ request }) => {
  // Setup
  const { apiToken } = readSandbox();
  // Action
  const response = await request.post('/api/graphql', {
    data: { query: '{ health { status database { ok } migrations { ok applied expected } worker { ok } } }' },
    headers: { Authorization: `Bearer ${apiToken}` },
  });
  // Assertions
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    data: { health: { status: string; migrations: { applied: number; expected: number } } };
  };
  expect(body.data.health.status).toBe('OK');
  expect(body.data.health.migrations.applied).toBe(body.data.health.migrations.expected);
});

test('the sandbox runs Shopify, Dataverse and Entra ID, and publishes how to reach them', async ({ request }) => {
  // Setup
  const details = JSON.parse(readFileSync(join(e2eDataDir, 'sandbox.json'), 'utf8')) as SandboxDetails;
  expect(details).toMatchObject({ web: baseURL, graphql: `${baseURL}/api/graphql` });
  const [shop] = details.shopify;
  if (!shop) throw new Error('sandbox.json lists no shop');
  // Action: the demo shop answers its own token and refuses another.
  const query = { data: { query: '{ shop { name currencyCode } orders(first: 1) { nodes { name } } }' } };
  const good = await request.post(shop.adminUrl, { ...query, headers: { 'X-Shopify-Access-Token': shop.accessToken } });
  const bad = await request.post(shop.adminUrl, { ...query, headers: { 'X-Shopify-Access-Token': 'shpat_wrong' } });
  // Action: the org refuses anonymous calls and accepts a token from the sandbox's Entra ID.
  const anonymous = await request.get(`${details.dataverse.apiUrl}contacts?$top=1`);
  const token = await request.post(`${details.dataverse.authority}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: details.dataverse.clientId,
      client_secret: details.dataverse.clientSecret,
      scope: details.dataverse.scope,
    },
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const authorised = await request.get(`${details.dataverse.apiUrl}transactioncurrencies?$select=isocurrencycode`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  // Assertions
  expect(good.status()).toBe(200);
  const body = (await good.json()) as { data: { orders: { nodes: { name: string }[] } } };
  expect(body.data.orders.nodes).toHaveLength(1);
  expect(bad.status()).toBe(401);
  expect(anonymous.status()).toBe(401);
  expect(authorised.status()).toBe(200);
  const currencies = (await authorised.json()) as { value: { isocurrencycode: string }[] };
  expect(currencies.value.map((row) => row.isocurrencycode).sort()).toEqual(['CAD', 'EUR', 'USD']);
});

test('a second start on the same data folder fails with a clear message and leaves the first running', async ({
  request,
}) => {
  // Setup
  const root = join(import.meta.dirname, '..', '..');
  // Action
  const second = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '3190', SHOPVERSE_DATA_DIR: e2eDataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  second.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
  // Assertions
  expect(code).toBe(1);
  expect(output).toMatch(/is already in use by another Shopverse process \(pid \d+/);
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
});
