import { mergeStateOf } from '@shopverse/db';
import { readCompany } from '@shopverse/shopify';
import { COMPANY_SOURCES, fieldMapColumns, mapCompanyToAccounts } from '@shopverse/sync-core';
import { locateAccount } from './account-candidates';
import { chainOf, recordSkip, type SyncChain } from './attempts';
import type { SyncDeps } from './customer-sync';
import { ownershipBinds } from './ownership';
import { type RowSyncResult, syncRow } from './row-sync';

export interface CompanySyncRequest extends SyncChain {
  storeId: string;
  companyGid: string;
}

/** Syncs companies; passed to the customer sync, which needs a contact's company first (a dependency). */
export interface CompanySync {
  sync(request: CompanySyncRequest): Promise<RowSyncResult>;
}

/**
 * Syncs one Shopify company (B2B) to its account and, per the store's settings, its locations to the account's
 * addresses or to child accounts under it. An account of that name already in the CRM is adopted, never duplicated.
 */
export async function syncCompany(deps: SyncDeps, request: CompanySyncRequest): Promise<RowSyncResult> {
  const started = performance.now();
  const ctx = await deps.contexts.get(request.storeId);
  // Always read whole: a `companies/*` body has no locations, and in B2B the locations are the addresses.
  const company = await readCompany(ctx.shopify, request.companyGid, { correlationId: request.correlationId });
  if (!company) {
    await recordSkip(
      deps.db,
      { ...request, ctx },
      {
        entity: 'company',
        shopifyGid: request.companyGid,
        reason: 'the company is not in Shopify any more; its account is left as it is',
      },
      started,
    );
    return { outcome: 'skipped', crmId: null };
  }
  const settings = ctx.settings.customers;
  const { account, locations } = mapCompanyToAccounts(company, {
    storeKey: ctx.storeKey,
    correlationId: request.correlationId,
    countryAs: ctx.settings.countryAs,
    prefix: ctx.prefix,
    companyLocationAs: settings.companyLocationAs,
  });
  // The store's field map adds its columns to the company's account (never to a location's); first, so that the
  // account's own columns stand.
  account.row = {
    ...fieldMapColumns(COMPANY_SOURCES, company, ctx.settings.fieldMap.account, account.warnings),
    ...account.row,
  };
  const common = {
    ...deps,
    ...chainOf(request),
    ctx,
    table: 'account' as const,
    shopifyUpdatedAt: company.updatedAt,
    policies: settings.conflictPolicy,
    defaultPolicy: settings.defaultConflictPolicy,
    createOnly: ownershipBinds(ctx.settings),
  };
  const name = typeof account.row.name === 'string' ? account.row.name : null;
  const result = await syncRow({
    ...common,
    shopifyType: 'company',
    shopifyGid: company.gid,
    entity: 'company',
    mapped: { key: account.shopifyId, row: account.row, warnings: account.warnings },
    payload: { ...company },
    locate: async (columns) => {
      const { decided } = await mergeStateOf(deps.db, {
        storeId: ctx.storeId,
        shopifyType: 'company',
        shopifyGid: company.gid,
      });
      return locateAccount(ctx, {
        key: account.shopifyId,
        name,
        columns,
        correlationId: request.correlationId,
        decided,
      });
    },
  });
  // In a dry run that would create the account, its locations are shown too, as children of its key.
  if (!result.crmId && !result.keyRef) return result;
  for (const location of locations) {
    // Child accounts are ours by key alone: a location has no identity in the CRM before we write it.
    await syncRow({
      ...common,
      shopifyType: 'company_location',
      shopifyGid: location.shopifyGid,
      entity: 'company_location',
      mapped: { key: location.shopifyId, row: location.row, warnings: location.warnings },
      payload: { companyGid: company.gid, ...location.row },
      locate: (columns) =>
        locateAccount(ctx, {
          key: location.shopifyId,
          name: null,
          columns,
          correlationId: request.correlationId,
          decided: undefined,
        }),
    });
  }
  return result;
}
