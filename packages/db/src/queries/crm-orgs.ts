import { and, eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { Database } from '../client';
import { crmOrgs, type CrmOrg, storeConnections } from '../schema';
import type { SecretBox } from '../secrets';

/** The AAD context of the sealed client secret; see secrets.ts. */
const CLIENT_SECRET = 'crm_orgs.client_secret';

export interface CrmOrgInput {
  name: string;
  url: string;
  apiUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  authorityUrl?: string | null;
  publisherPrefix?: string;
}

/** An org as the rest of the program sees it: no sealed column. */
export type CrmOrgSummary = Omit<CrmOrg, 'clientSecretEncrypted'> & { hasClientSecret: boolean };

function summarise(row: CrmOrg): CrmOrgSummary {
  const { clientSecretEncrypted, ...rest } = row;
  return { ...rest, hasClientSecret: clientSecretEncrypted !== null };
}

/** Adds an org or updates the one with the same URL; the client secret is sealed before it leaves the process. */
export async function upsertCrmOrg(db: Database, box: SecretBox, input: CrmOrgInput): Promise<CrmOrgSummary> {
  const { clientSecret, ...rest } = input;
  const values = {
    ...rest,
    url: input.url.replace(/\/$/, ''),
    ...(clientSecret !== undefined ? { clientSecretEncrypted: box.seal(clientSecret, CLIENT_SECRET) } : {}),
  };
  const [row] = await db
    .insert(crmOrgs)
    .values(values)
    .onConflictDoUpdate({ target: crmOrgs.url, set: { ...values, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error(`Saving the CRM org ${input.url} returned no row.`);
  return summarise(row);
}

/** Opens an org's client secret, for the token provider; never log the result. */
export async function readCrmOrgSecret(db: Database, box: SecretBox, orgId: string): Promise<string | undefined> {
  const [row] = await db.select({ secret: crmOrgs.clientSecretEncrypted }).from(crmOrgs).where(eq(crmOrgs.id, orgId));
  if (!row) throw new Error(`No CRM org with id ${orgId}.`);
  return row.secret === null ? undefined : box.open(row.secret, CLIENT_SECRET);
}

/** Lets a store write to an org (idempotent); a disabled connection is enabled again. */
export async function connectStoreToOrg(db: Database, storeId: string, orgId: string): Promise<void> {
  await db
    .insert(storeConnections)
    .values({ storeId, orgId })
    .onConflictDoUpdate({
      target: [storeConnections.storeId, storeConnections.orgId],
      set: { enabled: true, updatedAt: new Date() },
    });
}

/** The orgs a store writes to, through its enabled connections. */
export async function orgsOfStore(db: Database, storeId: string): Promise<CrmOrgSummary[]> {
  const rows = await db
    .select({ org: crmOrgs })
    .from(storeConnections)
    .innerJoin(crmOrgs, eq(crmOrgs.id, storeConnections.orgId))
    .where(and(eq(storeConnections.storeId, storeId), eq(storeConnections.enabled, true)));
  return rows.map((row) => summarise(row.org));
}

/** What {@link forgetOrgRows} let go of. */
export interface ForgottenOrgRows {
  links: number;
  mergeQuestions: number;
  /** Decided merge questions: remembered decisions about records of the org's (or its shops') past. */
  decisions: number;
  cursors: number;
}

/**
 * Forgets everything that points at an org's rows, for an org whose data is gone while ours stayed (the sandbox's
 * Dataverse and shops start anew on every start, PostgreSQL keeps `.data`): the links and their hashes (a write would
 * bind to a contact that does not exist), the merge questions, open or decided (their candidates are gone, and a
 * remembered decision would apply to whoever the new shop gives the same id), the CRM change cursors (delta links of
 * the old org), and the poll cursors of the stores that write to it, so their next poll reconciles everything from the
 * beginning and fills the org again. The sync log stays as history.
 */
export async function forgetOrgRows(sql: Sql, orgId: string): Promise<ForgottenOrgRows> {
  return sql.begin(async (tx) => {
    const links = await tx`delete from entity_links where org_id = ${orgId}`;
    // Reports would otherwise count orders whose CRM rows are gone, until the next poll writes them again.
    await tx`delete from order_facts where org_id = ${orgId}`;
    const questions = await tx`delete from merge_queue where org_id = ${orgId} and status = 'open'`;
    const decisions = await tx`delete from merge_queue where org_id = ${orgId}`;
    await tx`delete from crm_change_cursors where org_id = ${orgId}`;
    const cursors = await tx`
      delete from sync_cursors
      where store_id in (select store_id from store_connections where org_id = ${orgId})`;
    return { links: links.count, mergeQuestions: questions.count, decisions: decisions.count, cursors: cursors.count };
  });
}
