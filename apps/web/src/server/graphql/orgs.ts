import { clientForOrg, DataverseApiError, type DataverseClient, provision } from '@shopverse/dataverse';
import {
  type CrmOrgSummary,
  findCrmOrg,
  listCrmOrgs,
  inTransaction,
  parseSecretKey,
  readCrmOrgSecret,
  recordAuditEvent,
  SecretBox,
  upsertCrmOrg,
} from '@shopverse/db';
import { GraphQLError } from 'graphql';
import { getEnv } from '../../env';
import { badInput } from './attempts';
import { requireRole } from './authorize';
import type { GraphQLContext } from './context';

/**
 * The context of the admin resolvers. `secrets` opens and seals stored secrets; until the route puts it in the
 * context, it is made from SHOPVERSE_SECRET_KEY as the webhook route does. Tests pass their own.
 */
export type AdminContext = GraphQLContext & { secrets?: SecretBox };

let envBox: SecretBox | undefined;

export function secretBox(context: AdminContext): SecretBox {
  if (context.secrets) return context.secrets;
  envBox ??= new SecretBox(parseSecretKey(getEnv().SHOPVERSE_SECRET_KEY));
  return envBox;
}

/** A Dataverse client of an org as saved, with its client secret opened; few attempts: a person is waiting. */
export async function orgClient(context: AdminContext, org: CrmOrgSummary): Promise<DataverseClient> {
  const clientSecret = await readCrmOrgSecret(context.db, secretBox(context), org.id);
  if (!clientSecret) {
    throw new GraphQLError(`CRM org ${org.name} has no client secret; connect it again with connectOrg.`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'orgId' },
    });
  }
  return clientForOrg(org, clientSecret, { maxAttempts: 2, timeoutMs: 30_000 });
}

export async function requireOrg(context: GraphQLContext, id: string, argument = 'orgId'): Promise<CrmOrgSummary> {
  const org = await findCrmOrg(context.db, id);
  if (!org) throw badInput(`No CRM org with id ${id}; the orgs query lists them.`, argument);
  return org;
}

/** What a connection test answers: ok, or the reason in words a person can act on. */
export interface ConnectionTest {
  ok: boolean;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** The reason a Dataverse call failed, as the person who typed the settings can act on it. */
export function orgFailureReason(org: CrmOrgSummary, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/AADSTS7000215|invalid_client/i.test(message)) {
    return `Entra ID refused the client secret of app ${org.clientId}: copy the secret's value (not its id) from the app registration and connect the org again.`;
  }
  if (/AADSTS700016|unauthorized_client|application .* not found/i.test(message)) {
    return `Entra ID does not know the app ${org.clientId} in tenant ${org.tenantId}: check the client id and tenant id.`;
  }
  if (/AADSTS90002|tenant .* not found/i.test(message)) {
    return `Entra ID has no tenant ${org.tenantId}: check the tenant id (the directory id of the app registration).`;
  }
  if (error instanceof DataverseApiError && error.code === 'DATAVERSE_UNAUTHORIZED') {
    return `${org.url} refused the app's token: add the app as an application user in the environment, with a security role (README, "Connecting a real CRM").`;
  }
  return `${org.url} could not be reached or refused the call: ${message}`;
}

export interface ConnectOrgInput {
  name: string;
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityUrl?: string | null;
}

const ORG_URL = /^https?:\/\/[^/]+\/?$/;

async function connectOrg(context: AdminContext, input: ConnectOrgInput): Promise<CrmOrgSummary> {
  requireRole(context, 'admin');
  const url = input.url.trim().replace(/\/$/, '');
  if (!ORG_URL.test(`${url}/`)) {
    throw badInput(`url must be the environment's URL, e.g. https://contoso.crm4.dynamics.com, not "${url}".`, 'url');
  }
  for (const field of ['name', 'tenantId', 'clientId', 'clientSecret'] as const) {
    if (input[field].trim() === '') throw badInput(`${field} must not be empty.`, field);
  }
  const box = secretBox(context);
  return inTransaction(context.db, async (tx) => {
    const org = await upsertCrmOrg(tx.db, box, {
      name: input.name.trim(),
      url,
      apiUrl: `${url}/api/data/v9.2/`,
      tenantId: input.tenantId.trim(),
      clientId: input.clientId.trim(),
      clientSecret: input.clientSecret,
      authorityUrl: input.authorityUrl?.trim() || null,
    });
    // Never the secret, not even sealed: only that one was given.
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'org.connect',
      targetType: 'crm_org',
      targetId: org.id,
      orgId: org.id,
      details: { name: org.name, url: org.url, tenantId: org.tenantId, clientId: org.clientId, clientSecretSet: true },
      occurredAt: context.now,
    });
    return org;
  });
}

