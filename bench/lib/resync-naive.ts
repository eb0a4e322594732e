import { randomUUID } from 'node:crypto';
import { DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import { readCustomer, readOrder, type ShopifyClient } from '@shopverse/shopify';
import { mapCustomerToContact } from '@shopverse/sync-core';

/** What the naive re-sync did, by its own count (the simulators' counters are the figures). */
export interface NaiveResyncSummary {
  customers: number;
  orders: number;
  /** Records Shopify or the CRM did not have (a lookup that found no row): skipped, not created. */
  missing: number;
  /** Writes the CRM refused because the row is read-only (a fulfilled or cancelled sales order): sent all the same. */
  refused: number;
}

/** Dataverse's "the record is read only": a closed sales order refuses updates. */
const READ_ONLY = '0x8004431a';

const IDS_PAGE = `#graphql
  query NaiveIds($after: String) {
    ENTITY(first: 250, after: $after) {
      nodes { id }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface IdsPage {
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every gid of an entity, 250 a page: a workflow tool's "list records" step. */
async function listIds(shopify: ShopifyClient, entity: 'customers' | 'orders'): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, IdsPage> = await shopify.request(IDS_PAGE.replace('ENTITY', entity), {
      variables: { after },
    });
    const page = data[entity];
    if (!page) throw new Error(`Shopify answered no ${entity} page`);
    ids.push(...page.nodes.map((node) => node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        if (item !== undefined) await work(item);
      }
    }),
  );
}

/** The row's id by our key, found with a filter query as a workflow tool's "list rows" step does. */
async function findRow(dataverse: DataverseClient, table: string, key: string): Promise<string | null> {
  const response = await dataverse.request({
    method: 'GET',
    path: `${table}s?$filter=sv_shopifyid eq '${key}'&$select=${table}id`,
    idempotent: true,
  });
  const rows = (response.body as { value?: Record<string, unknown>[] } | undefined)?.value ?? [];
  const id = rows[0]?.[`${table}id`];
  return typeof id === 'string' ? id : null;
}

/** Writes the row; false when the CRM refused it as read-only, which a workflow tool logs and passes over. */
async function writeRow(
  dataverse: DataverseClient,
  table: string,
  id: string,
  row: Record<string, unknown>,
): Promise<boolean> {
  try {
    await dataverse.request({ method: 'PATCH', path: `${table}s(${id})`, body: row, idempotent: true });
    return true;
  } catch (error) {
    if (error instanceof DataverseApiError && error.details.dataverseCode === READ_ONLY) return false;
    throw error;
  }
}

/**
 * The re-sync a workflow tool does, with our real clients: list the records, then for each one read it from Shopify
 * by id, look its row up in the CRM by our key and write it, changed or not. Contacts get the columns our mapper
 * gives; sales orders only their header's name and description (their lines are not written, which makes the naive
 * figures a lower bound).
 */
export async function naiveResync(input: {
  shopify: ShopifyClient;
  dataverse: DataverseClient;
  storeKey: string;
  concurrency: number;
}): Promise<NaiveResyncSummary> {
  const { shopify, dataverse, storeKey } = input;
  const summary: NaiveResyncSummary = { customers: 0, orders: 0, missing: 0, refused: 0 };
  await eachLimited(await listIds(shopify, 'customers'), input.concurrency, async (gid) => {
    const customer = await readCustomer(shopify, gid);
    if (!customer) return void (summary.missing += 1);
    const mapping = mapCustomerToContact(customer, { storeKey, correlationId: randomUUID(), countryAs: 'name' });
    const id = await findRow(dataverse, 'contact', mapping.shopifyId);
    if (!id) return void (summary.missing += 1);
    if (!(await writeRow(dataverse, 'contact', id, mapping.row))) summary.refused += 1;
    summary.customers += 1;
  });
  await eachLimited(await listIds(shopify, 'orders'), input.concurrency, async (gid) => {
    const order = await readOrder(shopify, gid);
    if (!order) return void (summary.missing += 1);
    const id = await findRow(dataverse, 'salesorder', `${storeKey}_${order.legacyId}`);
    if (!id) return void (summary.missing += 1);
    const row = { name: order.name, description: `Shopify order ${order.name}` };
    if (!(await writeRow(dataverse, 'salesorder', id, row))) summary.refused += 1;
    summary.orders += 1;
  });
  return summary;
}
