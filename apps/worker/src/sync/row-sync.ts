import {
  type Database,
  dropLink,
  findLink,
  otherLinksToCrmRow,
  parkAmbiguousMatch,
  recordAttempt,
  saveLink,
} from '@shopverse/db';
import type { MergeCandidate, NewSyncAttempt, ShopifyType, SyncOutcome } from '@shopverse/db/schema';
import {
  type ConflictPolicy,
  contentHash,
  type CrmValue,
  diffRow,
  lookupProperties,
  planRowWrite,
  type RowWritePlan,
} from '@shopverse/sync-core';
import { isDryRun, type SyncChain, syncAttempt } from './attempts';
import {
  type CrmRow,
  type CrmTable,
  odataString,
  readRow,
  TABLES,
  updateById,
  upsertByKey,
  type WriteAnswer,
} from './crm-rows';
import type { StoreContext } from './store-context';

/** Where a record that has no link goes, as its matcher (and the merge queue) decided. */
export type Located =
  | { kind: 'create' }
  | { kind: 'update'; row: CrmRow; matchedOn: string }
  | { kind: 'ambiguous'; reason: string; candidates: MergeCandidate[] }
  | { kind: 'skip'; reason: string };

/** One Shopify record to mirror onto one CRM row. */
export interface RowSyncInput extends SyncChain {
  db: Database;
  ctx: StoreContext;
  now: () => Date;
  table: CrmTable;
  shopifyType: ShopifyType;
  shopifyGid: string;
  /** For the log: `customer`, `company`, `company_location`, `address_company`. */
  entity: string;
  email?: string | null;
  mapped: { key: string; row: Record<string, CrmValue>; warnings: string[] };
  shopifyUpdatedAt: string;
  policies: Record<string, ConflictPolicy>;
  defaultPolicy: ConflictPolicy;
  /** The canonical record, kept with a parked match so a person sees what came from Shopify. */
  payload: Record<string, unknown>;
  /** Finds where a record without a (live) link goes; given the columns to read from candidates. */
  locate: (columns: string[]) => Promise<Located>;
  /** Columns written only if the row is created (its owner, a B2C contact's parent account): see planRowWrite. */
  createOnly?: Record<string, CrmValue>;
}

export interface RowSyncResult {
  outcome: SyncOutcome;
  crmId: string | null;
  /**
   * In a dry run that would create the row: the row as an OData key segment (`sv_shopifyid='us_1'`), which a
   * dependent write (an order's customer, a contact's account) would bind to, since there is no id yet.
   */
  keyRef?: string;
}

/**
 * Mirrors one record onto one CRM row, idempotently: unchanged content (same hash as the link) costs no CRM call; a
 * linked row is updated column by column under the conflict policy; an unlinked record is matched, parked for a
 * person when ambiguous, or created by our alternate key (a retry upserts, never duplicates). The link and the
 * attempt are saved together. In a dry run (`pipeline.dryRun`) everything up to the write runs, and the attempt shows
 * the write as a diff against the CRM's row instead; no write, no link.
 */
