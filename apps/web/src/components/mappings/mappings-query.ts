import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

export const MAPPINGS_QUERY = `#graphql
  query MappingsPage {
    stores { id key name settings settingsValid }
    fieldMapSources { entity sources { name label type maxLength } }
  }
`;

export const PREVIEW_QUERY = `#graphql
  query MappingPreview($storeId: ID!, $settings: JSON, $orderName: String) {
    mappingPreview(storeId: $storeId, settings: $settings, orderName: $orderName) {
      orderName warnings problems { path message }
      rows { role table key exists columns { column before after changed kept } }
    }
  }
`;

export const SAVE_MUTATION = `#graphql
  mutation SaveStoreSettings($storeId: ID!, $settings: JSON!) {
    updateStoreSettings(storeId: $storeId, settings: $settings) { id settings }
  }
`;

const settings = z.record(z.string(), z.unknown());

const store = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  settings,
  settingsValid: z.boolean(),
});

export type MappingStore = z.infer<typeof store>;

const source = z.object({ name: z.string(), label: z.string(), type: z.string(), maxLength: z.number().nullable() });

export type FieldSourceOption = z.infer<typeof source>;

const page = z.object({
  stores: z.array(store),
  fieldMapSources: z.array(z.object({ entity: z.string(), sources: z.array(source) })),
});

export type MappingsPageData = z.infer<typeof page>;

const problem = z.object({ path: z.string(), message: z.string() });

const preview = z.object({
  orderName: z.string().nullable(),
  warnings: z.array(z.string()),
  problems: z.array(problem),
  rows: z.array(
    z.object({
      role: z.string(),
      table: z.string(),
      key: z.string(),
      exists: z.boolean(),
      columns: z.array(
        z.object({
          column: z.string(),
          before: z.unknown(),
          after: z.unknown(),
          changed: z.boolean(),
          kept: z.boolean(),
        }),
      ),
    }),
  ),
});

export type MappingPreviewData = z.infer<typeof preview>;

export function fetchMappingsPage(signal?: AbortSignal): Promise<MappingsPageData> {
  return graphqlRequest(MAPPINGS_QUERY, {}, page, signal);
}

export async function fetchPreview(
  storeId: string,
  draft: Record<string, unknown>,
  orderName: string,
): Promise<MappingPreviewData> {
  const data = await graphqlRequest(
    PREVIEW_QUERY,
    { storeId, settings: draft, orderName: orderName.trim() || null },
    z.object({ mappingPreview: preview }),
  );
  return data.mappingPreview;
}

const refusal = z.object({
  errors: z.array(
    z.object({
      message: z.string(),
      extensions: z.object({ problems: z.array(problem).optional() }).optional(),
    }),
  ),
});

/**
 * Saves the settings; a refusal comes back as its problems by path (the API's `extensions.problems`), so the page can
 * show each beside its field, rather than as an error.
 */
export async function saveSettings(
  storeId: string,
  draft: Record<string, unknown>,
): Promise<{ ok: true } | { ok: false; message: string; problems: z.infer<typeof problem>[] }> {
  const response = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: SAVE_MUTATION, variables: { storeId, settings: draft } }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const refused = refusal.safeParse(body);
  if (refused.success && refused.data.errors.length > 0) {
    return {
      ok: false,
      message: refused.data.errors.map((error) => error.message).join('; '),
      problems: refused.data.errors.flatMap((error) => error.extensions?.problems ?? []),
    };
  }
  if (!response.ok) return { ok: false, message: `the server answered ${response.status}`, problems: [] };
  return { ok: true };
}

export const ORG_DIRECTORY_QUERY = `#graphql
  query OrgDirectory($storeId: ID!) {
    orgDirectory(storeId: $storeId) {
      orgName problem complete
      teams { id name businessUnitId teamType }
      users { id fullName email application }
      businessUnits { id name parentId }
      priceLists { id name currency }
    }
  }
`;

export const ORG_ACCOUNTS_QUERY = `#graphql
  query OrgAccounts($storeId: ID!, $search: String, $id: ID) {
    orgAccounts(storeId: $storeId, search: $search, id: $id) { id name active }
  }
`;

const directory = z.object({
  orgName: z.string().nullable(),
  problem: z.string().nullable(),
  complete: z.boolean(),
  teams: z.array(
    z.object({ id: z.string(), name: z.string(), businessUnitId: z.string().nullable(), teamType: z.number() }),
  ),
  users: z.array(
    z.object({ id: z.string(), fullName: z.string(), email: z.string().nullable(), application: z.boolean() }),
  ),
  businessUnits: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() })),
  priceLists: z.array(z.object({ id: z.string(), name: z.string(), currency: z.string().nullable() })),
});

/** The store's CRM org's choices for the settings form; `problem` set (and lists empty) when it could not be read. */
export type OrgDirectoryData = z.infer<typeof directory>;

const account = z.object({ id: z.string(), name: z.string(), active: z.boolean() });

export type OrgAccountData = z.infer<typeof account>;

export async function fetchOrgDirectory(storeId: string, signal?: AbortSignal): Promise<OrgDirectoryData> {
  const data = await graphqlRequest(ORG_DIRECTORY_QUERY, { storeId }, z.object({ orgDirectory: directory }), signal);
  return data.orgDirectory;
}

/** Active accounts whose name contains `search`, or (with `id`) that one account in any state. */
export async function fetchOrgAccounts(
  storeId: string,
  query: { search: string } | { id: string },
  signal?: AbortSignal,
): Promise<OrgAccountData[]> {
  const data = await graphqlRequest(
    ORG_ACCOUNTS_QUERY,
    { storeId, ...query },
    z.object({ orgAccounts: z.array(account) }),
    signal,
  );
  return data.orgAccounts;
}
