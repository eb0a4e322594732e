import { z } from 'zod';
import { postGraphql, unreadableAnswer } from '../graphql-client';
import { refusalFromBody } from './stores-view';

export const STORES_AND_ORGS_QUERY = `#graphql
  query StoresAndOrgs {
    stores {
      id key name shopDomain status dryRun apiVersion hasAccessToken hasWebhookSecret settingsValid
      orgs { id name url }
      webhooks { checked subscribed missing callbackUrls error }
    }
    orgs { id name url tenantId clientId hasClientSecret publisherPrefix stores { id key name } }
  }
`;

const webhookState = z.object({
  checked: z.boolean(),
  subscribed: z.array(z.string()),
  missing: z.array(z.string()),
  callbackUrls: z.array(z.string()),
  error: z.string().nullable(),
});

export type WebhookStateRow = z.infer<typeof webhookState>;

const store = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  shopDomain: z.string(),
  status: z.enum(['ACTIVE', 'PAUSED', 'DISCONNECTED']),
  dryRun: z.boolean(),
  apiVersion: z.string(),
  hasAccessToken: z.boolean(),
  hasWebhookSecret: z.boolean(),
  settingsValid: z.boolean(),
  orgs: z.array(z.object({ id: z.string(), name: z.string(), url: z.string() })),
  webhooks: webhookState,
});

export type StoreRow = z.infer<typeof store>;

const org = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  tenantId: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  publisherPrefix: z.string(),
  stores: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
});

export type OrgRow = z.infer<typeof org>;

const storesAndOrgs = z.object({ stores: z.array(store), orgs: z.array(org) });

/**
 * Sends one operation like `graphqlRequest`, but a refusal keeps the server's `code` and `argument` (ApiRefusal), so
 * a form can put the reason beside the field it names.
 */
async function adminRequest<T>(
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const answer = await postGraphql(query, variables, signal);
  const parsed = schema.safeParse(answer.body?.data);
  if (parsed.success) return parsed.data;
  throw refusalFromBody(answer.body, unreadableAnswer(answer).message);
}

/** Every store (with its webhooks read live from each shop) and every org. */
export function fetchStoresAndOrgs(signal?: AbortSignal) {
  return adminRequest(STORES_AND_ORGS_QUERY, {}, storesAndOrgs, signal);
}

/** The fields of `ConnectStoreInput`; optional ones are sent as null when left empty. */
export interface ConnectStoreFields {
  key: string;
  shopDomain: string;
  name: string;
  accessToken: string;
  webhookSecret: string;
  apiVersion: string;
  apiBaseUrl: string;
}

/** The fields of `ConnectOrgInput`; `authorityUrl` is sent as null when left empty. */
export interface ConnectOrgFields {
  name: string;
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityUrl: string;
}

const optional = (value: string) => (value.trim() === '' ? null : value.trim());

export async function connectStore(fields: ConnectStoreFields) {
  const data = await adminRequest(
    `mutation ConnectStore($input: ConnectStoreInput!) { connectStore(input: $input) { id key name } }`,
    { input: { ...fields, apiVersion: optional(fields.apiVersion), apiBaseUrl: optional(fields.apiBaseUrl) } },
    z.object({ connectStore: z.object({ id: z.string(), key: z.string(), name: z.string() }) }),
  );
  return data.connectStore;
}

export async function connectOrg(fields: ConnectOrgFields) {
  const data = await adminRequest(
    `mutation ConnectOrg($input: ConnectOrgInput!) { connectOrg(input: $input) { id name url } }`,
    { input: { ...fields, authorityUrl: optional(fields.authorityUrl) } },
    z.object({ connectOrg: z.object({ id: z.string(), name: z.string(), url: z.string() }) }),
  );
  return data.connectOrg;
}