export async function syncRow(input: RowSyncInput): Promise<RowSyncResult> {
  const { ctx, db, mapped } = input;
  const started = performance.now();
  const dryRun = isDryRun(ctx);
  const keyColumn = `${ctx.prefix}_shopifyid`;
  const bookkeeping = [`${ctx.prefix}_lastcorrelationid`];
  const ref = { storeId: ctx.storeId, shopifyType: input.shopifyType, shopifyGid: input.shopifyGid };
  const compared = Object.fromEntries(Object.entries(mapped.row).filter(([column]) => !bookkeeping.includes(column)));
  const hash = contentHash(compared);
  const attempt = (
    outcome: SyncOutcome,
    extra: { crmId?: string | null; request?: unknown; response?: unknown },
  ): NewSyncAttempt =>
    syncAttempt(input, {
      entity: input.entity,
      shopifyGid: input.shopifyGid,
      email: input.email ?? null,
      crmTable: input.table,
      crmId: extra.crmId ?? null,
      outcome,
      request: extra.request ?? null,
      response: extra.response ?? null,
      durationMs: Math.round(performance.now() - started),
      startedAt: input.now(),
      finishedAt: input.now(),
    });
  const log = (outcome: SyncOutcome, extra: { crmId?: string | null; request?: unknown }) =>
    recordAttempt(db, attempt(outcome, extra));

  let link = await findLink(db, ref);
  if (link && link.contentHash === hash) {
    const unchanged = link;
    // The record's version moves on to the one just read (never back): a late delivery from between the two is then
    // older than the link and read from Shopify, and the next backfill or poll does not queue this record again.
    const version = new Date(Math.max(Date.parse(input.shopifyUpdatedAt), unchanged.shopifyUpdatedAt?.getTime() ?? 0));
    await db.transaction(async (tx) => {
      if (!dryRun) {
        await saveLink(tx, {
          ...linkFields(unchanged),
          shopifyUpdatedAt: version,
          correlationId: input.correlationId,
          now: input.now(),
        });
      }
      await recordAttempt(tx, attempt('unchanged', { crmId: unchanged.crmId, request: { warnings: mapped.warnings } }));
    });
    return { outcome: 'unchanged', crmId: link.crmId };
  }
  if (link?.shopifyUpdatedAt && link.shopifyUpdatedAt.getTime() > Date.parse(input.shopifyUpdatedAt)) {
    const reason =
      `this version (updatedAt ${input.shopifyUpdatedAt}) is older than the one already synced ` +
      `(${link.shopifyUpdatedAt.toISOString()}); webhooks arrive out of order`;
    await log('skipped', { crmId: link.crmId, request: { reason } });
    return { outcome: 'skipped', crmId: link.crmId };
  }
  // Lookups are read back as `_x_value`: read them too, so a dry run's diff can tell a bind that changes.
  const idsColumn = (await keepsStoreIds(input)) ? `${ctx.prefix}_shopifyids` : null;
  const columns = [
    ...Object.keys(mapped.row).filter((column) => !column.endsWith('@odata.bind')),
    ...lookupProperties(mapped.row),
    ...(idsColumn ? [idsColumn] : []),
  ];
  let current = link ? await readRow(ctx.dataverse, input.table, link.crmId, columns, input.correlationId) : null;
  if (link && !current) {
    // Deleted in the CRM since: match afresh rather than write to a row that is gone (a dry run keeps the link).
    if (!dryRun) await dropLink(db, ref);
    link = undefined;
  }
  let matchedOn = link ? 'linkedId' : undefined;
  if (!current) {
    const located = await input.locate(columns);
    if (located.kind === 'skip') {
      await log('skipped', { request: { reason: located.reason } });
      return { outcome: 'skipped', crmId: null };
    }
    if (located.kind === 'ambiguous') {
      // Parked in a dry run too: the merge queue is ours, not the CRM's, and settling these questions is what a
      // store does in shadow mode before it goes live; the live run then follows the person's decision.
      const item = await parkAmbiguousMatch(db, {
        ...ref,
        orgId: ctx.org.id,
        reason: located.reason,
        candidates: located.candidates,
        payload: input.payload,
        correlationId: input.correlationId,
      });
      await log('ambiguous', {
        request: { reason: located.reason, mergeItemId: item.id, candidates: located.candidates },
      });
      return { outcome: 'ambiguous', crmId: null };
    }
    if (located.kind === 'update') {
      current = located.row;
      matchedOn = located.matchedOn;
    }
  }
  const others = current
    ? await otherLinksToCrmRow(db, { orgId: ctx.org.id, crmTable: input.table, crmId: current.id, except: ref })
    : [];
  const fillOnly = guestUnderCustomer(input, others);
  const plan = planRowWrite({
    row: mapped.row,
    keyColumn,
    key: mapped.key,
    bookkeeping,
    ...(input.createOnly ? { createOnly: input.createOnly } : {}),
    ...(idsColumn ? { maintained: { column: idsColumn, value: storeIds(input, others) } } : {}),
    otherWrites: others
      .filter((other) => other.storeId !== ctx.storeId && other.writtenValues && other.shopifyUpdatedAt)
      .map((other) => ({
        storeKey: other.storeKey,
        updatedAt: (other.shopifyUpdatedAt ?? new Date(0)).toISOString(),
        written: other.writtenValues ?? {},
      })),
    destination: current
      ? {
          kind: 'update',
          id: current.id,
          current,
          modifiedOn: typeof current.modifiedon === 'string' ? current.modifiedon : null,
          currentKey: typeof current[keyColumn] === 'string' && current[keyColumn] !== '' ? current[keyColumn] : null,
        }
      : { kind: 'create' },
    // A guest checkout's buyer (an order's billing details) never overwrites a contact a customer record holds: it
    // only fills what is empty. Which of the two syncs first is chance (a burst of webhooks), the outcome must not be.
    ...(fillOnly
      ? { lastWritten: null, policies: {}, defaultPolicy: 'fillEmptyOnly' as const }
      : {
          lastWritten: link?.writtenValues ?? (current ? writtenBySameStore(ctx, others) : null),
          policies: input.policies,
          defaultPolicy: input.defaultPolicy,
        }),
    shopifyUpdatedAt: input.shopifyUpdatedAt,
  });
  const write = {
    entitySet: TABLES[input.table].entitySet,
    ...(plan.kind === 'create' ? { key: { [keyColumn]: mapped.key } } : { id: plan.id }),
  };
  const context = {
    matchedOn: matchedOn ?? null,
    warnings: mapped.warnings,
    conflictsKept: plan.kind === 'create' ? [] : plan.kept,
  };
  if (dryRun) {
    const outcome: SyncOutcome = plan.kind === 'none' ? 'unchanged' : plan.kind === 'create' ? 'created' : 'updated';
    const crmId = plan.kind === 'create' ? null : plan.id;
    await log(outcome, {
      crmId,
      request: {
        ...(plan.kind === 'none' ? { operation: 'none' } : { operation: plan.kind, method: 'PATCH' }),
        ...write,
        diff: plan.kind === 'none' ? {} : diffRow(current, plan.row, { ignore: bookkeeping }),
        ...context,
      },
    });
    return {
      outcome,
      crmId,
      ...(plan.kind === 'create' ? { keyRef: `${keyColumn}=${odataString(mapped.key)}` } : {}),
    };
  }
  const { crmId, created, answer } = await execute(input, plan, keyColumn);
  const outcome: SyncOutcome = plan.kind === 'none' ? 'unchanged' : created ? 'created' : 'updated';
  await db.transaction(async (tx) => {
    await saveLink(tx, {
      ...ref,
      orgId: ctx.org.id,
      crmTable: input.table,
      crmId,
      shopifyUpdatedAt: new Date(input.shopifyUpdatedAt),
      contentHash: hash,
      // A fill-only write records what it filled, added to what its link filled before (another order of the same
      // guest may sync at the same time): the two-way poll must never read one of our fills as a person's edit.
      writtenValues: fillOnly ? filled(plan) : plan.written,
      keepEarlierWrites: fillOnly,
      correlationId: input.correlationId,
      now: input.now(),
    });
    await recordAttempt(
      tx,
      attempt(outcome, {
        crmId,
        request: {
          operation: plan.kind,
          ...(plan.kind === 'none' ? {} : { method: 'PATCH' }),
          ...write,
          ...(plan.kind === 'none' ? {} : { row: plan.row }),
          ...context,
        },
        response: answer ? { ...answer, crmId, created } : null,
      }),
    );
  });
  return { outcome, crmId };
}

