import { findLink, recordAttempt, saveLink, saveOrderFact } from '@shopverse/db';
import type { NewSyncAttempt, SyncOutcome } from '@shopverse/db/schema';
import { bulkUnsupported, DataverseApiError, upsertMultiple } from '@shopverse/dataverse';
import { readOrderWithEvents } from '@shopverse/shopify';
import {
  contentHash,
  crmOrderState,
  diffRow,
  orderEventsFromRest,
  orderFromRest,
  orderTimeline,
  type ShopifyOrder,
  type ShopifyOrderEvents,
  type TimelineEntry,
} from '@shopverse/sync-core';
import { isDryRun, type SyncChain, syncAttempt } from './attempts';
import { readRowAt } from './crm-orders';
import type { CompanySync } from './company-sync';
import { bindOrderCustomer, type CustomerSync } from './customer-binding';
import type { SyncDeps } from './customer-sync';
import { orderFactOf } from './order-fact';
import type { StoreContext } from './store-context';
import { customTablesWriter, type OrderWriter, type PlannedWrite, salesOrderWriter } from './order-writers';

export interface OrderSyncRequest extends SyncChain {
  storeId: string;
  orderGid: string;
  /** The webhook body: only tells whether there is anything newer than what was synced. */
  body?: unknown;
}

/** What the order's link remembers besides the hash: the timeline entries already written, with their content. */
interface OrderMemory {
  /** Note key -> hash of its subject and text: a note whose text changed (tracking added) is written again. */
  timeline: Record<string, string>;
  /** Hash of the header and lines alone, to tell an edit of a closed order from a state or timeline change. */
  rows: string;
  /** Hash of the state columns the header carries; absent in links written before it was kept. */
  columns?: string;
  /** Each line's hash by key as last written; absent in links written before it was kept. */
  lines?: Record<string, string>;
}

