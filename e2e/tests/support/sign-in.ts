import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { SandboxDetails } from '@shopverse/sandbox';
import { e2eDataDir } from '../../playwright.config';

export type Role = 'viewer' | 'operator' | 'admin';

/** `.data/e2e/sandbox.json`, with the operator API token the start command adds to it. */
export type SandboxFile = SandboxDetails & { apiToken: string };

export function readSandbox(): SandboxFile {
  return JSON.parse(readFileSync(join(e2eDataDir, 'sandbox.json'), 'utf8')) as SandboxFile;
}

/** The sandbox user who holds `role` in its Entra ID. */
export function sandboxUser(role: Role): SandboxDetails['users'][number] {
  const user = readSandbox().users.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`sandbox.json lists no ${role} user`);
  return user;
}

/**
 * Signs in as the sandbox's `role` user the way a person does: the console sends the visitor to its sign-in page,
 * then to the Entra simulator's form, and back. Ends on the console's home page.
 */
export async function signIn(page: Page, role: Role): Promise<{ email: string }> {
  const user = sandboxUser(role);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Microsoft Entra ID' }).click();
  await page.locator('#login').fill(user.email);
  await page.locator('#passwd').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Signed in user' })).toBeVisible();
  return { email: user.email };
}
