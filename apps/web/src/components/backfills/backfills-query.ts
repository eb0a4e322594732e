import { z } from 'zod';
import { graphqlMutation, graphqlRequest, type MutationOutcome } from '../graphql-client';

export const BACKFILLS_QUERY = `#graphql
  query Backfills($first: Int!) {
    backfills(first: $first) {
      id storeId entity status errorMessage createdAt finishedAt
      progress { total queued skipped pending done ratePerSecond etaSeconds }
    }
  }
`;

const backfill = z.object({
  id: z.string(),
  storeId: z.string(),
  entity: z.string(),
  status: z.string(),
  errorMessage: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z.object({
    total: z.number().nullable(),
    queued: z.number(),
    skipped: z.number(),
    pending: z.number(),
    done: z.number(),
    ratePerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
  }),
});

export type BackfillRow = z.infer<typeof backfill>;

/** The newest backfills of every store with their progress. */
export async function fetchBackfills(first: number, signal?: AbortSignal): Promise<BackfillRow[]> {
  return (await graphqlRequest(BACKFILLS_QUERY, { first }, z.object({ backfills: z.array(backfill) }), signal))
    .backfills;
}

/** The values of the API's `SyncEntity` enum, with the words the form shows for them. */
export const SYNC_ENTITIES = [
  { value: 'CUSTOMER', label: 'Customers' },
  { value: 'COMPANY', label: 'Companies' },
  { value: 'ORDER', label: 'Orders' },
] as const;

export type SyncEntity = (typeof SYNC_ENTITIES)[number]['value'];

export const START_BACKFILL = `#graphql
  mutation StartBackfill($storeId: ID!, $entity: SyncEntity!) {
    startBackfill(storeId: $storeId, entity: $entity) {
      id storeId entity status errorMessage createdAt finishedAt
      progress { total queued skipped pending done ratePerSecond etaSeconds }
    }
  }
`;

/** Starts a backfill; a refusal (`BACKFILL_ACTIVE`, `STORE_NOT_FOUND`, `FORBIDDEN`) comes back as a value. */
export async function startBackfill(storeId: string, entity: SyncEntity): Promise<MutationOutcome<BackfillRow>> {
  const outcome = await graphqlMutation(START_BACKFILL, { storeId, entity }, z.object({ startBackfill: backfill }));
  return outcome.kind === 'done' ? { kind: 'done', data: outcome.data.startBackfill } : outcome;
}

const stores = z.object({ stores: z.array(z.object({ id: z.string(), name: z.string(), shopDomain: z.string() })) });

export type BackfillStore = z.infer<typeof stores>['stores'][number];

/** The stores a backfill can read, by key. */
export async function fetchBackfillStores(signal?: AbortSignal): Promise<BackfillStore[]> {
  return (await graphqlRequest(`query BackfillStores { stores { id name shopDomain } }`, {}, stores, signal)).stores;
}
