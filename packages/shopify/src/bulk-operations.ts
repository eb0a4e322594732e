import type { Clock, ShopifyClient } from './client';
import { ShopifyApiError } from './errors';
import { BULK_OPERATION, BULK_RUN_QUERY } from './documents/bulk';
import type { BulkOperationQuery, BulkRunQueryMutation } from './generated/admin.generated';

export type BulkOperationNode = Extract<NonNullable<BulkOperationQuery['node']>, { status: unknown }>;

/** Starts a bulk query (one at a time per shop before 2026-01: SHOPIFY.md); returns the operation's gid. */
export async function startBulkQuery(client: ShopifyClient, query: string, correlationId?: string): Promise<string> {
  const data = await client.request<BulkRunQueryMutation>(BULK_RUN_QUERY, {
    variables: { query },
    ...(correlationId ? { correlationId } : {}),
  });
  const result = data.bulkOperationRunQuery;
  const problems = result?.userErrors ?? [];
  if (!result?.bulkOperation || problems.length > 0) {
    throw new ShopifyApiError(
      'SHOPIFY_GRAPHQL_ERROR',
      problems.some((problem) => /already in progress/i.test(problem.message)) ? 'transient' : 'permanent',
      `Shopify ${client.shop}: the bulk query was not started: ${problems.map((problem) => problem.message).join('; ') || 'no operation returned'}.`,
      { shop: client.shop, ...(correlationId ? { correlationId } : {}) },
    );
  }
  return result.bulkOperation.id;
}

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED']);

/**
 * Polls a bulk operation until it ends, waiting `intervalMs` between polls (a `bulk_operations/finish` webhook can
 * end the wait sooner through `signal`). Returns the final state; the caller reads `url` for a COMPLETED one.
 */
export async function waitForBulkOperation(
  client: ShopifyClient,
  id: string,
  options: { clock: Clock; intervalMs?: number; timeoutMs?: number; signal?: AbortSignal },
): Promise<BulkOperationNode> {
  const deadline = options.clock.now() + (options.timeoutMs ?? 6 * 3_600_000);
  for (;;) {
    const data = await client.request<BulkOperationQuery>(BULK_OPERATION, { variables: { id } });
    const operation = data.node as BulkOperationNode | null;
    if (!operation) throw new Error(`Shopify ${client.shop}: no bulk operation ${id}.`);
    if (FINISHED.has(operation.status)) return operation;
    if (options.clock.now() > deadline || options.signal?.aborted) {
      throw new Error(
        `Shopify ${client.shop}: bulk operation ${id} still ${operation.status} when we stopped waiting.`,
      );
    }
    await options.clock.sleep(options.intervalMs ?? 2000);
  }
}
