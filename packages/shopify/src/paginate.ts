import { MAX_SINGLE_QUERY_COST } from './cost-bucket';
import type { ShopifyClient } from './client';

export interface Connection<TNode> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: TNode[];
}

export interface PageOptions<TData, TNode> {
  document: string;
  /** Picks the connection out of a response. */
  connection: (data: TData) => Connection<TNode>;
  variables?: Record<string, unknown>;
  /** The first page's size; later pages are sized from what the first one cost. */
  first: number;
  /** Keep each page's requested cost under this share of the single-query maximum. */
  costBudget?: number;
  correlationId?: string;
}

/**
 * Pages through a connection (`first`/`after`), yielding each page's nodes. The page size follows the cost Shopify
 * reports: after each page, `first` becomes what fits the budget at the cost per node just seen, so a document whose
 * nodes are dear (orders with their lines) never goes over the 1000-point maximum, and a cheap one asks for up to 250.
 */
export async function* pages<TData, TNode>(
  client: ShopifyClient,
  options: PageOptions<TData, TNode>,
): AsyncGenerator<TNode[]> {
  const budget = options.costBudget ?? MAX_SINGLE_QUERY_COST * 0.9;
  let first = options.first;
  let after: string | null = null;
  for (;;) {
    const { data, requestedCost } = await client.requestWithCost<TData>(options.document, {
      variables: { ...options.variables, first, after },
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
    const connection = options.connection(data);
    yield connection.nodes;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
    if (requestedCost !== null && requestedCost > 0) {
      const perNode = Math.max(1, (requestedCost - 2) / first);
      first = Math.max(1, Math.min(250, Math.floor((budget - 2) / perNode)));
    }
  }
}

/** The search clause for records updated in a window (SHOPIFY.md, "Delta reads"): dates quoted, both ends included. */
export function updatedBetween(from: Date, to: Date): string {
  return `updated_at:>='${from.toISOString()}' AND updated_at:<='${to.toISOString()}'`;
}
