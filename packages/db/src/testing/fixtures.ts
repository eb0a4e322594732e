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
