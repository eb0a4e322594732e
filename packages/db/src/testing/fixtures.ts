import type { Database } from '../client';
import { upsertCrmOrg } from '../queries/crm-orgs';
import { upsertStore } from '../queries/stores';
import type { SecretBox } from '../secrets';

/** A store as tests need one: `<key>.myshopify.com`, named by its key, with the settings given. */
export function testStore(db: Database, box: SecretBox, key: string, settings: Record<string, unknown> = {}) {
  return upsertStore(db, box, { key, shopDomain: `${key}.myshopify.com`, name: key, apiVersion: '2025-01', settings });
}

/** A Dataverse org as tests need one: `https://<name>.crm.dynamics.com`, with fixed tenant and client ids. */
export function testOrg(db: Database, box: SecretBox, name: string) {
  return upsertCrmOrg(db, box, {
    name,
    url: `https://${name}.crm.dynamics.com`,
    apiUrl: `https://${name}.crm.dynamics.com/api/data/v9.2/`,
    tenantId: '00000000-0000-0000-0000-000000000001',
    clientId: '00000000-0000-0000-0000-000000000002',
  });
}

/** Polls `check` every 50 ms until it answers something, or fails naming `what` it waited for. */
export async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
