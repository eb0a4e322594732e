import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

export const AUDIT_QUERY = `#graphql
  query AuditTrail($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        node { id occurredAt actor actorRole action targetType targetId storeId orgId correlationId details }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

/** Names for the store and org ids events carry; readable by every role. */
export const AUDIT_PLACES_QUERY = `#graphql
  query AuditPlaces {
    stores { id key name }
    orgs { id name }
  }
`;

const auditEvent = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  storeId: z.string().nullable(),
  orgId: z.string().nullable(),
  correlationId: z.string().nullable(),
  details: z.unknown(),
});

const auditPage = z.object({
  auditEvents: z.object({
    edges: z.array(z.object({ node: auditEvent })),
    pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
  }),
});

const places = z.object({
  stores: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
  orgs: z.array(z.object({ id: z.string(), name: z.string() })),
});

export type AuditEventRow = z.infer<typeof auditEvent>;
export type AuditPlaces = z.infer<typeof places>;

/** The narrowing the API takes; absent fields do not narrow. */
export interface AuditFilter {
  action?: string;
  actor?: string;
  targetType?: string;
}

/** One page of the trail, newest first, after `after` (the previous page's `endCursor`). */
export async function fetchAuditPage(
  filter: AuditFilter,
  first: number,
  after: string | null,
  signal?: AbortSignal,
): Promise<{ events: AuditEventRow[]; endCursor: string | null; hasNextPage: boolean }> {
  const data = await graphqlRequest(AUDIT_QUERY, { first, after, filter }, auditPage, signal);
  const { edges, pageInfo } = data.auditEvents;
  return { events: edges.map((edge) => edge.node), ...pageInfo };
}

export async function fetchAuditPlaces(signal?: AbortSignal): Promise<AuditPlaces> {
  return graphqlRequest(AUDIT_PLACES_QUERY, {}, places, signal);
}
