import {
  addJob,
  adoptWrittenValues,
  type Database,
  type LinkedCustomer,
  customerLinksOfCrmRows,
  parkAmbiguousMatch,
  pushJobKey,
  readCrmChangeCursor,
  recordAttempt,
  saveCrmChangeCursor,
  syncJobKey,
} from '@shopverse/db';
import { storeConnections, stores } from '@shopverse/db/schema';
import { type ChangePage, readChanges } from '@shopverse/dataverse';
import { readCustomer } from '@shopverse/shopify';
import {
  mapCustomerToContact,
  parseStoreSettings,
  type StoreSettings,
  type TwoWayField,
  type TwoWayPolicy,
} from '@shopverse/sync-core';
import { and, eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { AppLogger } from '../logger';
import { syncAttempt, type SyncChain } from './attempts';
import { queueCrmCreates } from './crm-create';
import type { StoreContext, StoreContexts } from './store-context';
import { columnsOf, decideField, type FieldDecision, isOurs, TWO_WAY_COLUMNS } from './two-way-fields';

export interface CrmChangeDeps {
  db: Database;
  sql: Sql;
  logger: AppLogger;
  now: () => Date;
  contexts: StoreContexts;
}

/** The two-way stores of an org: active, connected through an enabled connection, with `twoWay.enabled`. */
async function twoWayStores(db: Database, logger: AppLogger, orgId?: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ id: stores.id, name: stores.name, settings: stores.settings, orgId: storeConnections.orgId })
    .from(stores)
    .innerJoin(storeConnections, eq(storeConnections.storeId, stores.id))
    .where(
      and(
        eq(stores.status, 'active'),
        eq(storeConnections.enabled, true),
        orgId === undefined ? undefined : eq(storeConnections.orgId, orgId),
      ),
    );
  const byOrg = new Map<string, string[]>();
  for (const row of rows) {
    try {
      if (!parseStoreSettings(row.settings, row.name).twoWay.enabled) continue;
    } catch (error) {
      logger.warn({ storeId: row.id, err: error }, 'store settings do not parse; its CRM changes are not read');
      continue;
    }
    byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row.id]);
  }
  return byOrg;
}

/** Queues one change poll per org with a two-way store; the key folds a poll into one still waiting. */
export async function fanOutCrmPolls(deps: CrmChangeDeps): Promise<string[]> {
  const orgs = [...(await twoWayStores(deps.db, deps.logger)).keys()];
  await deps.sql.begin(async (tx) => {
    for (const orgId of orgs) {
      await addJob(
        tx,
        'crm_changes__poll',
        { orgId },
        { jobKey: `crm-changes:${orgId}`, jobKeyMode: 'preserve_run_at' },
      );
    }
  });
  return orgs;
}

export interface CrmPollReport {
  crmTable: 'contact';
  /**
   * `baseline`: the org's first poll, which only takes the delta link (edits made before two-way was turned on are
   * not pushed en masse to the shop; the customer sync's conflict policy keeps settling them); `fullCompare`: every
   * row compared with our links, after the link was refused or the fields changed; `delta`: the changes since.
   */
  mode: 'baseline' | 'fullCompare' | 'delta';
  restartedBecause?: string;
  rows: number;
  pushes: number;
  resyncs: number;
  asked: number;
}

