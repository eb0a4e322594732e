import { type Database, findLink, isTwoWayConflict, mergeStateOf } from '@shopverse/db';
import type { MergeCandidate } from '@shopverse/db/schema';
import { readCustomer } from '@shopverse/shopify';
import {
  countryCode,
  customerFromRest,
  guestCustomer,
  type CustomerKeys,
  mapAddressCompanyToAccount,
  mapCustomerToContact,
  matchCustomer,
  resolveMatch,
  type ShopifyCustomer,
} from '@shopverse/sync-core';
import { locateAccount } from './account-candidates';
import { chainOf, recordSkip, type SyncChain } from './attempts';
import { findContactCandidates } from './contact-candidates';
import { readRow } from './crm-rows';
import type { CompanySync } from './company-sync';
import { removeCustomer } from './customer-removal';
import { contactCreateOnly, ownershipBinds } from './ownership';
import { type Located, type RowSyncResult, syncRow } from './row-sync';
import type { StoreContext, StoreContexts } from './store-context';
import { SyncError } from './sync-error';

/** What every sync function needs besides its request. */
export interface SyncDeps {
  db: Database;
  contexts: StoreContexts;
  now: () => Date;
}

export interface CustomerSyncRequest extends SyncChain {
  storeId: string;
  customerGid: string;
  /** The webhook body, when the sync comes from a delivery: used if newer than what was synced. */
  body?: unknown;
}

/** Reads the customer: from the delivery when it is newer than the link, else from the Admin API (null: gone). */
async function loadCustomer(
  deps: SyncDeps,
  ctx: StoreContext,
  request: CustomerSyncRequest,
): Promise<ShopifyCustomer | null> {
  if (request.body !== undefined) {
    const delivered = customerFromRest(request.body);
    const link = await findLink(deps.db, {
      storeId: ctx.storeId,
      shopifyType: 'customer',
      shopifyGid: request.customerGid,
    });
    if (!link?.shopifyUpdatedAt || Date.parse(delivered.updatedAt) > link.shopifyUpdatedAt.getTime()) return delivered;
  }
  return readCustomer(ctx.shopify, request.customerGid, { correlationId: request.correlationId });
}

