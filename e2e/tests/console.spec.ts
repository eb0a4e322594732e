import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { baseURL, e2eDataDir } from '../playwright.config';

test('the console shows a healthy system: database, migrations and a live worker', async ({ page }) => {
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
  // Action
  const response = await request.post('/api/graphql', {
    data: { query: '{ health { status database { ok } migrations { ok applied expected } worker { ok } } }' },
  });
  // Assertions
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    data: { health: { status: string; migrations: { applied: number; expected: number } } };
  };
  expect(body.data.health.status).toBe('OK');
  expect(body.data.health.migrations.applied).toBe(body.data.health.migrations.expected);
});

test('the sandbox publishes its connection details when nothing real is configured', () => {
  const details = JSON.parse(readFileSync(join(e2eDataDir, 'sandbox.json'), 'utf8')) as Record<string, unknown>;
  expect(details).toMatchObject({ web: baseURL, graphql: `${baseURL}/api/graphql` });
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
