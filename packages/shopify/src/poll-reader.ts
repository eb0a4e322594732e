import type { ShopifyClient } from './client';
import { COMPANIES_POLL, CUSTOMERS_POLL, ORDERS_POLL } from './documents/poll';
import type { CompaniesPollQuery, CustomersPollQuery, OrdersPollQuery } from './generated/admin.generated';
import { pages, updatedBetween } from './paginate';

/** The record types the delta poll looks at. */
export type PollEntity = 'customer' | 'company' | 'order';

/** A record the poll saw: enough to decide whether its sync job is needed. */
export interface PolledRecord {
  gid: string;
  /** Shopify's `updatedAt`, second precision (`2026-11-27T00:04:05Z`). */
  updatedAt: string;
}

/** The window to read, both ends included (SHOPIFY.md "Delta reads"). */
export interface PollWindow {
  from: Date;
  to: Date;
  correlationId?: string;
}

interface PollNode {
  id: string;
  updatedAt: string;
}

/** The first page's size; later pages grow to what the cost budget allows (up to 250, about a point per node). */
const FIRST_PAGE = 50;

function nodePages(client: ShopifyClient, entity: PollEntity, window: PollWindow): AsyncGenerator<PollNode[]> {
  const common = {
    variables: { query: updatedBetween(window.from, window.to) },
    first: FIRST_PAGE,
    ...(window.correlationId ? { correlationId: window.correlationId } : {}),
  };
  switch (entity) {
    case 'customer':
      return pages<CustomersPollQuery, PollNode>(client, {
        ...common,
        document: CUSTOMERS_POLL,
        connection: (data) => data.customers,
      });
    case 'company':
      return pages<CompaniesPollQuery, PollNode>(client, {
        ...common,
        document: COMPANIES_POLL,
        connection: (data) => data.companies,
      });
    case 'order':
      return pages<OrdersPollQuery, PollNode>(client, {
        ...common,
        document: ORDERS_POLL,
        connection: (data) => data.orders,
      });
  }
}

/** Records of one type updated in the window (both ends included), page by page, oldest update first. */
export async function* readUpdatedRecords(
  client: ShopifyClient,
  entity: PollEntity,
  window: PollWindow,
): AsyncGenerator<PolledRecord[]> {
  for await (const page of nodePages(client, entity, window)) {
    yield page.map((node) => ({ gid: node.id, updatedAt: node.updatedAt }));
  }
}
