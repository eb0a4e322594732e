import { alternateKeyPath, DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import {
  type ConflictPolicy,
  type CrmValue,
  diffRow,
  lookupProperties,
  planRowWrite,
  type WrittenValue,
} from '@shopverse/sync-core';

/** One column of a row the preview would write: the CRM's value now, the one the sync would write, and whether they differ. */
export interface PreviewColumn {
  column: string;
  before: unknown;
  after: WrittenValue;
  changed: boolean;
  /** The CRM's value stays: the conflict policy keeps a value a person edited in the CRM. */
  kept: boolean;
}

/** One row the sync would write for the previewed order. */
export interface PreviewRow {
  /** What it stands for: the order's customer, the order, one of its lines, or (custom tables) one of its refunds. */
  role: 'contact' | 'account' | 'salesorder' | 'line' | 'refund';
  table: string;
  /** Our alternate key (`sv_shopifyid`) value. */
  key: string;
  /** Whether the CRM has a row with this key already (else the sync creates it). */
  exists: boolean;
  columns: PreviewColumn[];
}

/** An OData string literal: single quotes doubled. */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The row the CRM holds under our key, with the columns a write would set; null when there is none. */
export async function readByKey(
  crm: DataverseClient,
  entitySet: string,
  keyColumn: string,
  key: string,
  row: Record<string, unknown>,
  idColumn: string,
  more: string[] = [],
): Promise<Record<string, unknown> | null> {
  const columns = [
    ...new Set([
      idColumn,
      ...more,
      ...Object.keys(row).filter((column) => !column.includes('@')),
      ...lookupProperties(row),
    ]),
  ];
  try {
    const response = await crm.request({
      method: 'GET',
      path: `${alternateKeyPath(entitySet, { [keyColumn]: key })}?$select=${columns.join(',')}`,
      idempotent: true,
    });
    return response.body as Record<string, unknown>;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * A row as the preview shows it: every column the sync would send (our correlation id column aside, which changes on
 * every write), with the CRM's value beside it; `changed` is the dry run's own comparison (diffRow), so the preview
 * and the dry-run log agree on what a write changes. A column in `kept` is one the conflict policy keeps as the CRM
 * has it: not changed, and marked so.
 */
export function previewRow(
  role: PreviewRow['role'],
  table: string,
  key: string,
  row: Record<string, WrittenValue>,
  current: Record<string, unknown> | null,
  bookkeeping: string,
  kept: ReadonlySet<string> = new Set(),
): PreviewRow {
  const diff = diffRow(current, row, { ignore: [bookkeeping] });
  const columns = Object.entries(row)
    .filter(([column]) => column !== bookkeeping)
    .map(([column, after]): PreviewColumn => {
      const change = diff[column];
      if (change && !kept.has(column))
        return { column, before: change.before ?? null, after, changed: true, kept: false };
      const before = change ? (change.before ?? null) : column.includes('@') ? after : (current?.[column] ?? null);
      return { column, before, after, changed: false, kept: kept.has(column) };
    });
  return { role, table, key, exists: current !== null, columns };
}

/**
 * The columns of an existing row whose CRM value the conflict policies keep (planRowWrite, as the row sync calls it):
 * a person edited them in the CRM, and the policy says the CRM wins.
 */
export function keptColumns(input: {
  row: Record<string, CrmValue>;
  current: Record<string, unknown>;
  idColumn: string;
  keyColumn: string;
  key: string;
  bookkeeping: string;
  lastWritten: Record<string, unknown> | null;
  policies: Record<string, ConflictPolicy>;
  defaultPolicy: ConflictPolicy;
  shopifyUpdatedAt: string;
}): Set<string> {
  const { current, keyColumn } = input;
  const plan = planRowWrite({
    row: input.row,
    keyColumn,
    key: input.key,
    bookkeeping: [input.bookkeeping],
    destination: {
      kind: 'update',
      id: String(current[input.idColumn]),
      current,
      modifiedOn: typeof current.modifiedon === 'string' ? current.modifiedon : null,
      currentKey: typeof current[keyColumn] === 'string' && current[keyColumn] !== '' ? current[keyColumn] : null,
    },
    lastWritten: input.lastWritten,
    policies: input.policies,
    defaultPolicy: input.defaultPolicy,
    shopifyUpdatedAt: input.shopifyUpdatedAt,
  });
  return new Set(plan.kind === 'create' ? [] : plan.kept.map((item) => item.column));
}

/** The org's transactioncurrency id of an ISO code; null when the org has no such currency. */
export async function currencyIdOf(crm: DataverseClient, isoCode: string): Promise<string | null> {
  for await (const page of crm.query<{ transactioncurrencyid: string }>(
    `transactioncurrencies?$select=transactioncurrencyid&$filter=isocurrencycode eq ${odataString(isoCode)}`,
  )) {
    const [row] = page;
    if (row) return row.transactioncurrencyid;
  }
  return null;
}

/** The CRM's active products by SKU (`productnumber`), as the order sync looks them up for `products: bySku`. */
export async function productsBySku(
  crm: DataverseClient,
  skus: string[],
): Promise<Record<string, { id: string; uomId: string | null }>> {
  const found: Record<string, { id: string; uomId: string | null }> = {};
  const wanted = [...new Set(skus)];
  for (let start = 0; start < wanted.length; start += 20) {
    const filter = wanted
      .slice(start, start + 20)
      .map((sku) => `productnumber eq ${odataString(sku)}`)
      .join(' or ');
    for await (const page of crm.query<{ productid: string; productnumber: string; _defaultuomid_value?: string }>(
      `products?$select=productid,productnumber,_defaultuomid_value&$filter=${encodeURIComponent(`statecode eq 0 and (${filter})`)}`,
    )) {
      for (const row of page) found[row.productnumber] = { id: row.productid, uomId: row._defaultuomid_value ?? null };
    }
  }
  return found;
}
