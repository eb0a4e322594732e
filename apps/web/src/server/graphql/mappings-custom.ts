import { DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import {
  type CrmOrderState,
  mapOrderToCustomTables,
  type ShopifyOrder,
  type ShopifyOrderEvents,
  type StoreSettings,
} from '@shopverse/sync-core';
import { previewRow, readByKey, type PreviewRow } from './mappings-crm';
import type { SettingsProblem } from './settings';

/** A table's entity set name from its metadata; null when the org has no such table. */
async function entitySetOf(crm: DataverseClient, table: string): Promise<string | null> {
  try {
    const response = await crm.request({
      method: 'GET',
      path: `EntityDefinitions(LogicalName='${table}')?$select=EntitySetName`,
      idempotent: true,
    });
    return String((response.body as { EntitySetName: string }).EntitySetName);
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * The rows of an order written to our own tables (`orders.target: custom`), as the custom tables writer sends them:
 * the order with its state columns, then its lines and refunds, each beside the CRM's row of the same key.
 */
export async function customTableRows(
  crm: DataverseClient,
  input: {
    order: ShopifyOrder;
    events: ShopifyOrderEvents;
    state: CrmOrderState;
    settings: StoreSettings;
    storeKey: string;
    shopHandle: string;
    prefix: string;
    customer: { table: 'contact' | 'account'; id: string } | null;
  },
): Promise<{ rows: PreviewRow[]; problems: SettingsProblem[]; warnings: string[] }> {
  const { prefix } = input;
  const plan = mapOrderToCustomTables(input.order, input.events, {
    storeKey: input.storeKey,
    shopHandle: input.shopHandle,
    correlationId: 'preview',
    settings: input.settings.orders,
    customer: input.customer,
    prefix,
  });
  const keyColumn = `${prefix}_shopifyid`;
  const bookkeeping = `${prefix}_lastcorrelationid`;
  const tables = [
    {
      role: 'salesorder' as const,
      table: plan.tables.order,
      rows: [{ ...plan.order, row: { ...plan.order.row, ...input.state.columns } }],
    },
    { role: 'line' as const, table: plan.tables.line, rows: plan.lines },
    { role: 'refund' as const, table: plan.tables.refund, rows: plan.refunds },
  ];
  const rows: PreviewRow[] = [];
  const problems: SettingsProblem[] = [];
  for (const { role, table, rows: written } of tables) {
    if (written.length === 0) continue;
    const set = await entitySetOf(crm, table);
    if (!set) {
      problems.push({
        path: 'orders.customTables',
        message: `the CRM has no table ${table}; provision the order tables first, or fix the name`,
      });
      continue;
    }
    for (const row of written) {
      const current = await readByKey(crm, set, keyColumn, row.key, row.row, `${table}id`);
      rows.push(previewRow(role, table, row.key, row.row, current, bookkeeping));
    }
  }
  return { rows, problems, warnings: plan.warnings.map((warning) => `${plan.tables.order}: ${warning}`) };
}
