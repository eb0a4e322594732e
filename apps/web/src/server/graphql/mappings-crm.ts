import { alternateKeyPath, DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import { diffRow, lookupProperties, type WrittenValue } from '@shopverse/sync-core';

/** One column of a row the preview would write: the CRM's value now, the one the sync would write, and whether they differ. */
export interface PreviewColumn {
  column: string;
  before: unknown;
  after: WrittenValue;
  changed: boolean;
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
 * and the dry-run log agree on what a write changes.
 */
export function previewRow(
  role: PreviewRow['role'],
  table: string,
  key: string,
  row: Record<string, WrittenValue>,
  current: Record<string, unknown> | null,
  bookkeeping: string,
): PreviewRow {
  const diff = diffRow(current, row, { ignore: [bookkeeping] });
  const columns = Object.entries(row)
    .filter(([column]) => column !== bookkeeping)
    .map(([column, after]): PreviewColumn => {
      const change = diff[column];
      return change
        ? { column, before: change.before ?? null, after, changed: true }
        : { column, before: column.includes('@') ? after : (current?.[column] ?? null), after, changed: false };
    });
  return { role, table, key, exists: current !== null, columns };
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
