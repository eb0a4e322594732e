import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';
import type { AttemptFilterInput } from './activity-params';

const ROW_FIELDS = `id correlationId storeId entity shopifyGid orderName email crmTable crmId outcome errorClass
  errorCode attempt durationMs source dryRun startedAt`;

const row = z.object({
  id: z.string(),
  correlationId: z.string(),
  storeId: z.string(),
  entity: z.string(),
  shopifyGid: z.string().nullable(),
  orderName: z.string().nullable(),
  email: z.string().nullable(),
  crmTable: z.string().nullable(),
  crmId: z.string().nullable(),
  outcome: z.string(),
  errorClass: z.string().nullable(),
  errorCode: z.string().nullable(),
  attempt: z.number(),
  durationMs: z.number().nullable(),
  source: z.string().nullable(),
  dryRun: z.boolean(),
  startedAt: z.string(),
});

/** One row of the sync log as the Activity list shows it. */
export type AttemptRow = z.infer<typeof row>;

const connection = z.object({
  nodes: z.array(row),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
});

export type AttemptConnection = z.infer<typeof connection>;

/** How far each reading of the Find box has been read: `null` not yet, a cursor, or `false` when it has no more. */
export type BranchCursor = string | null | false;

export const PAGE_SIZE = 50;

/**
 * The request for one page of each filter that still has one (one aliased `syncAttempts` per filter, `b<index>`):
 * a GUID is searched as a correlation id and as a CRM id at once. Filters whose cursor is `false` are left out.
 */
export function attemptPagesRequest(
  filters: readonly AttemptFilterInput[],
  cursors: readonly BranchCursor[],
): { query: string; variables: Record<string, unknown> } | undefined {
  const asked = filters.map((_, index) => index).filter((index) => cursors[index] !== false);
  if (asked.length === 0) return undefined;
  const variables: Record<string, unknown> = { first: PAGE_SIZE };
  const declarations = ['$first: Int!'];
  const fields = asked.map((index) => {
    variables[`f${index}`] = filters[index];
    variables[`a${index}`] = cursors[index] || null;
    declarations.push(`$f${index}: SyncAttemptFilter`, `$a${index}: String`);
    return `b${index}: syncAttempts(filter: $f${index}, first: $first, after: $a${index}) {
      nodes { ${ROW_FIELDS} } pageInfo { hasNextPage endCursor } }`;
  });
  return { query: `query ActivitySearch(${declarations.join(', ')}) { ${fields.join('\n')} }`, variables };
}

/** The answer to `attemptPagesRequest`: a page per filter, undefined for a filter that was not asked. */
export const attemptPagesAnswer = z.record(z.string(), connection);

/** One page of each filter that still has one, in a single request. */
export async function fetchAttemptPages(
  filters: readonly AttemptFilterInput[],
  cursors: readonly BranchCursor[],
  signal?: AbortSignal,
): Promise<(AttemptConnection | undefined)[]> {
  const request = attemptPagesRequest(filters, cursors);
  if (!request) return filters.map(() => undefined);
  const data = await graphqlRequest(request.query, request.variables, attemptPagesAnswer, signal);
  return filters.map((_, index) => data[`b${index}`]);
}

const store = z.object({ id: z.string(), key: z.string(), name: z.string(), shopDomain: z.string() });
const org = z.object({ id: z.string(), name: z.string(), url: z.string() });
export type StoreOption = z.infer<typeof store>;
export type OrgOption = z.infer<typeof org>;

/** The stores (for the filter, the table and Shopify admin links) and orgs (for Dynamics links). */
export async function fetchPlaces(signal?: AbortSignal): Promise<{ stores: StoreOption[]; orgs: OrgOption[] }> {
  return graphqlRequest(
    `query ActivityPlaces { stores { id key name shopDomain } orgs { id name url } }`,
    {},
    z.object({ stores: z.array(store), orgs: z.array(org) }),
    signal,
  );
}

const detail = row.extend({
  orgId: z.string().nullable(),
  direction: z.string(),
  errorMessage: z.string().nullable(),
  request: z.unknown(),
  response: z.unknown(),
  receivedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

/** One attempt with everything the log keeps of it. */
export type AttemptDetail = z.infer<typeof detail>;

/** One attempt; null when there is none with this id (or it was pruned). */
export async function fetchAttempt(id: string, signal?: AbortSignal): Promise<AttemptDetail | null> {
  const data = await graphqlRequest(
    `query ActivityAttempt($id: ID!) { syncAttempt(id: $id) {
      ${ROW_FIELDS} orgId direction errorMessage request response receivedAt finishedAt } }`,
    { id },
    z.object({ syncAttempt: detail.nullable() }),
    signal,
  );
  return data.syncAttempt;
}

/** Every attempt under one correlation id, oldest first. */
export async function fetchChain(correlationId: string, signal?: AbortSignal): Promise<AttemptRow[]> {
  const data = await graphqlRequest(
    `query ActivityChain($id: ID!) { correlationChain(correlationId: $id) { ${ROW_FIELDS} } }`,
    { id: correlationId },
    z.object({ correlationChain: z.array(row) }),
    signal,
  );
  return data.correlationChain;
}
