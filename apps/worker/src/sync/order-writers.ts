import {
  alternateKeyPath,
  type BatchOperation,
  bulkUnsupported,
  DataverseApiError,
  upsertMultiple,
} from '@shopverse/dataverse';
import {
  contentHash,
  type CrmOrderState,
  type CrmValue,
  diffRow,
  lookupProperties,
  type RowDiff,
  mapOrderToCustomTables,
  mapOrderToSalesOrder,
  planStateTransition,
  type ShopifyOrder,
  type ShopifyOrderEvents,
  type StateStep,
} from '@shopverse/sync-core';
import type { OrderCustomer } from './customer-binding';
import { odataString } from './crm-rows';
import {
  type ChangesetAnswer,
  changesetError,
  type CrmOrder,
  currencyId,
  productsBySku,
  readChildRows,
  readOrderByKey,
  readOrderLines,
  ORDER_READ_ONLY,
  readRowAt,
  sendChangeset,
  writeChangeset,
} from './crm-orders';
import { ownershipBinds } from './ownership';
import type { StoreContext } from './store-context';
import { SyncError } from './sync-error';

/** One write a dry run would have sent, as a diff against the CRM's row (`{}`: the row already holds it). */
export interface PlannedWrite {
  method: 'PATCH' | 'DELETE';
  entitySet: string;
  /** Our alternate key, for an upsert; the row id, for a delete. */
  key?: Record<string, string>;
  id?: string;
  diff: RowDiff;
}

/** What a write (or its dry run) did to the order's rows and state. */
export interface OrderWriteResult {
  /** The CRM order's id; null in a dry run that would create it. */
  id: string | null;
  created: boolean;
  conflict: string | null;
  steps: StateStep[];
}

/** What the order's link says of our last write: the CRM order's id (null: never written) and whether the state
 * columns the header carries have changed since. */
export interface LastWrite {
  crmId: string | null;
  columnsChanged: boolean;
  /** Each line's hash as last written, by key; null when the link has none (every line is written). */
  lines: Record<string, string> | null;
}

/** The CRM side of an order, for whichever target the store writes to. */
export interface OrderWriter {
  /** The rows as they would be written, without bookkeeping, for the hash that tells an edit. */
  rows: unknown;
  /** Each line's hash by its key (its row without bookkeeping): a line as last written is not sent again. */
  lineHashes: Record<string, string>;
  warnings: string[];
  /** What the sync log shows beside the operations (a correction line's reason). */
  request: Record<string, unknown>;
  /**
   * Writes the rows (when the CRM still takes edits) and the state; `rowsChanged` says whether the rows differ from
   * the last write, so an edit of a closed order is told from a state or timeline change. `last` is what the order's
   * link knows: the CRM id we wrote, and whether the header's state columns differ from that write. Answers with the
   * operations sent and what came back, for the log.
   */
  write(
    rowsChanged: boolean,
    last: LastWrite,
  ): Promise<OrderWriteResult & { id: string; sent: Record<string, unknown>[]; answer: ChangesetAnswer | null }>;
  /** The dry run of `write`: the same reads, and the writes as diffs against the CRM's rows; nothing is sent. */
  preview(rowsChanged: boolean): Promise<OrderWriteResult & { writes: PlannedWrite[] }>;
  /** The `@odata.bind` that puts a note on this order (an id, or in a dry run the order's key segment). */
  noteTarget(id: string): Record<string, string>;
  /** The order as an OData key segment (`sv_shopifyid='us_1001'`), for a dry run whose order does not exist yet. */
  keyRef: string;
}

/** The columns a row's body names, for a `$select`; lookups, written as binds, are read as `_x_value`. */
function columnsOf(rows: Record<string, unknown>[]): string[] {
  return [
    ...new Set(
      rows.flatMap((row) => [...Object.keys(row).filter((column) => !column.includes('@')), ...lookupProperties(row)]),
    ),
  ];
}

/** A delete as a diff: every column read goes. */
function deletion(row: Record<string, unknown>): RowDiff {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([column]) => !column.includes('@'))
      .map(([column, before]) => [column, { before, after: null }]),
  );
}

/** The operations as the log shows them: what was sent, never a header. */
function sentOf(operations: BatchOperation[]): Record<string, unknown>[] {
  return operations.map((operation) => ({
    method: operation.method,
    url: operation.url,
    ...(operation.body !== undefined ? { body: operation.body } : {}),
  }));
}

