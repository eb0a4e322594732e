import { pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';

/**
 * A Dataverse (Dynamics 365) environment we write to, and the Entra ID app registration used to reach it.
 * Deleting an org cascades to its connections, links and queued merges; the sync log and audit keep their rows
 * with `org_id` set to null.
 */
export const crmOrgs = pgTable('crm_orgs', {
  id: id(),
  /** Display name in the console. */
  name: text('name').notNull(),
  /** Environment URL, e.g. `https://contoso.crm4.dynamics.com`; also the base of the token scope (`<url>/.default`). */
  url: text('url').notNull().unique('crm_orgs_url_key'),
  /** Web API base, e.g. `https://contoso.crm4.dynamics.com/api/data/v9.2/`. */
  apiUrl: text('api_url').notNull(),
  /** Entra ID tenant (directory) id. */
  tenantId: text('tenant_id').notNull(),
  /** Entra ID application (client) id of the app user in this org. */
  clientId: text('client_id').notNull(),
  /** Client secret, sealed by `secrets.ts`; null when the org is not connected yet. */
  clientSecretEncrypted: text('client_secret_encrypted'),
  /** Authority URL override (sovereign clouds, the sandbox); null means `https://login.microsoftonline.com/<tenant>`. */
  authorityUrl: text('authority_url'),
  /** Customization prefix of the publisher our columns are provisioned under (`sv` gives `sv_shopifyid`). */
  publisherPrefix: text('publisher_prefix').notNull().default('sv'),
  ...timestamps(),
});

export type CrmOrg = typeof crmOrgs.$inferSelect;
export type NewCrmOrg = typeof crmOrgs.$inferInsert;