function memoryOf(value: Record<string, unknown> | null | undefined): OrderMemory | null {
  const timeline = value?.timeline;
  if (!value || typeof timeline !== 'object' || timeline === null || typeof value.rows !== 'string') return null;
  return {
    timeline: Object.fromEntries(
      Object.entries(timeline).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
    rows: value.rows,
    ...(typeof value.columns === 'string' ? { columns: value.columns } : {}),
    ...(typeof value.lines === 'object' && value.lines !== null
      ? {
          lines: Object.fromEntries(
            Object.entries(value.lines).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          ),
        }
      : {}),
  };
}

/**
 * Syncs one order: its customer first (a dependency, never an unbound order), then the order and its lines as one
 * changeset of upserts by key while the CRM order is still editable, then the state Shopify's current state calls for
 * (through the messages Dynamics requires, never a transition it forbids), then each timeline entry not yet written.
 * An edit that arrives once the CRM order is closed is logged as a conflict for a person. In a dry run
 * (`pipeline.dryRun`) the same reads happen and the attempt shows every write as a diff against the CRM's rows; no
 * write, no link.
 */
export async function syncOrder(
  deps: SyncDeps,
  request: OrderSyncRequest,
  customers: CustomerSync,
  companies: CompanySync,
): Promise<{ outcome: SyncOutcome; crmId: string | null }> {
  const ctx = await deps.contexts.get(request.storeId);
  const ref = { storeId: ctx.storeId, shopifyType: 'order' as const, shopifyGid: request.orderGid };
  const started = performance.now();
  const link = await findLink(deps.db, ref);
  const attempt = (outcome: SyncOutcome, extra: Partial<NewSyncAttempt>): NewSyncAttempt =>
    syncAttempt(
      { ...request, ctx },
      {
        entity: 'order',
        shopifyGid: request.orderGid,
        crmTable: 'salesorder',
        outcome,
        durationMs: Math.round(performance.now() - started),
        ...extra,
      },
    );
  // A body we cannot read is only a missed shortcut: the order is read from Shopify below either way.
  const delivered = request.body !== undefined ? deliveredOrder(request.body) : null;
  const syncedAt = link?.shopifyUpdatedAt?.getTime();
  if (delivered && syncedAt !== undefined && Date.parse(delivered.order.updatedAt) < syncedAt) {
    const reason = `the delivery (updatedAt ${delivered.order.updatedAt}) is older than what was synced`;
    await recordAttempt(
      deps.db,
      attempt('skipped', { crmId: link?.crmId ?? null, orderName: delivered.order.name, request: { reason } }),
    );
    return { outcome: 'skipped', crmId: link?.crmId ?? null };
  }
  // DESIGN.md: the order from its delivery when that is newer than what was synced, which costs Shopify nothing. One
  // of the same second as the sync may describe another moment of that second (updatedAt has whole seconds), and an
  // order whose refunds the body cannot total is not described whole: those are read from the API.
  const fromDelivery =
    delivered?.events && (syncedAt === undefined || Date.parse(delivered.order.updatedAt) > syncedAt)
      ? { order: delivered.order, events: delivered.events }
      : null;
  const read =
    fromDelivery ??
    (await readOrderWithEvents(ctx.shopify, request.orderGid, { correlationId: request.correlationId }));
  if (!read) {
    const reason = 'the order is not in Shopify any more (deleted); the CRM order is kept as it is';
    await recordAttempt(deps.db, attempt('skipped', { crmId: link?.crmId ?? null, request: { reason } }));
    return { outcome: 'skipped', crmId: link?.crmId ?? null };
  }
  const { order, events } = read;
  // Shown with the attempt: whether Shopify was asked (its cost) or the delivery sufficed.
  const orderFrom = fromDelivery ? 'delivery' : 'admin-api';
  const customer = await bindOrderCustomer(deps, ctx, order, request, customers, companies);
  const settings = ctx.settings.orders;
  const state = crmOrderState(order, events, { prefix: ctx.prefix, currency: settings.currency });
  const timeline = orderTimeline(order, events, { storeKey: ctx.storeKey, currency: settings.currency });
  const writerInput = { ctx, order, events, customer, state, correlationId: request.correlationId };
  const writer =
    settings.target === 'custom' ? await customTablesWriter(writerInput) : await salesOrderWriter(writerInput);
  const rowsHash = contentHash(writer.rows);
  const noteHash = (entry: (typeof timeline)[number]) => contentHash([entry.subject, entry.notetext]);
  const hash = contentHash({ rows: rowsHash, state, timeline: timeline.map((entry) => [entry.key, noteHash(entry)]) });
  if (link?.contentHash === hash) {
    // The link's confirmation and the attempt that made it commit together, as every outcome does.
    await deps.db.transaction(async (tx) => {
      if (!isDryRun(ctx)) {
        // The version moves on, so that a delivery of a moment in between is known to be older.
        const shopifyUpdatedAt = new Date(order.updatedAt);
        await saveLink(tx, {
          ...link,
          ...ref,
          shopifyUpdatedAt,
          correlationId: request.correlationId,
          now: deps.now(),
        });
        // Kept for orders synced before reporting existed too: an unchanged order is counted all the same.
        await saveOrderFact(
          tx,
          orderFactOf(ctx, order, { table: link.crmTable, id: link.crmId, customerId: customer.id }, deps.now()),
        );
      }
      await recordAttempt(
        tx,
        attempt('unchanged', { crmId: link.crmId, orderName: order.name, request: { orderFrom } }),
      );
    });
    return { outcome: 'unchanged', crmId: link.crmId };
  }
  const memory = memoryOf(link?.writtenValues);
  const rowsChanged = memory?.rows !== rowsHash;
  const due = timeline.filter((entry) => memory?.timeline[entry.key] !== noteHash(entry));
  const notesOf = (orderRef: string) => due.flatMap((entry) => notes(entry, writer, orderRef, customer));
  const common = {
    orderName: order.name,
    email: order.email?.trim().toLowerCase() || null,
  };
  if (isDryRun(ctx)) {
    const preview = await writer.preview(rowsChanged);
    const noteWrites: PlannedWrite[] = [];
    for (const note of notesOf(preview.id ?? writer.keyRef)) {
      const current = await readRowAt(
        ctx.dataverse,
        `annotations(${note.key})`,
        ['subject', 'notetext'],
        request.correlationId,
      );
      // A note's target never changes (its id is derived from the order and the event): compared only on creation.
      const ignore = current ? Object.keys(note.bind) : [];
      noteWrites.push({
        method: 'PATCH',
        entitySet: 'annotations',
        id: note.key,
        diff: diffRow(current, note.body, { ignore }),
      });
    }
    const writes = [...preview.writes, ...noteWrites];
    const outcome: SyncOutcome = preview.conflict ? 'failed' : preview.created ? 'created' : 'updated';
    await recordAttempt(
      deps.db,
      attempt(outcome, {
        crmId: preview.id,
        ...common,
        request: {
          orderFrom,
          ...writer.request,
          writes: writes.filter((write) => Object.keys(write.diff).length > 0),
          unchangedRows: writes.filter((write) => Object.keys(write.diff).length === 0).length,
          state: preview.steps,
          timeline: due.map((entry) => entry.subject),
          warnings: writer.warnings,
        },
        ...(preview.conflict
          ? { errorClass: 'permanent' as const, errorCode: 'order.not_editable', errorMessage: preview.conflict }
          : {}),
      }),
    );
    return { outcome: preview.created ? 'created' : 'updated', crmId: preview.id };
  }
  const columnsHash = contentHash(state.columns);
  const {
    id: orderId,
    created,
    conflict,
    steps,
    sent,
    answer,
  } = await writer.write(rowsChanged, {
    crmId: link?.crmId ?? null,
    columnsChanged: memory?.columns !== columnsHash,
    lines: memory?.lines ?? null,
  });
  const written: Record<string, string> = { ...memory?.timeline };
  const { sent: notesSent, answers: noteAnswers } = await writeNotes(ctx, notesOf(orderId), request.correlationId);
  for (const entry of due) written[entry.key] = noteHash(entry);
  const outcome: SyncOutcome = created ? 'created' : 'updated';
  const crmTable = settings.target === 'custom' ? settings.customTables.order : 'salesorder';
  await deps.db.transaction(async (tx) => {
    await saveOrderFact(
      tx,
      orderFactOf(ctx, order, { table: crmTable, id: orderId, customerId: customer.id }, deps.now()),
    );
    await saveLink(tx, {
      ...ref,
      orgId: ctx.org.id,
      crmTable,
      crmId: orderId,
      shopifyUpdatedAt: new Date(order.updatedAt),
      // A conflict leaves the hash unset, so the next change of the order is looked at again.
      contentHash: conflict ? null : hash,
      writtenValues: {
        timeline: written,
        rows: conflict ? (memory?.rows ?? null) : rowsHash,
        columns: conflict ? (memory?.columns ?? null) : columnsHash,
        lines: conflict ? (memory?.lines ?? null) : writer.lineHashes,
      },
      correlationId: request.correlationId,
      now: deps.now(),
    });
    await recordAttempt(
      tx,
      attempt(conflict ? 'failed' : outcome, {
        crmId: orderId,
        ...common,
        request: {
          orderFrom,
          ...writer.request,
          operations: sent,
          state: steps,
          notes: notesSent,
          warnings: writer.warnings,
        },
        response: { crmId: orderId, created, changeset: answer, notes: noteAnswers },
        ...(conflict
          ? { errorClass: 'permanent' as const, errorCode: 'order.not_editable', errorMessage: conflict }
          : {}),
      }),
    );
  });
  return { outcome, crmId: orderId };
}

/**
 * The notes of one timeline entry: the same event on the order's timeline and on its customer's. Each note's id is
 * derived from the event, so a replay updates the note rather than adding one.
 */
function notes(
  entry: TimelineEntry,
  writer: OrderWriter,
  orderRef: string,
  customer: { table: string; id: string },
): { key: string; bind: Record<string, string>; body: Record<string, string> }[] {
  return [
    { key: entry.key, bind: writer.noteTarget(orderRef) },
    {
      key: entry.customerKey,
      bind: { [`objectid_${customer.table}@odata.bind`]: `/${customer.table}s(${customer.id})` },
    },
  ].map((note) => ({ ...note, body: { subject: entry.subject, notetext: entry.notetext, ...note.bind } }));
}

/**
 * Writes the due notes as one UpsertMultiple, each matched by its id (derived from the event): all of them or none. An
 * org whose notes take no bulk message gets one upsert per note, from then on. Answers what was sent and each note's
 * status, for the log.
 */
async function writeNotes(
  ctx: StoreContext,
  list: { key: string; body: Record<string, string> }[],
  correlationId: string,
): Promise<{ sent: unknown; answers: { id: string; status: number }[] }> {
  if (list.length === 0) return { sent: [], answers: [] };
  if (!ctx.withoutBulk.has('annotation')) {
    const bulk = upsertMultiple(
      'annotations',
      'annotation',
      list.map((note) => ({ annotationid: note.key, ...note.body })),
    );
    try {
      const response = await ctx.dataverse.request({
        method: bulk.method,
        path: bulk.url,
        body: bulk.body,
        idempotent: true,
        correlationId,
      });
      return { sent: bulk, answers: list.map((note) => ({ id: note.key, status: response.status })) };
    } catch (error) {
      if (!(error instanceof DataverseApiError && bulkUnsupported({ ...error.details, message: error.message })))
        throw error;
      ctx.withoutBulk.add('annotation');
    }
  }
  const answers: { id: string; status: number }[] = [];
  for (const note of list) {
    const response = await ctx.dataverse.request({
      method: 'PATCH',
      path: `annotations(${note.key})`,
      body: note.body,
      idempotent: true,
      correlationId,
    });
    answers.push({ id: note.key, status: response.status });
  }
  return {
    sent: list.map((note) => ({ method: 'PATCH', url: `annotations(${note.key})`, body: note.body })),
    answers,
  };
}

/**
 * The order of a delivery's body and, when the body describes them exactly, its refunds and fulfillments; null when
 * the body is no order we can read (the sync then reads it from the API).
 */
function deliveredOrder(body: unknown): { order: ShopifyOrder; events: ShopifyOrderEvents | null } | null {
  let order: ShopifyOrder;
  try {
    order = orderFromRest(body);
  } catch {
    return null;
  }
  try {
    return { order, events: orderEventsFromRest(body) };
  } catch {
    return { order, events: null };
  }
}
