import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

export const FAILED_QUERY = `#graphql
  query FailedList($first: Int!) {
    deadLetters(first: $first) {
      totalCount
      nodes { id storeId entity shopifyGid correlationId errorClass errorCode errorMessage attempts failedAt }
    }
  }
`;

const letter = z.object({
  id: z.string(),
  storeId: z.string(),
  entity: z.string().nullable(),
  shopifyGid: z.string().nullable(),
  correlationId: z.string(),
  errorClass: z.string(),
  errorCode: z.string(),
  errorMessage: z.string(),
  attempts: z.number(),
  failedAt: z.string(),
});

export type FailedRecord = z.infer<typeof letter>;

const failedList = z.object({ deadLetters: z.object({ totalCount: z.number(), nodes: z.array(letter) }) });

/** The failed list, newest first: the first `first` open dead letters and how many there are in all. */
export async function fetchFailed(first: number, signal?: AbortSignal) {
  return (await graphqlRequest(FAILED_QUERY, { first }, failedList, signal)).deadLetters;
}

const retried = z.object({ count: z.number() });

/** Retries the chosen records under their correlation ids; all or nothing. */
export async function retrySelected(ids: string[]): Promise<number> {
  const data = await graphqlRequest(
    `mutation RetrySelected($ids: [ID!]!) { retryDeadLetters(ids: $ids) { count } }`,
    { ids },
    z.object({ retryDeadLetters: retried }),
  );
  return data.retryDeadLetters.count;
}

/** Retries every open record of a store that failed with one error code. */
export async function retryKind(storeId: string, errorCode: string): Promise<number> {
  const data = await graphqlRequest(
    `mutation RetryKind($storeId: ID!, $errorCode: String) {
      retryFailed(storeId: $storeId, errorCode: $errorCode) { count } }`,
    { storeId, errorCode },
    z.object({ retryFailed: retried }),
  );
  return data.retryFailed.count;
}
