import { z } from 'zod';
import { graphqlMutation, graphqlRequest, type MutationOutcome } from '../graphql-client';

const ITEM_FIELDS = `id kind storeId orgId shopifyType shopifyGid reason payload status resolvedBy resolvedAt correlationId
  createdAt resolution { kind crmId } candidates { crmTable crmId matchedOn confidence label }
  conflict { fields { field crm shopify } crmModifiedOn shopifyUpdatedAt }`;

export const MERGE_QUEUE_QUERY = `#graphql
  query MergeQueue($storeId: ID, $status: MergeStatus, $first: Int!, $after: String) {
    mergeQueue(storeId: $storeId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${ITEM_FIELDS} }
    }
  }
`;

export const MERGE_STORES_QUERY = `#graphql
  query MergeStores { stores { id name shopDomain orgs { id url } } }
`;

export const RESOLVE_MERGE = `#graphql
  mutation ResolveMerge($id: ID!, $decision: MergeDecisionInput!) { resolveMerge(id: $id, decision: $decision) { ${ITEM_FIELDS} } }
`;

const candidate = z.object({
  crmTable: z.string(),
  crmId: z.string(),
  matchedOn: z.array(z.string()),
  confidence: z.number().nullable(),
  label: z.string().nullable(),
});

const conflict = z.object({
  fields: z.array(z.object({ field: z.string(), crm: z.unknown(), shopify: z.unknown() })),
  crmModifiedOn: z.string().nullable(),
  shopifyUpdatedAt: z.string().nullable(),
});

const item = z.object({
  id: z.string(),
  /** `AMBIGUOUS_MATCH` or `TWO_WAY_CONFLICT`: which decisions the item takes. */
  kind: z.string(),
  storeId: z.string(),
  orgId: z.string(),
  shopifyType: z.string(),
  shopifyGid: z.string(),
  reason: z.string(),
  payload: z.unknown(),
  status: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  correlationId: z.string(),
  createdAt: z.string(),
  resolution: z.object({ kind: z.string(), crmId: z.string().nullable() }).nullable(),
  candidates: z.array(candidate),
  conflict: conflict.nullable(),
});

export type MergeItem = z.infer<typeof item>;
export type MergeCandidate = z.infer<typeof candidate>;
export type TwoWayConflict = z.infer<typeof conflict>;

const page = z.object({
  mergeQueue: z.object({
    totalCount: z.number(),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(item),
  }),
});

export type MergePage = z.infer<typeof page>['mergeQueue'];

/** The statuses the page filters by, as the API names them. */
export const MERGE_STATUSES = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;
export type MergeStatus = (typeof MERGE_STATUSES)[number];

export interface MergeFilter {
  storeId: string | null;
  status: MergeStatus;
}

/** One page of the queue, oldest first, after `after` (an `endCursor`). */
export async function fetchMergePage(
  filter: MergeFilter,
  first: number,
  after: string | null,
  signal?: AbortSignal,
): Promise<MergePage> {
  return (await graphqlRequest(MERGE_QUEUE_QUERY, { ...filter, first, after }, page, signal)).mergeQueue;
}

const stores = z.object({
  stores: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      shopDomain: z.string(),
      orgs: z.array(z.object({ id: z.string(), url: z.string() })),
    }),
  ),
});

export type MergeStore = z.infer<typeof stores>['stores'][number];

/** The stores, for the filter and for links to the Shopify admin and Dynamics. */
export async function fetchMergeStores(signal?: AbortSignal): Promise<MergeStore[]> {
  return (await graphqlRequest(MERGE_STORES_QUERY, {}, stores, signal)).stores;
}

/** A person's decision as the API takes it: on an ambiguous match, or (KEEP_*) on a two-way conflict. */
export type MergeDecision =
  | { kind: 'LINK'; crmId: string }
  | { kind: 'CREATE' }
  | { kind: 'IGNORE' }
  | { kind: 'KEEP_CRM' }
  | { kind: 'KEEP_SHOPIFY' };

/** Records the decision; a refusal (already decided, not a candidate) comes back as a value with its code. */
export async function resolveMerge(id: string, decision: MergeDecision): Promise<MutationOutcome<MergeItem>> {
  const outcome = await graphqlMutation(RESOLVE_MERGE, { id, decision }, z.object({ resolveMerge: item }));
  return outcome.kind === 'done' ? { kind: 'done', data: outcome.data.resolveMerge } : outcome;
}
