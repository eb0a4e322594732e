import { DataverseApiError } from '@shopverse/dataverse';
import { dropLink, findLink, otherLinksToCrmRow, recordAttempt, saveLink } from '@shopverse/db';
import type { EntityLink } from '@shopverse/db/schema';
import { diffRow } from '@shopverse/sync-core';
import { isDryRun, recordSkip, syncAttempt } from './attempts';
import { deleteById, readRow, updateById, type WriteAnswer } from './crm-rows';
import type { CustomerSyncRequest, SyncDeps } from './customer-sync';
import type { RowSyncResult } from './row-sync';
import type { StoreContext } from './store-context';

/** Contact statecode 1 (Inactive) with its status 2 (Inactive): Dynamics' own way to retire a person. */
const INACTIVE = { statecode: 1, statuscode: 2 };

/** The record every attempt of this module is about. */
function customerOf(request: CustomerSyncRequest) {
  return { entity: 'customer', shopifyGid: request.customerGid, crmTable: 'contact' };
}

/** Another live record (this store or another) still points at the contact: it must stay active. */
async function stillShared(deps: SyncDeps, ctx: StoreContext, link: EntityLink): Promise<string[]> {
  const others = await otherLinksToCrmRow(deps.db, {
    orgId: ctx.org.id,
    crmTable: 'contact',
    crmId: link.crmId,
    except: { storeId: link.storeId, shopifyType: link.shopifyType, shopifyGid: link.shopifyGid },
  });
  return others.map((other) => other.shopifyGid);
}