const connectionTest = z.object({
  ok: z.boolean(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export type ConnectionTestResult = z.infer<typeof connectionTest>;

export async function testStoreConnection(storeId: string): Promise<ConnectionTestResult> {
  const data = await adminRequest(
    `mutation TestStore($storeId: ID!) { testStoreConnection(storeId: $storeId) { ok reason details } }`,
    { storeId },
    z.object({ testStoreConnection: connectionTest }),
  );
  return data.testStoreConnection;
}

export async function testOrgConnection(orgId: string): Promise<ConnectionTestResult> {
  const data = await adminRequest(
    `mutation TestOrg($orgId: ID!) { testOrgConnection(orgId: $orgId) { ok reason details } }`,
    { orgId },
    z.object({ testOrgConnection: connectionTest }),
  );
  return data.testOrgConnection;
}

const registration = z.object({
  created: z.array(z.string()),
  kept: z.array(z.string()),
  replaced: z.array(z.string()),
});

export type WebhookRegistrationResult = z.infer<typeof registration>;

export async function registerWebhooks(storeId: string, callbackUrl: string): Promise<WebhookRegistrationResult> {
  const data = await adminRequest(
    `mutation RegisterWebhooks($storeId: ID!, $callbackUrl: String!) {
      registerWebhooks(storeId: $storeId, callbackUrl: $callbackUrl) { created kept replaced } }`,
    { storeId, callbackUrl },
    z.object({ registerWebhooks: registration }),
  );
  return data.registerWebhooks;
}

export async function connectStoreToOrg(storeId: string, orgId: string) {
  const data = await adminRequest(
    `mutation WriteToOrg($storeId: ID!, $orgId: ID!) {
      connectStoreToOrg(storeId: $storeId, orgId: $orgId) { id orgs { id name } } }`,
    { storeId, orgId },
    z.object({
      connectStoreToOrg: z.object({ id: z.string(), orgs: z.array(z.object({ id: z.string(), name: z.string() })) }),
    }),
  );
  return data.connectStoreToOrg;
}

export async function setDryRun(storeId: string, on: boolean) {
  const data = await adminRequest(
    `mutation SetDryRun($storeId: ID!, $on: Boolean!) { setDryRun(storeId: $storeId, on: $on) { id dryRun } }`,
    { storeId, on },
    z.object({ setDryRun: z.object({ id: z.string(), dryRun: z.boolean() }) }),
  );
  return data.setDryRun;
}

const provisioning = z.object({
  dryRun: z.boolean(),
  steps: z.array(
    z.object({
      kind: z.enum(['CREATE_COLUMN', 'CREATE_KEY', 'WAIT_FOR_KEY']),
      table: z.string(),
      name: z.string(),
      columns: z.array(z.string()),
    }),
  ),
  present: z.array(z.string()),
});

export type ProvisioningResult = z.infer<typeof provisioning>;

export async function provisionOrg(orgId: string, dryRun: boolean): Promise<ProvisioningResult> {
  const data = await adminRequest(
    `mutation ProvisionOrg($orgId: ID!, $dryRun: Boolean!) {
      provisionOrg(orgId: $orgId, dryRun: $dryRun) { dryRun steps { kind table name columns } present } }`,
    { orgId, dryRun },
    z.object({ provisionOrg: provisioning }),
  );
  return data.provisionOrg;
}

const storeStatus = z.object({ id: z.string(), status: z.enum(['ACTIVE', 'PAUSED', 'DISCONNECTED']) });

/** Stops the store's sync; CRM rows, links and cursors stay (see the schema's disconnectStore). */
export async function disconnectStore(storeId: string, reason: string) {
  const data = await adminRequest(
    `mutation DisconnectStore($storeId: ID!, $reason: String) {
      disconnectStore(storeId: $storeId, reason: $reason) { id status } }`,
    { storeId, reason: reason.trim() === '' ? null : reason.trim() },
    z.object({ disconnectStore: storeStatus }),
  );
  return data.disconnectStore;
}

/** Resumes a disconnected store from its cursors. */
export async function reconnectStore(storeId: string) {
  const data = await adminRequest(
    `mutation ReconnectStore($storeId: ID!) { reconnectStore(storeId: $storeId) { id status } }`,
    { storeId },
    z.object({ reconnectStore: storeStatus }),
  );
  return data.reconnectStore;
}
