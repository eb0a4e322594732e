import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { readSandbox, sandboxUser } from './sign-in';

export interface StoreSettings {
  id: string;
  key: string;
  name: string;
  settings: Record<string, unknown>;
}

/** The stores with their saved settings, asked with the sandbox's token as a reporting tool would. */
export async function storesNow(request: APIRequestContext): Promise<StoreSettings[]> {
  const response = await request.post('/api/graphql', {
    data: { query: '{ stores { id key name settings } }' },
    headers: { Authorization: `Bearer ${readSandbox().apiToken}` },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data?: { stores: StoreSettings[] }; errors?: unknown };
  if (!body.data) throw new Error(`the API refused: ${JSON.stringify(body.errors)}`);
  return body.data.stores;
}

/**
 * Puts back the store's settings exactly as they were stored before this test's first save (its audit event's
 * `before`), so that the start command still knows the sandbox's own settings and renews their ids on its next start.
 * Nothing to do when no save of the admin's went through.
 */
export async function restoreSettings(page: Page, storeId: string, since: Date): Promise<void> {
  const events = await page.request.post('/api/graphql', {
    data: {
      query: `query ($filter: AuditEventFilter) { auditEvents(first: 50, filter: $filter) {
        edges { node { occurredAt details } } } }`,
      variables: { filter: { storeId, action: 'store.update_settings', actor: sandboxUser('admin').email } },
    },
  });
  const body = (await events.json()) as {
    data?: { auditEvents: { edges: { node: { occurredAt: string; details: { before: unknown } } }[] } };
  };
  const ours = (body.data?.auditEvents.edges ?? []).filter(
    (edge) => Date.parse(edge.node.occurredAt) >= since.getTime() - 1000,
  );
  // Newest first: the last of ours is the first save.
  const first = ours.at(-1);
  if (!first) return;
  const restored = await page.request.post('/api/graphql', {
    data: {
      query: `mutation ($storeId: ID!, $settings: JSON!) {
        updateStoreSettings(storeId: $storeId, settings: $settings) { id } }`,
      variables: { storeId, settings: first.node.details.before },
    },
  });
  expect(await restored.json()).not.toHaveProperty('errors');
}
