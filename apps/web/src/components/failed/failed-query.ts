import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

export const FAILED_QUERY = `#graphql
  query FailedList($first: Int!) {
    deadLetters(first: $first) {
      totalCount
      nodes { id storeId entity shopifyGid correlationId errorClass errorCode errorMessage attempts failedAt }
    }
    stores { id name shopDomain }
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

const store = z.object({ id: z.string(), name: z.string(), shopDomain: z.string() });

export type FailedStore = z.infer<typeof store>;

const failedList = z.object({
  deadLetters: z.object({ totalCount: z.number(), nodes: z.array(letter) }),
  stores: z.array(store),
});

/** The failed list, newest first: the first `first` open dead letters, how many there are in all, and the stores. */
export async function fetchFailed(first: number, signal?: AbortSignal) {
  const data = await graphqlRequest(FAILED_QUERY, { first }, failedList, signal);
  return { ...data.deadLetters, stores: data.stores };
}

const retried = z.object({
  count: z.number(),
  queued: z.array(z.object({ deadLetterId: z.string(), correlationId: z.string() })),
});

/** What a retry queued: how many jobs, and which dead letter each one retries. */
export type RetryOutcome = z.infer<typeof retried>;

const RETRIED_FIELDS = 'count queued { deadLetterId correlationId }';

/** Retries the chosen records under their correlation ids; all or nothing. */
export async function retrySelected(ids: string[]): Promise<RetryOutcome> {
  const data = await graphqlRequest(
    `mutation RetrySelected($ids: [ID!]!) { retryDeadLetters(ids: $ids) { ${RETRIED_FIELDS} } }`,
    { ids },
    z.object({ retryDeadLetters: retried }),
  );
  return data.retryDeadLetters;
}

/** Retries every open record of a store that failed with one error code. */
export async function retryKind(storeId: string, errorCode: string): Promise<RetryOutcome> {
  const data = await graphqlRequest(
    `mutation RetryKind($storeId: ID!, $errorCode: String) {
      retryFailed(storeId: $storeId, errorCode: $errorCode) { ${RETRIED_FIELDS} } }`,
    { storeId, errorCode },
    z.object({ retryFailed: retried }),
  );
  return data.retryFailed;
}

const attempt = z.object({
  entity: z.string(),
  shopifyGid: z.string().nullable(),
  outcome: z.string(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  startedAt: z.string(),
});

/** One attempt of a chain, as far as the failed list needs it to tell what a retry became. */
export type ChainAttempt = z.infer<typeof attempt>;

/** The attempts of each correlation chain (oldest first), read in one request. */
export async function fetchChains(
  correlationIds: readonly string[],
  signal?: AbortSignal,
): Promise<Record<string, ChainAttempt[]>> {
  const ids = [...new Set(correlationIds)];
  if (ids.length === 0) return {};
  const variables = Object.fromEntries(ids.map((id, index) => [`c${index}`, id]));
  const query = `query RetriedChains(${ids.map((_id, index) => `$c${index}: ID!`).join(', ')}) {
    ${ids
      .map(
        (_id, index) =>
          `c${index}: correlationChain(correlationId: $c${index}) { entity shopifyGid outcome errorCode errorMessage startedAt }`,
      )
      .join('\n    ')}
  }`;
  const data = await graphqlRequest(query, variables, z.record(z.string(), z.array(attempt)), signal);
  return Object.fromEntries(ids.map((id, index) => [id, data[`c${index}`] ?? []]));
}