async function audit(
  context: AdminContext,
  event: { action: string; targetType: string; targetId: string; storeId?: string; orgId?: string },
  details: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(context.db, {
    actor: context.actor,
    actorRole: context.role,
    ...event,
    details,
    occurredAt: context.now,
  });
}

/**
 * Gets a token, then asks WhoAmI. A token refused names the app registration; a token the org refuses names the
 * application user. Where WhoAmI is not served (the sandbox's simulator), a read of the metadata proves the same.
 */
async function testOrgConnection(context: AdminContext, orgId: string): Promise<ConnectionTest> {
  requireRole(context, 'admin');
  const org = await requireOrg(context, orgId);
  let result: ConnectionTest;
  try {
    const crm = await orgClient(context, org);
    let userId: string | null = null;
    try {
      const whoAmI = await crm.request({ method: 'GET', path: 'WhoAmI', idempotent: true });
      userId = (whoAmI.body as { UserId?: string } | undefined)?.UserId ?? null;
    } catch (error) {
      if (!(error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND')) throw error;
      await crm.request({ method: 'GET', path: 'EntityDefinitions?$select=LogicalName&$top=1', idempotent: true });
    }
    result = { ok: true, reason: null, details: { url: org.url, userId } };
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    result = { ok: false, reason: orgFailureReason(org, error), details: { url: org.url } };
  }
  await audit(
    context,
    { action: 'org.test', targetType: 'crm_org', targetId: org.id, orgId: org.id },
    { ok: result.ok, reason: result.reason },
  );
  return result;
}

async function provisionOrg(context: AdminContext, orgId: string, dryRun: boolean) {
  requireRole(context, 'admin');
  const org = await requireOrg(context, orgId);
  const crm = await orgClient(context, org);
  let report;
  try {
    report = await provision(crm, { prefix: org.publisherPrefix, dryRun, pollMs: 500 });
  } catch (error) {
    throw new GraphQLError(`Provisioning ${org.name} failed: ${orgFailureReason(org, error)}`, {
      extensions: { code: 'PROVISIONING_FAILED' },
    });
  }
  await audit(
    context,
    { action: dryRun ? 'org.provision_preview' : 'org.provision', targetType: 'crm_org', targetId: org.id, orgId },
    { dryRun, steps: report.steps.length, present: report.present.length },
  );
  return {
    dryRun: report.dryRun,
    present: report.present,
    steps: report.steps.map((step) => ({
      kind: step.kind.toUpperCase().replaceAll('-', '_'),
      table: step.table,
      name: step.kind === 'create-column' ? step.column : step.key,
      columns: step.kind === 'create-key' ? step.columns : [],
    })),
  };
}

export const orgResolvers = {
  Query: {
    orgs: (_parent: unknown, _args: unknown, context: GraphQLContext) => listCrmOrgs(context.db),
    org: (_parent: unknown, args: { id: string }, context: GraphQLContext) => findCrmOrg(context.db, args.id),
  },
  Mutation: {
    connectOrg: (_parent: unknown, args: { input: ConnectOrgInput }, context: AdminContext) =>
      connectOrg(context, args.input),
    testOrgConnection: (_parent: unknown, args: { orgId: string }, context: AdminContext) =>
      testOrgConnection(context, args.orgId),
    provisionOrg: (_parent: unknown, args: { orgId: string; dryRun: boolean }, context: AdminContext) =>
      provisionOrg(context, args.orgId, args.dryRun),
  },
};
