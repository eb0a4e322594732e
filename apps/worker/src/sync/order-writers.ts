import { alternateKeyPath, type BatchOperation, DataverseApiError } from '@shopverse/dataverse';
import {
  type CrmOrderState,
  type CrmValue,
  mapOrderToCustomTables,
  mapOrderToSalesOrder,
  planStateTransition,
  type ShopifyOrder,
  type ShopifyOrderEvents,
  type StateStep,
} from '@shopverse/sync-core';
import type { OrderCustomer } from './customer-binding';
import { currencyId, productsBySku, readOrderByKey, readOrderLines, writeChangeset, type CrmOrder } from './crm-orders';
import type { StoreContext } from './store-context';
import { SyncError } from './sync-error';

/** The CRM side of an order, for whichever target the store writes to. */
export interface OrderWriter {
  /** The rows as they would be written, without bookkeeping, for the hash that tells an edit. */
  rows: unknown;
  warnings: string[];
  /** What the sync log shows as the request. */
  request: Record<string, unknown>;
  /**
   * Writes the rows (when the CRM still takes edits) and the state; `rowsChanged` says whether the rows differ from
   * the last write, so an edit of a closed order is told from a state or timeline change.
   */
  write(rowsChanged: boolean): Promise<{ id: string; created: boolean; conflict: string | null; steps: StateStep[] }>;
  /** The `@odata.bind` that puts a note on this order. */
  noteTarget(id: string): Record<string, string>;
}

interface WriterInput {
  ctx: StoreContext;
  order: ShopifyOrder;
  events: ShopifyOrderEvents;
  customer: OrderCustomer;
  state: CrmOrderState;
  correlationId: string;
}

/** Sales orders and their lines (the default target), with Dynamics' pricing and states. */
export async function salesOrderWriter(input: WriterInput): Promise<OrderWriter> {
  const { ctx, order, state, correlationId } = input;
  const settings = ctx.settings.orders;
  const currency = settings.currency === 'presentment' ? order.presentmentCurrency : order.currency;
  const plan = mapOrderToSalesOrder(order, {
    storeKey: ctx.storeKey,
    correlationId,
    prefix: ctx.prefix,
    countryAs: ctx.settings.countryAs,
    settings,
    customer: input.customer,
    currencyId: await currencyId(ctx.dataverse, ctx.currencies, currency, correlationId),
    shopHandle: ctx.shopHandle,
    ...(settings.products === 'bySku'
      ? {
          products: await productsBySku(
            ctx.dataverse,
            order.lineItems.flatMap((item) => (item.sku?.trim() ? [item.sku.trim()] : [])),
            correlationId,
          ),
        }
      : {}),
  });
  const keyColumn = `${ctx.prefix}_shopifyid`;
  return {
    rows: {
      header: withoutBookkeeping(ctx, plan.header.row),
      lines: plan.lines.map((line) => withoutBookkeeping(ctx, line.row)),
    },
    warnings: plan.warnings,
    request: { header: plan.header, lines: plan.lines, correction: plan.correction },
    noteTarget: (id) => ({ 'objectid_salesorder@odata.bind': `/salesorders(${id})` }),
    async write(rowsChanged) {
      let current = await readOrderByKey(ctx.dataverse, keyColumn, plan.header.key, correlationId);
      const created = current === null;
      let conflict: string | null = null;
      if (!current || current.statecode === 0) {
        const operations: BatchOperation[] = [
          {
            method: 'PATCH',
            url: alternateKeyPath('salesorders', { [keyColumn]: plan.header.key }),
            body: { ...plan.header.row, ...state.columns },
            contentId: '1',
          },
          ...plan.lines.map((line): BatchOperation => ({
            method: 'PATCH',
            url: alternateKeyPath('salesorderdetails', { [keyColumn]: line.key }),
            body: { ...line.row, 'salesorderid@odata.bind': '$1' },
          })),
          ...(current
            ? await staleLines(
                ctx,
                'salesorderdetails',
                current.id,
                '_salesorderid_value',
                'salesorderdetailid',
                plan.lines,
                correlationId,
              )
            : []),
        ];
        await writeChangeset(ctx.dataverse, operations, `order ${order.name}`, correlationId);
        current = await readOrderByKey(ctx.dataverse, keyColumn, plan.header.key, correlationId);
        if (!current)
          throw new SyncError(
            'order.vanished',
            'transient',
            `Order ${order.name} was written but cannot be read back.`,
          );
      } else if (rowsChanged) {
        conflict =
          `Order ${order.name} changed in Shopify (lines or header) after the CRM order was closed ` +
          `(state ${current.statecode}, status ${current.statuscode}); Dynamics allows edits only while an order is ` +
          'Active. Change it in Dynamics by hand if it matters.';
      }
      const steps = planStateTransition({ statecode: current.statecode, statuscode: current.statuscode }, state);
      for (const step of steps) await applyStep(ctx, current, step, correlationId, order.name);
      for (const step of steps)
        if (step.kind === 'conflict') conflict = [conflict, step.reason].filter(Boolean).join(' ');
      return { id: current.id, created, conflict, steps };
    },
  };
}

