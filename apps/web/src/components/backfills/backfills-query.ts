import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

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