/**
 * The diffs of an order's rows against the CRM: the header, each child by key, and the CRM children the order no
 * longer has (deleted by the real write). Children written with `$1` (the changeset's header) are compared without
 * that bind, which is a reference inside the changeset, not a value.
 */
function plannedWrites(input: {
  keyColumn: string;
  bookkeeping: string;
  header: { set: string; key: string; body: Record<string, unknown>; current: Record<string, unknown> | null };
  children: { set: string; key: string; row: Record<string, unknown> }[];
  existing: Map<string, { set: string; rows: { id: string; key: string | null; row: Record<string, unknown> }[] }>;
  staleSet: string | null;
}): PlannedWrite[] {
  const ignore = [input.bookkeeping];
  const asWritten = (row: Record<string, unknown>) => row as Record<string, CrmValue | boolean>;
  const writes: PlannedWrite[] = [
    {
      method: 'PATCH',
      entitySet: input.header.set,
      key: { [input.keyColumn]: input.header.key },
      diff: diffRow(input.header.current, asWritten(input.header.body), { ignore }),
    },
  ];
  for (const child of input.children) {
    const current = input.existing.get(child.set)?.rows.find((row) => row.key === child.key)?.row ?? null;
    writes.push({
      method: 'PATCH',
      entitySet: child.set,
      key: { [input.keyColumn]: child.key },
      diff: diffRow(current, asWritten(child.row), { ignore }),
    });
  }
  const keep = new Set(input.children.map((child) => child.key));
  const stale = input.staleSet ? (input.existing.get(input.staleSet)?.rows ?? []) : [];
  for (const row of stale) {
    if (row.key !== null && keep.has(row.key)) continue;
    writes.push({ method: 'DELETE', entitySet: input.staleSet ?? '', id: row.id, diff: deletion(row.row) });
  }
  return writes;
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
    fieldMap: ctx.settings.fieldMap.salesorder,
    ...((await ctx.hasColumn('salesorder', `${ctx.prefix}_locale`)) ? { locale: ctx.settings.locale } : {}),
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
  const bookkeeping = `${ctx.prefix}_lastcorrelationid`;
  const headerBody = { ...plan.header.row, ...state.columns };
  const lines = { set: 'salesorderdetails', orderColumn: '_salesorderid_value', idColumn: 'salesorderdetailid' };
  const closedConflict = (current: CrmOrder) =>
    `Order ${order.name} changed in Shopify (lines or header) after the CRM order was closed ` +
    `(state ${current.statecode}, status ${current.statuscode}); Dynamics allows edits only while an order is ` +
    'Active. Change it in Dynamics by hand if it matters.';
  const withStepConflicts = (conflict: string | null, steps: StateStep[]) =>
    steps.reduce<string | null>(
      (text, step) => (step.kind === 'conflict' ? [text, step.reason].filter(Boolean).join(' ') : text),
      conflict,
    );
  const lineRows = plan.lines.map((line) => withoutBookkeeping(ctx, line.row));
  const lineHashes = Object.fromEntries(plan.lines.map((line, index) => [line.key, contentHash(lineRows[index])]));
  return {
    rows: { header: withoutBookkeeping(ctx, plan.header.row), lines: lineRows },
    lineHashes,
    warnings: plan.warnings,
    request: { correction: plan.correction },
    keyRef: `${keyColumn}=${odataString(plan.header.key)}`,
    noteTarget: (id) => ({ 'objectid_salesorder@odata.bind': `/salesorders(${id})` }),
    async write(rowsChanged, last) {
      const read = () => readOrderByKey(ctx.dataverse, keyColumn, plan.header.key, correlationId);
      let current: CrmOrder | null = null;
      let created = false;
      let conflict: string | null = null;
      let sent: Record<string, unknown>[] = [];
      let answer: ChangesetAnswer | null = null;
      // An order written before, whose rows and state columns are as written then, needs no changeset: only its
      // state may be due. Otherwise the changeset goes without reading first; a closed order refuses it, and that
      // refusal is the conflict a read would have found.
      if (last.crmId && !rowsChanged && !last.columnsChanged) current = await read();
      if (!current) {
        // The header answers with its id and state (no read afterwards), so the lines bind to it by its key: an
        // answer with the row carries no OData-EntityId for a `$1` reference.
        const headerPath = alternateKeyPath('salesorders', { [keyColumn]: plan.header.key });
        const header: BatchOperation = {
          method: 'PATCH',
          url: `${headerPath}?$select=salesorderid,statecode,statuscode`,
          headers: { Prefer: 'return=representation' },
          // An order we never wrote gets the store's owner; one we did keeps whoever owns it now.
          body: last.crmId ? headerBody : { ...headerBody, ...ownershipBinds(ctx.settings) },
        };
        // Only the lines that differ from the last write: an edit of one line (or of the header) sends that. They go
        // as one UpsertMultiple, matched by their key (each row carries it), in the header's changeset: a quarter of
        // the execution time of one upsert each (DATAVERSE.md, "Bulk operation messages").
        const changedLines = plan.lines
          .filter((line) => last.lines?.[line.key] !== lineHashes[line.key])
          .map((line) => ({ key: line.key, row: { ...line.row, 'salesorderid@odata.bind': `/${headerPath}` } }));
        const lineWrites = (bulk: boolean): BatchOperation[] =>
          changedLines.length === 0
            ? []
            : bulk
              ? [
                  upsertMultiple(
                    lines.set,
                    'salesorderdetail',
                    changedLines.map((line) => line.row),
                  ),
                ]
              : changedLines.map((line) => ({
                  method: 'PATCH',
                  url: alternateKeyPath(lines.set, { [keyColumn]: line.key }),
                  body: line.row,
                }));
        // Lines we wrote that Shopify's order no longer has go, by their key. Without a record of what we wrote (a
        // link from before it was kept), or when one of them is gone already (a person deleted it: the changeset
        // answers 404), the CRM's lines are read and every line not in the order goes, by id.
        const remembered = Object.keys(last.lines ?? {})
          .filter((key) => lineHashes[key] === undefined)
          .map((key): BatchOperation => ({ method: 'DELETE', url: alternateKeyPath(lines.set, { [keyColumn]: key }) }));
        const readStale = async () =>
          last.crmId
            ? staleLines(ctx, lines.set, last.crmId, lines.orderColumn, lines.idColumn, plan.lines, correlationId)
            : [];
        let bulk = !ctx.withoutBulk.has('salesorderdetail');
        let deletes = last.lines ? remembered : await readStale();
        let operations = [header, ...lineWrites(bulk), ...deletes];
        let outcome = await sendChangeset(ctx.dataverse, operations, correlationId);
        if (outcome.refused && bulk && bulkUnsupported(outcome.refused)) {
          // An org whose order lines take no bulk message: one upsert per line, from now on.
          ctx.withoutBulk.add('salesorderdetail');
          bulk = false;
          operations = [header, ...lineWrites(bulk), ...deletes];
          outcome = await sendChangeset(ctx.dataverse, operations, correlationId);
        }
        if (outcome.refused?.status === 404 && last.lines && remembered.length > 0) {
          deletes = await readStale();
          operations = [header, ...lineWrites(bulk), ...deletes];
          outcome = await sendChangeset(ctx.dataverse, operations, correlationId);
        }
        sent = sentOf(operations);
        answer = outcome.answer;
        const readOnly = outcome.refused?.code === ORDER_READ_ONLY;
        if (outcome.refused && !readOnly) throw changesetError(outcome.refused, `order ${order.name}`);
        const written = readOnly ? null : orderOf(answer.parts[0]?.body);
        created = answer.parts[0]?.status === 201;
        current = written ?? (await read());
        if (!current)
          throw new SyncError(
            'order.vanished',
            'transient',
            `Order ${order.name} was written but cannot be read back.`,
          );
        if (readOnly) {
          sent = [];
          answer = null;
          if (rowsChanged) conflict = closedConflict(current);
        }
      }
      const steps = planStateTransition({ statecode: current.statecode, statuscode: current.statuscode }, state);
      for (const step of steps) await applyStep(ctx, current, step, correlationId, order.name);
      return { id: current.id, created, conflict: withStepConflicts(conflict, steps), steps, sent, answer };
    },
    async preview(rowsChanged) {
      const current = await readOrderByKey(ctx.dataverse, keyColumn, plan.header.key, correlationId);
      let writes: PlannedWrite[] = [];
      let conflict: string | null = null;
      if (!current || current.statecode === 0) {
        const existing = current
          ? await readChildRows(
              ctx.dataverse,
              lines,
              current.id,
              keyColumn,
              columnsOf(plan.lines.map((line) => line.row)),
              correlationId,
            )
          : [];
        writes = plannedWrites({
          keyColumn,
          bookkeeping,
          header: {
            set: 'salesorders',
            key: plan.header.key,
            body: current ? headerBody : { ...headerBody, ...ownershipBinds(ctx.settings) },
            current: current
              ? await readRowAt(ctx.dataverse, `salesorders(${current.id})`, columnsOf([headerBody]), correlationId)
              : null,
          },
          children: plan.lines.map((line) => ({ set: lines.set, key: line.key, row: line.row })),
          existing: new Map([[lines.set, { set: lines.set, rows: existing }]]),
          staleSet: lines.set,
        });
      } else if (rowsChanged) {
        conflict = closedConflict(current);
      }
      // The header's state columns are ours, not statecode: the state after the changeset is the state read now.
      const steps = planStateTransition(current, state);
      return {
        id: current?.id ?? null,
        created: current === null,
        conflict: withStepConflicts(conflict, steps),
        steps,
        writes,
      };
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
    ...((await ctx.hasColumn(ctx.settings.orders.customTables.order, `${ctx.prefix}_locale`))
      ? { locale: ctx.settings.locale }
      : {}),
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
  const bookkeeping = `${ctx.prefix}_lastcorrelationid`;
  const orderBody = { ...plan.order.row, ...state.columns };
  const children = [
    ...plan.lines.map((row) => ({ row, set: sets.line })),
    ...plan.refunds.map((row) => ({ row, set: sets.refund })),
  ];
  const childTable = (set: string, table: string) => ({
    set,
    orderColumn: `_${ctx.prefix}_orderid_value`,
    idColumn: `${table}id`,
  });
  return {
    rows: {
      order: withoutBookkeeping(ctx, plan.order.row),
      lines: plan.lines.map((line) => withoutBookkeeping(ctx, line.row)),
      refunds: plan.refunds.map((refund) => withoutBookkeeping(ctx, refund.row)),
    },
    lineHashes: {},
    warnings: plan.warnings,
    request: { tables: plan.tables },
    keyRef: `${keyColumn}=${odataString(plan.order.key)}`,
    noteTarget: (id) => ({ [`objectid_${plan.tables.order}@odata.bind`]: `/${sets.order}(${id})` }),
    async write() {
      const existing = await readId();
      const operations: BatchOperation[] = [
        {
          method: 'PATCH',
          url: alternateKeyPath(sets.order, { [keyColumn]: plan.order.key }),
          // A new order gets the store's owner; one that exists keeps whoever owns it now.
          body: existing ? orderBody : { ...orderBody, ...ownershipBinds(ctx.settings) },
          contentId: '1',
        },
        ...children.map(({ row, set }): BatchOperation => ({
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
      const answer = await writeChangeset(ctx.dataverse, operations, `order ${order.name}`, correlationId);
      const id = existing ?? (await readId());
      if (!id)
        throw new SyncError('order.vanished', 'transient', `Order ${order.name} was written but cannot be read back.`);
      return { id, created: existing === null, conflict: null, steps: [], sent: sentOf(operations), answer };
    },
    async preview() {
      const existing = await readId();
      const current = new Map<string, { set: string; rows: Awaited<ReturnType<typeof readChildRows>> }>();
      if (existing) {
        for (const [set, table, rows] of [
          [sets.line, plan.tables.line, plan.lines],
          [sets.refund, plan.tables.refund, plan.refunds],
        ] as const) {
          const columns = columnsOf(rows.map((row) => row.row));
          const read = await readChildRows(
            ctx.dataverse,
            childTable(set, table),
            existing,
            keyColumn,
            columns,
            correlationId,
          );
          current.set(set, { set, rows: read });
        }
      }
      const writes = plannedWrites({
        keyColumn,
        bookkeeping,
        header: {
          set: sets.order,
          key: plan.order.key,
          body: existing ? orderBody : { ...orderBody, ...ownershipBinds(ctx.settings) },
          current: existing
            ? await readRowAt(ctx.dataverse, `${sets.order}(${existing})`, columnsOf([orderBody]), correlationId)
            : null,
        },
        children: children.map(({ row, set }) => ({ set, key: row.key, row: row.row })),
        existing: current,
        staleSet: sets.line,
      });
      return { id: existing, created: existing === null, conflict: null, steps: [], writes };
    },
  };
}

/** The order a header upsert answered with (`return=representation`), or null when the answer has none. */
function orderOf(body: unknown): CrmOrder | null {
  const row = body as { salesorderid?: unknown; statecode?: unknown; statuscode?: unknown } | undefined;
  if (typeof row?.salesorderid !== 'string' || typeof row.statecode !== 'number' || typeof row.statuscode !== 'number')
    return null;
  return { id: row.salesorderid, statecode: row.statecode, statuscode: row.statuscode };
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