async function retire(
  deps: SyncDeps,
  ctx: StoreContext,
  request: CustomerSyncRequest,
  link: EntityLink,
  mode: 'deactivate' | 'delete',
  why: string,
  started: number,
): Promise<RowSyncResult> {
  const shared = await stillShared(deps, ctx, link);
  if (shared.length > 0) {
    const reason = `${why}, but contact ${link.crmId} is still linked from ${shared.join(', ')}; it stays active`;
    await recordSkip(deps.db, { ...request, ctx }, { ...customerOf(request), crmId: link.crmId, reason }, started);
    return { outcome: 'skipped', crmId: link.crmId };
  }
  const bookkeeping = `${ctx.prefix}_lastcorrelationid`;
  const changes = { ...INACTIVE, [bookkeeping]: request.correlationId };
  const target = {
    operation: mode,
    method: mode === 'delete' ? 'DELETE' : 'PATCH',
    entitySet: 'contacts',
    id: link.crmId,
  };
  if (isDryRun(ctx)) {
    // The row as it is now, for the diff: a delete would empty every column read, a deactivation change its state.
    const current = await readRow(ctx.dataverse, 'contact', link.crmId, ['statuscode'], request.correlationId);
    const diff = !current
      ? {}
      : mode === 'delete'
        ? Object.fromEntries(
            Object.entries(current)
              .filter(([column]) => column !== 'id' && !column.includes('@'))
              .map(([column, before]) => [column, { before, after: null }]),
          )
        : diffRow(current, changes, { ignore: [bookkeeping] });
    await recordAttempt(
      deps.db,
      syncAttempt(
        { ...request, ctx },
        {
          ...customerOf(request),
          crmId: link.crmId,
          // As the real run would log it: a contact already gone is the end state asked for.
          outcome: 'updated',
          request: { ...target, diff, reason: why, ...(current ? {} : { note: 'the contact is not in the CRM' }) },
          durationMs: Math.round(performance.now() - started),
        },
      ),
    );
    return { outcome: 'updated', crmId: link.crmId };
  }
  let answer: WriteAnswer | { status: number; error: string };
  try {
    answer =
      mode === 'delete'
        ? await deleteById(ctx.dataverse, 'contact', link.crmId, request.correlationId)
        : await updateById(ctx.dataverse, 'contact', link.crmId, changes, request.correlationId);
  } catch (error) {
    // Already gone from the CRM: the end state is the one asked for.
    if (!(error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND')) throw error;
    answer = { status: 404, error: error.message };
  }
  await deps.db.transaction(async (tx) => {
    const ref = { storeId: link.storeId, shopifyType: link.shopifyType, shopifyGid: link.shopifyGid };
    if (mode === 'delete') await dropLink(tx, ref);
    // The next sync of this gid (there should be none) must not take the retired contact as up to date.
    else
      await saveLink(tx, { ...link, ...ref, contentHash: null, correlationId: request.correlationId, now: deps.now() });
    await recordAttempt(
      tx,
      syncAttempt(
        { ...request, ctx },
        {
          ...customerOf(request),
          crmId: link.crmId,
          outcome: 'updated',
          request: { ...target, ...(mode === 'deactivate' ? { row: changes } : {}), reason: why },
          response: answer,
          durationMs: Math.round(performance.now() - started),
        },
      ),
    );
  });
  return { outcome: 'updated', crmId: link.crmId };
}

/**
 * A customer Shopify no longer has (`customers/delete`, or the loser of a merge): its contact is deactivated by
 * default, deleted only when the store's settings say so, and left alone while another record still points at it.
 */
export async function removeCustomer(
  deps: SyncDeps,
  ctx: StoreContext,
  request: CustomerSyncRequest,
): Promise<RowSyncResult> {
  const started = performance.now();
  const link = await findLink(deps.db, {
    storeId: ctx.storeId,
    shopifyType: 'customer',
    shopifyGid: request.customerGid,
  });
  const setting = ctx.settings.customers.onDelete;
  if (!link || setting === 'ignore') {
    const reason = link
      ? 'the customer was deleted in Shopify; the store keeps its contact (onDelete: ignore)'
      : 'the customer is not in Shopify and was never synced';
    await recordSkip(
      deps.db,
      { ...request, ctx },
      { ...customerOf(request), crmId: link?.crmId ?? null, reason },
      started,
    );
    return { outcome: 'skipped', crmId: link?.crmId ?? null };
  }
  return retire(deps, ctx, request, link, setting, 'the customer was deleted in Shopify', started);
}

/**
 * `customers/merge`: Shopify kept one customer and deleted the other. The kept one is synced as usual by the caller;
 * here the deleted one's contact, when it is a different contact, is deactivated (store setting `onMerge`), and the
 * deleted gid's link moves to the kept contact, so anything that still names the old customer finds the survivor.
 */
export async function retireMergedCustomer(
  deps: SyncDeps,
  ctx: StoreContext,
  request: CustomerSyncRequest & { keptGid: string },
): Promise<RowSyncResult> {
  const started = performance.now();
  const ref = { storeId: ctx.storeId, shopifyType: 'customer' as const };
  const deleted = await findLink(deps.db, { ...ref, shopifyGid: request.customerGid });
  const kept = await findLink(deps.db, { ...ref, shopifyGid: request.keptGid });
  if (!deleted || ctx.settings.customers.onMerge === 'ignore' || deleted.crmId === kept?.crmId) {
    const reason = !deleted
      ? 'the merged-away customer was never synced'
      : deleted.crmId === kept?.crmId
        ? 'both customers were already one contact'
        : 'the store keeps merged-away contacts (onMerge: ignore)';
    await recordSkip(
      deps.db,
      { ...request, ctx },
      {
        ...customerOf(request),
        crmId: deleted?.crmId ?? null,
        reason,
        keptGid: request.keptGid,
      },
      started,
    );
    return { outcome: 'skipped', crmId: deleted?.crmId ?? null };
  }
  const result = await retire(
    deps,
    ctx,
    request,
    deleted,
    'deactivate',
    `the customer was merged into ${request.keptGid}`,
    started,
  );
  // A dry run moves no link: the live run must still find the merged-away customer's contact to retire it.
  if (kept && result.outcome === 'updated' && !isDryRun(ctx)) {
    await saveLink(deps.db, {
      ...kept,
      shopifyGid: deleted.shopifyGid,
      correlationId: request.correlationId,
      now: deps.now(),
    });
  }
  return result;
}