/**
 * What this store last wrote to a CRM row the record is not linked to yet but another of the store's records is (the
 * contact a guest checkout of the same buyer created first): those values are ours, not a person's edits, so the
 * customer's own values follow Shopify rather than lose to the conflict policy. Another store's writes stay another
 * owner's: the conflict policy settles those (issue 11: a store never overwrites what another owns more recently).
 */
function writtenBySameStore(
  ctx: StoreContext,
  others: Awaited<ReturnType<typeof otherLinksToCrmRow>>,
): Record<string, unknown> | null {
  const links = others
    .filter((other) => other.storeId === ctx.storeId && other.writtenValues)
    .sort((a, b) => a.lastSyncedAt.getTime() - b.lastSyncedAt.getTime());
  if (links.length === 0) return null;
  // The latest write of each column wins, as it is what the row held after it.
  return Object.assign({}, ...links.map((other) => other.writtenValues)) as Record<string, unknown>;
}

/** The columns a write filled, with their values: what it sent, of what it compared. */
function filled(plan: RowWritePlan): Record<string, unknown> {
  if (plan.kind === 'create') return plan.written;
  if (plan.kind === 'none') return {};
  return Object.fromEntries(Object.entries(plan.written).filter(([column]) => column in plan.row));
}

/** Whether this is a guest checkout's buyer written to a contact that a customer record (of any store) is linked to. */
function guestUnderCustomer(input: RowSyncInput, others: Awaited<ReturnType<typeof otherLinksToCrmRow>>): boolean {
  return input.shopifyType === 'guest_checkout' && others.some((other) => other.shopifyType === 'customer');
}

