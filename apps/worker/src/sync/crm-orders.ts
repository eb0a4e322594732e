import {
  alternateKeyPath,
  type BatchOperation,
  type BatchPartResponse,
  DataverseApiError,
  type DataverseClient,
} from '@shopverse/dataverse';
import { odataString } from './crm-rows';
import { SyncError } from './sync-error';

/** A sales order as the sync needs to see it before writing. */
export interface CrmOrder {
  id: string;
  statecode: number;
  statuscode: number;
}

/** The order carrying our key, or null when it is not in the CRM yet. */
export async function readOrderByKey(
  client: DataverseClient,
  keyColumn: string,
  key: string,
  correlationId: string,
): Promise<CrmOrder | null> {
  try {
    const response = await client.request({
      method: 'GET',
      path: `${alternateKeyPath('salesorders', { [keyColumn]: key })}?$select=salesorderid,statecode,statuscode`,
      idempotent: true,
      correlationId,
    });
    const body = response.body as { salesorderid: string; statecode: number; statuscode: number };
    return { id: body.salesorderid, statecode: body.statecode, statuscode: body.statuscode };
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

/** The keys of the lines an order has in the CRM, by line id: lines Shopify no longer has are deleted. */
export async function readOrderLines(
  client: DataverseClient,
  table: { set: string; orderColumn: string; idColumn: string },
  orderId: string,
  keyColumn: string,
  correlationId: string,
): Promise<{ id: string; key: string | null }[]> {
  const lines: { id: string; key: string | null }[] = [];
  for await (const page of client.query<Record<string, unknown>>(
    `${table.set}?$select=${table.idColumn},${keyColumn}&$filter=${table.orderColumn} eq ${orderId}`,
    { correlationId },
  )) {
    for (const row of page) {
      const key = row[keyColumn];
      lines.push({ id: String(row[table.idColumn]), key: typeof key === 'string' ? key : null });
    }
  }
  return lines;
}

/**
 * The CRM's id of a currency by ISO code. `transactioncurrency` has no alternate key on the code, so it is looked up;
 * a currency the org does not have is an error a person fixes in Dynamics (add the currency), not something we create.
 */
export async function currencyId(
  client: DataverseClient,
  cache: Map<string, string>,
  isoCode: string,
  correlationId: string,
): Promise<string> {
  const known = cache.get(isoCode);
  if (known) return known;
  for await (const page of client.query<{ transactioncurrencyid: string }>(
    `transactioncurrencies?$select=transactioncurrencyid&$filter=isocurrencycode eq ${odataString(isoCode)}`,
    { correlationId },
  )) {
    const [row] = page;
    if (row) {
      cache.set(isoCode, row.transactioncurrencyid);
      return row.transactioncurrencyid;
    }
  }
  throw new SyncError(
    'order.currency_missing',
    'permanent',
    `The CRM org has no currency ${isoCode}; add it in Dynamics (Settings > Business Management > Currencies), then retry.`,
  );
}

/** What a changeset got back, part by part, for the sync log: statuses, the rows written and their versions. */
export interface ChangesetAnswer {
  status: number;
  parts: { status: number; entityId: string | null; etag: string | null; body?: unknown }[];
}

/** A changeset Dataverse refused: the failing part's status and Dataverse's own code and message. */
export interface ChangesetRefusal {
  status: number;
  code: string | undefined;
  message: string | undefined;
}

/** Dataverse's code for an edit of a closed (Submitted, Fulfilled, Canceled, Invoiced) order: it is read-only. */
export const ORDER_READ_ONLY = '0x8004431a';

function header(part: BatchPartResponse, name: string): string | null {
  const found = Object.entries(part.headers).find(([key]) => key.toLowerCase() === name);
  return found ? found[1] : null;
}

/**
 * Sends one order's writes as one changeset: all of them apply or none do. Every operation is an upsert by key or a
 * delete, so a changeset whose answer was lost can be sent again whole. Answers what came back, or the refusal.
 */
export async function sendChangeset(
  client: DataverseClient,
  operations: BatchOperation[],
  correlationId: string,
): Promise<{ answer: ChangesetAnswer; refused: ChangesetRefusal | null }> {
  const result = await client.batch([{ changeset: operations }], { idempotent: true, correlationId });
  const answer = {
    status: result.status,
    parts: result.parts.map((part) => ({
      status: part.status,
      entityId: header(part, 'odata-entityid'),
      etag: header(part, 'etag'),
      ...(part.body !== '' && part.body !== undefined ? { body: part.body } : {}),
    })),
  };
  const failed = result.parts.find((part) => part.status >= 400);
  if (!failed && result.parts.length > 0) return { answer, refused: null };
  const error = (failed?.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return { answer, refused: { status: failed?.status ?? 0, code: error?.code, message: error?.message } };
}

/** The sync's error for a refused changeset: a 429 or server failure is worth a retry, anything else is not. */
export function changesetError(refused: ChangesetRefusal, what: string): SyncError {
  const transient = refused.status === 429 || refused.status >= 500 || refused.status === 0;
  const reason = refused.message ?? (refused.status ? `HTTP ${refused.status}` : 'no answer for the changeset');
  return new SyncError(
    transient ? 'dataverse.unavailable' : 'dataverse.rejected',
    transient ? 'transient' : 'permanent',
    `Dataverse refused ${what}: ${reason}${refused.code ? ` (${refused.code})` : ''}.`,
  );
}

/** {@link sendChangeset}, throwing the refusal. Answers what came back (null: nothing to send). */
export async function writeChangeset(
  client: DataverseClient,
  operations: BatchOperation[],
  what: string,
  correlationId: string,
): Promise<ChangesetAnswer | null> {
  if (operations.length === 0) return null;
  const { answer, refused } = await sendChangeset(client, operations, correlationId);
  if (refused) throw changesetError(refused, what);
  return answer;
}

/** One row by its path (`salesorders(<id>)`, or by alternate key) with the given columns; null when it is not there. */
export async function readRowAt(
  client: DataverseClient,
  path: string,
  columns: string[],
  correlationId: string,
): Promise<Record<string, unknown> | null> {
  try {
    const response = await client.request({
      method: 'GET',
      path: `${path}?$select=${[...new Set(columns)].join(',')}`,
      idempotent: true,
      correlationId,
    });
    return response.body as Record<string, unknown>;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

/** An order's child rows (lines, refunds) in the CRM with the given columns, with their ids and our keys. */
export async function readChildRows(
  client: DataverseClient,
  table: { set: string; orderColumn: string; idColumn: string },
  orderId: string,
  keyColumn: string,
  columns: string[],
  correlationId: string,
): Promise<{ id: string; key: string | null; row: Record<string, unknown> }[]> {
  const select = [...new Set([table.idColumn, keyColumn, ...columns])].join(',');
  const rows: { id: string; key: string | null; row: Record<string, unknown> }[] = [];
  for await (const page of client.query<Record<string, unknown>>(
    `${table.set}?$select=${select}&$filter=${table.orderColumn} eq ${orderId}`,
    { correlationId },
  )) {
    for (const row of page) {
      const key = row[keyColumn];
      rows.push({ id: String(row[table.idColumn]), key: typeof key === 'string' ? key : null, row });
    }
  }
  return rows;
}

/**
 * The CRM's products for these SKUs (`productnumber`), with their default unit: Dataverse defines no alternate key on
 * the product number, so lines cannot bind by it; a SKU not found is written in by the mapping, with a warning.
 */
export async function productsBySku(
  client: DataverseClient,
  skus: string[],
  correlationId: string,
): Promise<Record<string, { id: string; uomId: string | null }>> {
  const found: Record<string, { id: string; uomId: string | null }> = {};
  const wanted = [...new Set(skus)];
  // A few SKUs per query keeps the URL short for orders with many lines.
  for (let start = 0; start < wanted.length; start += 20) {
    const filter = wanted
      .slice(start, start + 20)
      .map((sku) => `productnumber eq ${odataString(sku)}`)
      .join(' or ');
    for await (const page of client.query<{ productid: string; productnumber: string; _defaultuomid_value?: string }>(
      `products?$select=productid,productnumber,_defaultuomid_value&$filter=${encodeURIComponent(`statecode eq 0 and (${filter})`)}`,
      { correlationId },
    )) {
      for (const row of page) found[row.productnumber] = { id: row.productid, uomId: row._defaultuomid_value ?? null };
    }
  }
  return found;
}