/** Our own order, line and refund tables (settings `orders.target: custom`): Shopify's figures, states as columns. */
export async function customTablesWriter(input: WriterInput): Promise<OrderWriter> {
  const { ctx, order, state, correlationId } = input;
  const plan = mapOrderToCustomTables(order, input.events, {
    storeKey: ctx.storeKey,
    shopHandle: ctx.shopHandle,
    correlationId,
    settings: ctx.settings.orders,
    customer: input.customer,
    prefix: ctx.prefix,
  });
  const keyColumn = `${ctx.prefix}_shopifyid`;
  const sets = {
    order: await entitySet(ctx, plan.tables.order, correlationId),
    line: await entitySet(ctx, plan.tables.line, correlationId),
    refund: await entitySet(ctx, plan.tables.refund, correlationId),
  };
  const orderBind = `${ctx.prefix}_orderid@odata.bind`;
  const idColumn = `${plan.tables.order}id`;
  const readId = async (): Promise<string | null> => {
    try {
      const response = await ctx.dataverse.request({
        method: 'GET',
        path: `${alternateKeyPath(sets.order, { [keyColumn]: plan.order.key })}?$select=${idColumn}`,
        idempotent: true,
        correlationId,
      });
      return String((response.body as Record<string, unknown>)[idColumn]);
    } catch (error) {
      if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
      throw error;
    }
  };
  return {
    rows: {
      order: withoutBookkeeping(ctx, plan.order.row),
      lines: plan.lines.map((line) => withoutBookkeeping(ctx, line.row)),
      refunds: plan.refunds.map((refund) => withoutBookkeeping(ctx, refund.row)),
    },
    warnings: plan.warnings,
    request: { tables: plan.tables, order: plan.order, lines: plan.lines, refunds: plan.refunds },
    noteTarget: (id) => ({ [`objectid_${plan.tables.order}@odata.bind`]: `/${sets.order}(${id})` }),
    async write() {
      const existing = await readId();
      const operations: BatchOperation[] = [
        {
          method: 'PATCH',
          url: alternateKeyPath(sets.order, { [keyColumn]: plan.order.key }),
          body: { ...plan.order.row, ...state.columns },
          contentId: '1',
        },
        ...[
          ...plan.lines.map((row) => ({ row, set: sets.line })),
          ...plan.refunds.map((row) => ({ row, set: sets.refund })),
        ].map(({ row, set }): BatchOperation => ({
          method: 'PATCH',
          url: alternateKeyPath(set, { [keyColumn]: row.key }),
          body: { ...row.row, [orderBind]: '$1' },
        })),
        ...(existing
          ? await staleLines(
              ctx,
              sets.line,
              existing,
              `_${ctx.prefix}_orderid_value`,
              `${plan.tables.line}id`,
              plan.lines,
              correlationId,
            )
          : []),
      ];
      await writeChangeset(ctx.dataverse, operations, `order ${order.name}`, correlationId);
      const id = existing ?? (await readId());
      if (!id)
        throw new SyncError('order.vanished', 'transient', `Order ${order.name} was written but cannot be read back.`);
      return { id, created: existing === null, conflict: null, steps: [] };
    },
  };
}

function withoutBookkeeping(ctx: StoreContext, row: Record<string, unknown>): Record<string, unknown> {
  const bookkeeping = `${ctx.prefix}_lastcorrelationid`;
  return Object.fromEntries(Object.entries(row).filter(([column]) => column !== bookkeeping));
}

/** Deletes, in the order's changeset, the CRM lines whose keys Shopify's order no longer has. */
async function staleLines(
  ctx: StoreContext,
  set: string,
  orderId: string,
  orderColumn: string,
  idColumn: string,
  lines: { key: string }[],
  correlationId: string,
): Promise<BatchOperation[]> {
  const keep = new Set(lines.map((line) => line.key));
  const existing = await readOrderLines(
    ctx.dataverse,
    { set, orderColumn, idColumn },
    orderId,
    `${ctx.prefix}_shopifyid`,
    correlationId,
  );
  return existing
    .filter((line) => line.key === null || !keep.has(line.key))
    .map((line): BatchOperation => ({ method: 'DELETE', url: `${set}(${line.id})` }));
}

/** A table's entity set name, read from its metadata once per store context (custom tables name their own). */
async function entitySet(ctx: StoreContext, table: string, correlationId: string): Promise<string> {
  const known = ctx.entitySets.get(table);
  if (known) return known;
  try {
    const response = await ctx.dataverse.request({
      method: 'GET',
      path: `EntityDefinitions(LogicalName='${table}')?$select=EntitySetName`,
      idempotent: true,
      correlationId,
    });
    const name = String((response.body as { EntitySetName: string }).EntitySetName);
    ctx.entitySets.set(table, name);
    return name;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') {
      throw new SyncError(
        'order.table_missing',
        'permanent',
        `The CRM org has no table ${table} for this store's orders (settings orders.target: custom); provision the ` +
          'order tables from the console, then retry.',
      );
    }
    throw error;
  }
}

async function applyStep(
  ctx: StoreContext,
  order: CrmOrder,
  step: StateStep,
  correlationId: string,
  name: string,
): Promise<void> {
  if (step.kind === 'setState') {
    await ctx.dataverse.request({
      method: 'PATCH',
      path: `salesorders(${order.id})`,
      body: { statecode: step.statecode, statuscode: step.statuscode } satisfies Record<string, CrmValue>,
      headers: { 'If-Match': '*' },
      idempotent: true,
      correlationId,
    });
  } else if (step.kind === 'fulfill') {
    await ctx.dataverse.closeSalesOrder('fulfill', order.id, {
      status: step.status,
      subject: `Fulfilled in Shopify (${name})`,
      correlationId,
    });
  } else if (step.kind === 'cancel') {
    await ctx.dataverse.closeSalesOrder('cancel', order.id, {
      status: step.status,
      subject: `Cancelled in Shopify (${name}): ${step.reason}`,
      correlationId,
    });
  }
}