/** The account a contact goes under, per the store's target, as an `@odata.bind`; with what to tell a person. */
async function parentAccount(
  deps: SyncDeps,
  ctx: StoreContext,
  customer: ShopifyCustomer,
  request: CustomerSyncRequest,
  companies: CompanySync,
): Promise<{ bind: Record<string, string>; warnings: string[] }> {
  const settings = ctx.settings.customers;
  // An id, or in a dry run that would create the account, its alternate key (`sv_shopifyid='us_1'`).
  const bindTo = (ref: string) => ({ 'parentcustomerid_account@odata.bind': `/accounts(${ref})` });
  if (settings.target === 'b2b') {
    const [companyGid, ...others] = customer.companyGids;
    if (!companyGid) return { bind: {}, warnings: [] };
    const warnings =
      others.length > 0
        ? [`the customer is a contact of ${customer.companyGids.length} companies; Dynamics keeps one: ${companyGid}`]
        : [];
    const ref = { storeId: ctx.storeId, shopifyType: 'company' as const, shopifyGid: companyGid };
    // The company is a dependency: sync it first, in this job, rather than write a contact without its account.
    const link = await findLink(deps.db, ref);
    if (link) return { bind: bindTo(link.crmId), warnings };
    const synced = await companies.sync({ storeId: ctx.storeId, companyGid, ...chainOf(request) });
    const target = synced.crmId ?? synced.keyRef;
    if (!target) {
      return { bind: {}, warnings: [...warnings, `company ${companyGid} could not be synced yet; see its attempts`] };
    }
    return { bind: bindTo(target), warnings };
  }
  if (settings.target !== 'contactWithAccount') return { bind: {}, warnings: [] };
  const account = mapAddressCompanyToAccount(customer, {
    storeKey: ctx.storeKey,
    correlationId: request.correlationId,
    countryAs: ctx.settings.countryAs,
    prefix: ctx.prefix,
    companyLocationAs: settings.companyLocationAs,
  });
  if (!account) return { bind: {}, warnings: [] };
  const name = typeof account.row.name === 'string' ? account.row.name : null;
  const result = await syncRow({
    ...deps,
    ...chainOf(request),
    ctx,
    table: 'account',
    shopifyType: 'address_company',
    shopifyGid: account.shopifyGid,
    entity: 'address_company',
    mapped: { key: account.shopifyId, row: account.row, warnings: account.warnings },
    shopifyUpdatedAt: customer.updatedAt,
    policies: settings.conflictPolicy,
    defaultPolicy: settings.defaultConflictPolicy,
    createOnly: ownershipBinds(ctx.settings),
    payload: { name, customerGid: customer.gid },
    locate: async (columns) => {
      const { decided } = await mergeStateOf(deps.db, {
        storeId: ctx.storeId,
        shopifyType: 'address_company',
        shopifyGid: account.shopifyGid,
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
  const target = result.crmId ?? result.keyRef;
  if (!target) {
    return { bind: {}, warnings: [`written without an account: the account "${name ?? ''}" is ${result.outcome}`] };
  }
  return { bind: bindTo(target), warnings: [] };
}

/** The label a person recognises a contact by in the merge queue. */
function label(row: Record<string, unknown> | undefined): string | undefined {
  if (!row) return undefined;
  const name = [row.firstname, row.lastname].filter((part) => typeof part === 'string' && part).join(' ');
  const email = typeof row.emailaddress1 === 'string' ? ` <${row.emailaddress1}>` : '';
  return `${name || '(no name)'}${email}`;
}

/**
 * Syncs one Shopify customer to its contact (and the account above it, per the store's target): matched by the
 * store's keys in order, ambiguous matches parked for a person, a person's decision followed, and the CRM's own
 * edits kept or overwritten per field by the conflict policy.
 */
export async function syncCustomer(
  deps: SyncDeps,
  request: CustomerSyncRequest,
  companies: CompanySync,
): Promise<RowSyncResult> {
  const ctx = await deps.contexts.get(request.storeId);
  const redacted = await findLink(deps.db, {
    storeId: ctx.storeId,
    shopifyType: 'customer',
    shopifyGid: request.customerGid,
  });
  if (redacted?.crmTable === 'account') {
    await recordSkip(
      deps.db,
      { ...request, ctx },
      {
        entity: 'customer',
        shopifyGid: request.customerGid,
        crmTable: 'account',
        crmId: redacted.crmId,
        reason: 'the customer was redacted (customers/redact) and their contact deleted; nothing of theirs is synced',
      },
    );
    return { outcome: 'skipped', crmId: redacted.crmId };
  }
  const customer = await loadCustomer(deps, ctx, request);
  if (!customer) return removeCustomer(deps, ctx, request);
  return syncCustomerRecord(deps, ctx, customer, request, companies, { shopifyType: 'customer', mayCreate: true });
}

/**
 * The buyer of a guest checkout (an order without a customer), resolved by email to an existing contact or created,
 * per the store's `guestCheckouts` setting. Returns the contact for the order to bind to (`crmId` null: unbound).
 */
export async function syncGuest(
  deps: SyncDeps,
  request: Omit<CustomerSyncRequest, 'customerGid' | 'body'> & {
    order: Parameters<typeof guestCustomer>[0] & { gid: string };
  },
  companies: CompanySync,
): Promise<RowSyncResult> {
  const started = performance.now();
  const ctx = await deps.contexts.get(request.storeId);
  const mode = ctx.settings.customers.guestCheckouts;
  const guest = guestCustomer(request.order);
  if (mode === 'skip' || !guest) {
    const reason = guest
      ? 'guest checkouts are not synced to contacts (guestCheckouts: skip)'
      : 'the guest checkout has no usable email to find or create a contact by';
    await recordSkip(
      deps.db,
      { ...request, ctx },
      { entity: 'guest_checkout', shopifyGid: request.order.gid, reason },
      started,
    );
    return { outcome: 'skipped', crmId: null };
  }
  return syncCustomerRecord(deps, ctx, guest, { ...request, customerGid: guest.gid }, companies, {
    shopifyType: 'guest_checkout',
    mayCreate: mode === 'matchOrCreate',
  });
}

async function syncCustomerRecord(
  deps: SyncDeps,
  ctx: StoreContext,
  customer: ShopifyCustomer,
  request: CustomerSyncRequest,
  companies: CompanySync,
  options: { shopifyType: 'customer' | 'guest_checkout'; mayCreate: boolean },
): Promise<RowSyncResult> {
  const settings = ctx.settings.customers;
  const parent = await parentAccount(deps, ctx, customer, request, companies);
  const mapping = mapCustomerToContact(customer, {
    storeKey: ctx.storeKey,
    correlationId: request.correlationId,
    countryAs: ctx.settings.countryAs,
    prefix: ctx.prefix,
    rollups: settings.rollups,
    fieldMap: ctx.settings.fieldMap.contact,
  });
  const keys: CustomerKeys = {
    shopifyId: mapping.shopifyId,
    email: mapping.keys.email,
    phone: mapping.keys.phone,
    firstName: customer.firstName,
    lastName: customer.lastName,
    postalCode: mapping.keys.postalCode,
  };
  const ref = { storeId: ctx.storeId, shopifyType: options.shopifyType, shopifyGid: customer.gid };
  // A two-way field edited on both sides and parked for a person (policy ask) waits for the decision: until then
  // neither side overwrites the other, so its columns are left out of this write.
  const parked = ctx.settings.twoWay.enabled ? await parkedTwoWayColumns(deps, ref) : [];
  const row = Object.fromEntries(Object.entries(mapping.row).filter(([column]) => !parked.includes(column)));
  const locate = async (columns: string[]): Promise<Located> => {
    const { candidates, rows } = await findContactCandidates(ctx.dataverse, {
      customer: keys,
      keys: settings.matchingKeys,
      prefix: ctx.prefix,
      columns,
      defaultCountry: customer.defaultAddress
        ? countryCode({ code: customer.defaultAddress.countryCode, name: customer.defaultAddress.country })
        : null,
      correlationId: request.correlationId,
    });
    const outcome = matchCustomer({ customer: keys, linkedId: null, candidates, keys: settings.matchingKeys });
    const { decided } = await mergeStateOf(deps.db, ref);
    const resolution = resolveMatch(outcome, decided);
    switch (resolution.kind) {
      case 'create':
        return options.mayCreate
          ? resolution
          : {
              kind: 'skip',
              reason: 'no contact has this email, and guest checkouts only match (guestCheckouts: matchOnly)',
            };
      case 'skip':
        return resolution;
      case 'ambiguous':
        return {
          kind: 'ambiguous',
          reason: `${resolution.candidates.length} contacts match on ${resolution.key}`,
          candidates: resolution.candidates.map((candidate): MergeCandidate => ({
            crmTable: 'contact',
            crmId: candidate.id,
            matchedOn: candidate.matchedOn,
            confidence: candidate.confidence,
            ...(label(rows.get(candidate.id)) ? { label: label(rows.get(candidate.id)) } : {}),
          })),
        };
      case 'update': {
        const row =
          rows.get(resolution.id) ??
          (await readRow(ctx.dataverse, 'contact', resolution.id, columns, request.correlationId));
        if (!row) {
          throw new SyncError(
            'merge.target_missing',
            'permanent',
            `Contact ${resolution.id}, chosen for ${customer.gid} in the merge queue, no longer exists in the CRM; ` +
              'decide again in the merge queue.',
          );
        }
        return { kind: 'update', row, matchedOn: resolution.matchedOn };
      }
    }
  };
  return syncRow({
    ...deps,
    ...chainOf(request),
    ctx,
    table: 'contact',
    shopifyType: options.shopifyType,
    shopifyGid: customer.gid,
    entity: options.shopifyType,
    email: mapping.keys.email,
    mapped: {
      key: mapping.shopifyId,
      row: { ...row, ...parent.bind },
      warnings: [
        ...mapping.warnings,
        ...parent.warnings,
        ...(parked.length > 0 ? [`left for the merge queue's decision: ${parked.join(', ')}`] : []),
      ],
    },
    shopifyUpdatedAt: customer.updatedAt,
    policies: settings.conflictPolicy,
    defaultPolicy: settings.defaultConflictPolicy,
    createOnly: contactCreateOnly(ctx.settings, Object.keys(parent.bind).length > 0),
    payload: { ...customer },
    locate,
  });
}

/** The CRM columns of an open two-way conflict about this customer, which the sync leaves alone until it is decided. */
async function parkedTwoWayColumns(
  deps: SyncDeps,
  ref: { storeId: string; shopifyType: 'customer' | 'guest_checkout'; shopifyGid: string },
): Promise<string[]> {
  const { open } = await mergeStateOf(deps.db, ref);
  if (!open || !isTwoWayConflict(open)) return [];
  const fields = (open.payload as { fields: { crm: Record<string, unknown> }[] }).fields;
  return fields.flatMap((field) => Object.keys(field.crm));
}
