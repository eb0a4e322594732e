import { alternateKeyPath, DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import type { CrmValue } from '@shopverse/sync-core';
import type { StoreContext } from './store-context';

/** The tables the customer sync writes, with their entity sets and id columns. */
export const TABLES = {
  contact: { entitySet: 'contacts', idColumn: 'contactid' },
  account: { entitySet: 'accounts', idColumn: 'accountid' },
} as const;

export type CrmTable = keyof typeof TABLES;

/** A row as read from Dataverse, with its id. */
export type CrmRow = Record<string, unknown> & { id: string };

/** A string literal for an OData `$filter`: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function withId(table: CrmTable, row: Record<string, unknown>): CrmRow {
  return { ...row, id: String(row[TABLES[table].idColumn]) };
}

/** One row by id with the given columns, or null when it no longer exists (deleted in the CRM). */
export async function readRow(
  client: DataverseClient,
  table: CrmTable,
  id: string,
  columns: string[],
  correlationId: string,
): Promise<CrmRow | null> {
  const { entitySet, idColumn } = TABLES[table];
  const select = [...new Set([idColumn, 'modifiedon', 'statecode', ...columns])].join(',');
  try {
    const response = await client.request({
      method: 'GET',
      path: `${entitySet}(${id})?$select=${select}`,
      idempotent: true,
      correlationId,
    });
    return withId(table, response.body as Record<string, unknown>);
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

/** Every row matching a filter (all pages), with the given columns. */
export async function queryRows(
  client: DataverseClient,
  table: CrmTable,
  filter: string,
  columns: string[],
  correlationId: string,
): Promise<CrmRow[]> {
  const { entitySet, idColumn } = TABLES[table];
  const select = [...new Set([idColumn, 'modifiedon', 'statecode', ...columns])].join(',');
  const rows: CrmRow[] = [];
  for await (const page of client.query<Record<string, unknown>>(
    `${entitySet}?$select=${select}&$filter=${encodeURIComponent(filter)}`,
    { correlationId },
  )) {
    rows.push(...page.map((row) => withId(table, row)));
  }
  return rows;
}

type DataverseResponse = Awaited<ReturnType<DataverseClient['request']>>;

/** What the CRM answered a write, for the sync log: never a header beyond the row's version. */
export interface WriteAnswer {
  status: number;
  /** The row's version after the write (`ETag`), when Dataverse gives it. */
  etag: string | null;
}

function etagOf(response: DataverseResponse): string | null {
  const inBody = (response.body as Record<string, unknown> | undefined)?.['@odata.etag'];
  return typeof inBody === 'string' ? inBody : response.headers.get('etag');
}

/**
 * Creates (or, if our key is already there, updates) the row with this alternate key: a retry never duplicates. Sent
 * here rather than through `DataverseClient.upsert` because the log keeps the status and the row's version, which
 * that method does not return.
 */
export async function upsertByKey(
  client: DataverseClient,
  table: CrmTable,
  key: Record<string, string>,
  row: Record<string, CrmValue>,
  correlationId: string,
): Promise<{ id: string; created: boolean } & WriteAnswer> {
  const { entitySet, idColumn } = TABLES[table];
  const path = alternateKeyPath(entitySet, key);
  const response = await client.request({
    method: 'PATCH',
    path: `${path}?$select=${idColumn}`,
    body: row,
    // With an alternate key, OData-EntityId names the key, not the row id: the id comes with the representation.
    headers: { Prefer: 'return=representation' },
    idempotent: true,
    correlationId,
  });
  const id = (response.body as Record<string, unknown> | undefined)?.[idColumn];
  if (typeof id !== 'string' || id === '') {
    throw new DataverseApiError(
      'DATAVERSE_REJECTED',
      'permanent',
      `The upsert of ${path} answered without its ${idColumn}.`,
      {
        status: response.status,
      },
    );
  }
  return { id, created: response.status === 201, status: response.status, etag: etagOf(response) };
}

/**
 * Updates an existing row by id. `If-Match: *` makes it update-only: a row deleted in the CRM meanwhile is reported
 * (not found) instead of being silently re-created under the old id.
 */
export async function updateById(
  client: DataverseClient,
  table: CrmTable,
  id: string,
  row: Record<string, CrmValue>,
  correlationId: string,
): Promise<WriteAnswer> {
  const response = await client.request({
    method: 'PATCH',
    path: `${TABLES[table].entitySet}(${id})`,
    body: row,
    headers: { 'If-Match': '*' },
    idempotent: true,
    correlationId,
  });
  return { status: response.status, etag: etagOf(response) };
}

/** Deletes a row by id (only when a store's settings ask for hard deletes). */
export async function deleteById(
  client: DataverseClient,
  table: CrmTable,
  id: string,
  correlationId: string,
): Promise<WriteAnswer> {
  const response = await client.request({
    method: 'DELETE',
    path: `${TABLES[table].entitySet}(${id})`,
    idempotent: true,
    correlationId,
  });
  return { status: response.status, etag: null };
}

/** A store's own account for orders with no person to stand under: its key is `<store key>_<role>`. */
export interface StoreAccount {
  role: 'guests' | 'redacted';
  /** Shown in the CRM; the store's name is added in brackets. */
  name: string;
  description: string;
}

/**
 * The id of one of the store's own accounts, created on its first use under our key, so that a retry never makes a
 * second. A dry run creates nothing: the answer is then the key reference the account would be created with.
 */
export async function storeAccount(ctx: StoreContext, account: StoreAccount, correlationId: string): Promise<string> {
  const keyColumn = `${ctx.prefix}_shopifyid`;
  const key = `${ctx.storeKey}_${account.role}`;
  const [existing] = await queryRows(
    ctx.dataverse,
    'account',
    `${keyColumn} eq ${odataString(key)}`,
    [],
    correlationId,
  );
  if (existing) return existing.id;
  if (ctx.settings.pipeline.dryRun) return `${keyColumn}=${odataString(key)}`;
  const result = await upsertByKey(
    ctx.dataverse,
    'account',
    { [keyColumn]: key },
    {
      name: `${account.name} (${ctx.storeName})`.slice(0, 160),
      description: account.description,
      [`${ctx.prefix}_lastcorrelationid`]: correlationId,
    },
    correlationId,
  );
  return result.id;
}