/** The `$select` a delta link was issued for, to tell whether it still reads the columns wanted. */
function selectOf(link: string): string | null {
  const query = link.includes('?') ? link.slice(link.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get('$select');
}

/**
 * Reads the contacts changed in one org since its delta link (all of them when the link was refused), and for each
 * customer linked to a changed contact from a two-way store, decides per field (see {@link decideField}) and queues
 * the pushes and re-syncs. The org's first poll only takes a link (see `CrmPollReport.mode`). The new link is kept
 * once every page is handled.
 */
export async function pollCrmChanges(
  deps: CrmChangeDeps,
  orgId: string,
  chain: SyncChain,
): Promise<CrmPollReport | null> {
  const storeIds = (await twoWayStores(deps.db, deps.logger, orgId)).get(orgId) ?? [];
  const contexts: StoreContext[] = [];
  for (const storeId of storeIds) {
    try {
      contexts.push(await deps.contexts.get(storeId));
    } catch (error) {
      deps.logger.warn({ storeId, err: error }, 'store cannot be reached; its CRM changes wait for the next poll');
    }
  }
  const [first] = contexts;
  if (!first) return null;
  const fields = new Set(contexts.flatMap((ctx) => ctx.settings.twoWay.fields));
  // The country is read with the phone too: it is the region a number without a country code is read in.
  const columns = new Set(['contactid', 'modifiedon', 'address1_country']);
  for (const field of fields) for (const column of TWO_WAY_COLUMNS[field]) columns.add(column);
  const select = [...columns].sort();
  const stored = await readCrmChangeCursor(deps.db, orgId, 'contact');
  const report: CrmPollReport = {
    crmTable: 'contact',
    mode: stored === undefined ? 'baseline' : 'delta',
    rows: 0,
    pushes: 0,
    resyncs: 0,
    asked: 0,
  };
  const byStore = new Map(contexts.map((ctx) => [ctx.storeId, ctx]));
  const onPage = async (page: ChangePage) => {
    report.rows += page.rows.length;
    if (report.mode === 'baseline') return;
    const counts = await handlePage(deps, { orgId, byStore, chain }, page);
    report.pushes += counts.pushes;
    report.resyncs += counts.resyncs;
    report.asked += counts.asked;
  };
  let cursor = stored ?? null;
  if (cursor !== null && selectOf(cursor) !== select.join(',')) {
    report.mode = 'fullCompare';
    report.restartedBecause = 'the two-way fields changed';
    cursor = null;
  }
  const request = { entitySet: 'contacts', select, correlationId: chain.correlationId };
  let result = await readChanges(first.dataverse, { ...request, deltaLink: cursor }, onPage);
  if (result.kind === 'token_rejected') {
    // Changes since the link are lost to us: compare every row with our links instead, and start a new link. The
    // refused link stays until the compare completes, so a compare that fails half way is made again, not skipped.
    deps.logger.warn({ orgId, reason: result.reason, code: result.dataverseCode }, 'delta link refused; full compare');
    report.mode = 'fullCompare';
    report.restartedBecause = `the delta link was refused (${result.reason}: ${result.message})`;
    result = await readChanges(first.dataverse, { ...request, deltaLink: null }, onPage);
  }
  if (result.kind === 'token_rejected')
    throw new Error(`A change read without a delta link was refused: ${result.message}`);
  await saveCrmChangeCursor(deps.db, { orgId, crmTable: 'contact', deltaLink: result.deltaLink, now: deps.now() });
  return report;
}

interface PageScope {
  orgId: string;
  byStore: Map<string, StoreContext>;
  chain: SyncChain;
}

async function handlePage(
  deps: CrmChangeDeps,
  scope: PageScope,
  page: ChangePage,
): Promise<{ pushes: number; resyncs: number; asked: number }> {
  const counts = { pushes: 0, resyncs: 0, asked: 0 };
  const rows = new Map(page.rows.flatMap((row) => (typeof row.contactid === 'string' ? [[row.contactid, row]] : [])));
  const links = await customerLinksOfCrmRows(deps.db, {
    orgId: scope.orgId,
    crmTable: 'contact',
    crmIds: [...rows.keys()],
  });
  for (const linked of links) {
    // A guest checkout's link only says what it wrote; the customer's link is what flows back to Shopify.
    if (linked.link.shopifyType !== 'customer') continue;
    const ctx = scope.byStore.get(linked.link.storeId);
    const row = rows.get(linked.link.crmId);
    if (!ctx || !row) continue;
    const others = links.filter((other) => other.link.crmId === row.contactid && other.link.id !== linked.link.id);
    const outcome = await handleLinkedCustomer(deps, ctx, scope.chain, row, linked, others);
    counts.pushes += outcome === 'push' ? 1 : 0;
    counts.resyncs += outcome === 'resync' ? 1 : 0;
    counts.asked += outcome === 'ask' ? 1 : 0;
  }
  // A contact no store links: a person's new contact, created in Shopify where the store's settings say so.
  await queueCrmCreates(
    deps,
    { orgId: scope.orgId, stores: [...scope.byStore.values()], chain: scope.chain },
    rows,
    links,
  );
  return counts;
}

/** The customer's two-way values as the customer sync would write them (the same mapping, so the same forms). */
function shopifyValues(
  ctx: StoreContext,
  customer: Parameters<typeof mapCustomerToContact>[0],
): Record<string, unknown> {
  return mapCustomerToContact(customer, {
    storeKey: ctx.storeKey,
    correlationId: '',
    countryAs: ctx.settings.countryAs,
    prefix: ctx.prefix,
  }).row;
}

function policyOf(settings: StoreSettings, field: TwoWayField): TwoWayPolicy {
  return settings.twoWay.conflictPolicy[field] ?? settings.twoWay.defaultConflictPolicy;
}

async function handleLinkedCustomer(
  deps: CrmChangeDeps,
  ctx: StoreContext,
  chain: SyncChain,
  row: Record<string, unknown>,
  linked: LinkedCustomer,
  others: LinkedCustomer[],
): Promise<'none' | 'push' | 'resync' | 'ask'> {
  const { link } = linked;
  const written = link.writtenValues ?? {};
  const othersWritten = others.map((other) => other.link.writtenValues ?? {});
  const edited = ctx.settings.twoWay.fields.filter((field) => !isOurs({ field, crm: row, written, othersWritten }));
  if (edited.length === 0) return 'none';
  // A CRM edit: whether Shopify changed the field too since our last sync decides between a push and the policy.
  const customer = await readCustomer(ctx.shopify, link.shopifyGid, { correlationId: chain.correlationId });
  if (!customer) return 'none';
  const shopify = shopifyValues(ctx, customer);
  const decisions = edited.map((field) => ({
    field,
    decision: decideField({
      field,
      crm: row,
      written,
      othersWritten,
      shopify,
      policy: policyOf(ctx.settings, field),
      crmModifiedOn: typeof row.modifiedon === 'string' ? row.modifiedon : null,
      shopifyUpdatedAt: customer.updatedAt,
    }),
  }));
  const now = deps.now();
  const pick = (kind: FieldDecision['kind']) => decisions.filter((item) => item.decision.kind === kind);
  const crmValuesOf = (items: typeof decisions) =>
    Object.assign({}, ...items.map((item) => columnsOf(item.field, row))) as Record<string, unknown>;
  const agreed = pick('agreed');
  if (agreed.length > 0) await adoptWrittenValues(deps.db, { linkId: link.id, values: crmValuesOf(agreed), now });
  const asked = pick('ask');
  if (asked.length > 0) {
    const item = await parkAmbiguousMatch(deps.db, {
      storeId: ctx.storeId,
      orgId: ctx.org.id,
      shopifyType: 'customer',
      shopifyGid: link.shopifyGid,
      reason: `two-way conflict: ${asked.map((item) => item.field).join(', ')} edited in the CRM and in Shopify since the last sync; choose the value to keep`,
      candidates: [{ crmTable: 'contact', crmId: link.crmId, matchedOn: ['linkedId'] }],
      payload: {
        kind: 'twoWayConflict',
        fields: asked.map((item) => ({
          field: item.field,
          crm: columnsOf(item.field, row),
          shopify: columnsOf(item.field, shopify),
          lastWritten: columnsOf(item.field, written),
        })),
        crmModifiedOn: row.modifiedon ?? null,
        shopifyUpdatedAt: customer.updatedAt,
      },
      correlationId: chain.correlationId,
    });
    await recordAttempt(
      deps.db,
      crmAttempt(ctx, chain, now, {
        shopifyGid: link.shopifyGid,
        crmId: link.crmId,
        outcome: 'ambiguous',
        request: { reason: 'two-way conflict, policy ask', mergeItemId: item.id, fields: asked.map((x) => x.field) },
      }),
    );
  }
  const shopifyWins = pick('shopifyWins');
  if (shopifyWins.length > 0) {
    // The CRM values are adopted as ours, so the customer sync overwrites them with Shopify's under any policy.
    await adoptWrittenValues(deps.db, { linkId: link.id, values: crmValuesOf(shopifyWins), now });
    await addJob(
      deps.sql,
      'shopify_customer__sync',
      { storeId: ctx.storeId, customerGid: link.shopifyGid, correlationId: chain.correlationId, source: 'poll' },
      { jobKey: syncJobKey('customer', ctx.storeId, link.shopifyGid), jobKeyMode: 'replace' },
    );
    await recordAttempt(
      deps.db,
      crmAttempt(ctx, chain, now, {
        shopifyGid: link.shopifyGid,
        crmId: link.crmId,
        outcome: 'skipped',
        request: {
          reason: 'two-way conflict settled for Shopify; the customer is synced to the CRM again',
          fields: shopifyWins.map((x) => x.field),
        },
      }),
    );
  }
  const pushes = pick('push');
  if (pushes.length > 0) {
    await addJob(
      deps.sql,
      'shopify_customer__push',
      {
        storeId: ctx.storeId,
        customerGid: link.shopifyGid,
        crmId: link.crmId,
        fields: pushes.map((item) => item.field),
        values: crmValuesOf(pushes),
        correlationId: chain.correlationId,
        source: 'poll',
      },
      { jobKey: pushJobKey(ctx.storeId, link.shopifyGid), jobKeyMode: 'replace' },
    );
  }
  if (pushes.length > 0) return 'push';
  if (shopifyWins.length > 0) return 'resync';
  return asked.length > 0 ? 'ask' : 'none';
}

/** A sync log row of the CRM -> Shopify direction. */
export function crmAttempt(
  ctx: StoreContext,
  chain: SyncChain,
  now: Date,
  fields: Pick<Parameters<typeof syncAttempt>[1], 'shopifyGid' | 'crmId' | 'outcome' | 'request'> &
    Partial<Parameters<typeof syncAttempt>[1]>,
) {
  return {
    ...syncAttempt(
      { ...chain, ctx },
      { entity: 'customer', crmTable: 'contact', startedAt: now, finishedAt: now, durationMs: 0, ...fields },
    ),
    direction: 'crm_to_shopify' as const,
  };
}