/** The record types whose ids a shared row lists in `sv_shopifyids`: a person's customers, a company's companies. */
const LISTED_TYPES: Partial<Record<CrmTable, ShopifyType>> = { contact: 'customer', account: 'company' };

/** Whether this write keeps the row's list of every store's id (issue 11): customers and companies, when provisioned. */
async function keepsStoreIds(input: RowSyncInput): Promise<boolean> {
  if (LISTED_TYPES[input.table] !== input.shopifyType) return false;
  return input.ctx.hasColumn(input.table, `${input.ctx.prefix}_shopifyids`);
}

/**
 * Every store's id of the row's person or company, as `sv_shopifyids` shows it: `eu_5000000000123; us_5000000000123`,
 * sorted, this record's own included. Ids are `<store key>_<legacy id>` as in `sv_shopifyid`.
 */
function storeIds(input: RowSyncInput, others: Awaited<ReturnType<typeof otherLinksToCrmRow>>): string {
  const ids = new Set([input.mapped.key]);
  for (const other of others) {
    if (other.shopifyType !== input.shopifyType) continue;
    ids.add(`${other.storeKey}_${other.shopifyGid.slice(other.shopifyGid.lastIndexOf('/') + 1)}`);
  }
  return [...ids].sort().join('; ');
}

async function execute(
  input: RowSyncInput,
  plan: RowWritePlan,
  keyColumn: string,
): Promise<{ crmId: string; created: boolean; answer: WriteAnswer | null }> {
  const { ctx } = input;
  if (plan.kind === 'create') {
    const { id, created, ...answer } = await upsertByKey(
      ctx.dataverse,
      input.table,
      { [keyColumn]: input.mapped.key },
      plan.row,
      input.correlationId,
    );
    return { crmId: id, created, answer };
  }
  if (plan.kind === 'update') {
    const answer = await updateById(ctx.dataverse, input.table, plan.id, plan.row, input.correlationId);
    return { crmId: plan.id, created: false, answer };
  }
  return { crmId: plan.id, created: false, answer: null };
}

function linkFields(link: NonNullable<Awaited<ReturnType<typeof findLink>>>) {
  return {
    storeId: link.storeId,
    shopifyType: link.shopifyType,
    shopifyGid: link.shopifyGid,
    orgId: link.orgId,
    crmTable: link.crmTable,
    crmId: link.crmId,
    shopifyUpdatedAt: link.shopifyUpdatedAt,
    contentHash: link.contentHash,
    writtenValues: link.writtenValues,
  };
}
