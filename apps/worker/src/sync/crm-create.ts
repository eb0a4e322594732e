import { addJob, type Database, type LinkedCustomer, recordAttempt, saveLink, syncJobKey } from '@shopverse/db';
import { crmChangeCursors, entityLinks } from '@shopverse/db/schema';
import {
  addressFromCrmColumns,
  type CustomerPushResult,
  type NewCustomer,
  type ShopifyClient,
} from '@shopverse/shopify';
import { and, eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { AppLogger } from '../logger';
import { chainOf, isDryRun, type SyncChain } from './attempts';
import { crmAttempt } from './crm-changes';
import { readRow } from './crm-rows';
import type { RowSyncResult } from './row-sync';
import type { RecordLocks } from './record-locks';
import type { StoreContext, StoreContexts } from './store-context';
import { SyncError } from './sync-error';
import { columnsOf, TWO_WAY_COLUMNS } from './two-way-fields';

/** The contact columns a customer is created from, besides our `<prefix>_shopifyid`. */
const CREATE_COLUMNS = [
  'firstname',
  'lastname',
  'createdon',
  ...TWO_WAY_COLUMNS.email,
  ...TWO_WAY_COLUMNS.phone,
  ...TWO_WAY_COLUMNS.address,
];

/**
 * How long before the previous poll saved its delta link a contact may have been created and still count as new:
 * that poll's read began before it saved (a contact created meanwhile first shows in this poll), and `createdon` is
 * the CRM's clock, not ours.
 */
export const CREATED_SINCE_MARGIN_MS = 5 * 60 * 1000;

/** The create task's job key: one per store and contact, so polls that see the contact again queue no second one. */
export function createJobKey(storeId: string, crmId: string): string {
  return `crm-create:${storeId}:${crmId}`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export type CreateCheck = { kind: 'create' } | { kind: 'skip'; reason: string };

/**
 * Whether a contact no store links is a person's new contact that Shopify should get (issue 12): not one our sync
 * wrote (those always carry `<prefix>_shopifyid`), active, reachable (an email or a phone: Shopify refuses a customer
 * with neither), and created since `since` (the CRM's older contacts are not pushed into the shop en masse).
 */
export function checkCreate(
  row: Record<string, unknown>,
  options: { prefix: string; since: Date | null },
): CreateCheck {
  if (text(row[`${options.prefix}_shopifyid`])) {
    return { kind: 'skip', reason: `the contact carries ${options.prefix}_shopifyid: it came from Shopify` };
  }
  if (row.statecode !== 0) return { kind: 'skip', reason: 'the contact is inactive' };
  if (!text(row.emailaddress1) && !text(row.telephone1)) {
    return { kind: 'skip', reason: 'the contact has neither an email nor a phone' };
  }
  if (options.since !== null) {
    const created = typeof row.createdon === 'string' ? Date.parse(row.createdon) : Number.NaN;
    if (!(created >= options.since.getTime())) {
      return { kind: 'skip', reason: `the contact was created before ${options.since.toISOString()}` };
    }
  }
  return { kind: 'create' };
}

/** The new customer's fields out of the contact's columns. */
export function newCustomerOf(row: Record<string, unknown>): NewCustomer {
  const address = addressFromCrmColumns(columnsOf('address', row));
  const hasAddress = [address.address1, address.address2, address.city, address.zip, address.country].some(Boolean);
  return {
    firstName: text(row.firstname),
    lastName: text(row.lastname),
    email: text(row.emailaddress1),
    phone: text(row.telephone1),
    address: hasAddress ? { ...address, firstName: text(row.firstname), lastName: text(row.lastname) } : null,
  };
}

export interface QueueCreatesDeps {
  db: Database;
  sql: Sql;
  logger: AppLogger;
}

/**
 * The poll's branch for changed contacts that no store links: each that passes {@link checkCreate} is queued for
 * every two-way store of the org whose `twoWay.crmCreates` is `createInShopify`. "New" is measured from the time
 * the previous poll saved its delta link, less {@link CREATED_SINCE_MARGIN_MS}: the cursor keeps no time of the
 * org's baseline. Returns how many creates were queued.
 */
export async function queueCrmCreates(
  deps: QueueCreatesDeps,
  scope: { orgId: string; stores: StoreContext[]; chain: SyncChain },
  rows: Map<string, Record<string, unknown>>,
  links: LinkedCustomer[],
): Promise<number> {
  const stores = scope.stores.filter((ctx) => ctx.settings.twoWay.crmCreates === 'createInShopify');
  const [first] = stores;
  if (!first) return 0;
  const linked = new Set(links.map((linked) => linked.link.crmId));
  const unlinked = [...rows.keys()].filter((crmId) => !linked.has(crmId));
  if (unlinked.length === 0) return 0;
  const [cursor] = await deps.db
    .select({ savedAt: crmChangeCursors.updatedAt })
    .from(crmChangeCursors)
    .where(and(eq(crmChangeCursors.orgId, scope.orgId), eq(crmChangeCursors.crmTable, 'contact')));
  if (!cursor) return 0;
  const since = new Date(cursor.savedAt.getTime() - CREATED_SINCE_MARGIN_MS);
  let queued = 0;
  for (const crmId of unlinked) {
    // A contact last modified before `since` was created before it too: no read (a full compare lists every row).
    const modifiedOn = rows.get(crmId)?.modifiedon;
    if (typeof modifiedOn === 'string' && Date.parse(modifiedOn) < since.getTime()) continue;
    // The change page holds only the two-way columns: the row is read again for the rest.
    const row = await readRow(
      first.dataverse,
      'contact',
      crmId,
      [...CREATE_COLUMNS, `${first.prefix}_shopifyid`],
      scope.chain.correlationId,
    );
    if (!row) continue;
    const check = checkCreate(row, { prefix: first.prefix, since });
    if (check.kind === 'skip') continue;
    for (const ctx of stores) {
      await addJob(
        deps.sql,
        'shopify_customer__create',
        { storeId: ctx.storeId, crmId, correlationId: scope.chain.correlationId, source: 'poll' },
        { jobKey: createJobKey(ctx.storeId, crmId), jobKeyMode: 'preserve_run_at' },
      );
      queued += 1;
    }
    deps.logger.info({ orgId: scope.orgId, crmId, stores: stores.length }, 'new CRM contact queued for Shopify');
  }
  return queued;
}

/** Writes a new customer to Shopify (packages/shopify customer-create.ts in production). */
export type CreateCustomer = (
  client: ShopifyClient,
  customer: NewCustomer,
  options: { correlationId: string },
) => Promise<CustomerPushResult>;

export interface CreateDeps {
  db: Database;
  sql: Sql;
  locks: RecordLocks;
  contexts: StoreContexts;
  now: () => Date;
  create: CreateCustomer;
  findByEmail: (client: ShopifyClient, email: string, options: { correlationId: string }) => Promise<string | null>;
  /** The customer sync (customer-sync.ts), run on the new customer once it is linked. */
  syncCustomer: (request: SyncChain & { storeId: string; customerGid: string }) => Promise<RowSyncResult>;
}

export interface CreateRequest extends SyncChain {
  storeId: string;
  crmId: string;
}

export type CreateOutcome =
  | { kind: 'created'; customerGid: string }
  | { kind: 'matched'; customerGid: string }
  | { kind: 'skipped'; reason: string };

/**
 * Holds the lock the customer's syncs and pushes take (run-sync.ts: `customer:<store>:<gid>`), so the sync that
 * Shopify's `customers/create` webhook queues waits until the link is saved and then finds nothing to write.
 */
async function withCustomerLock<T>(
  locks: RecordLocks,
  storeId: string,
  gid: string,
  work: () => Promise<T>,
): Promise<T> {
  const release = await locks.acquire(`customer:${storeId}:${gid}`);
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Creates the Shopify customer of a contact made in the CRM (issue 12), or links the shop's customer that already
 * has its email. The contact is read again here (it may have been linked, deactivated or deleted since the poll).
 * On success the link is saved at once, with what the CRM holds as what we wrote and Shopify's `updatedAt` as the
 * version synced, and then the contact gets its `<prefix>_shopifyid`: the webhook's sync finds the link and the
 * values equal, so writes nothing, and the contact is ours from then on. Shopify's refusals are permanent failures.
 */
export async function createCustomer(deps: CreateDeps, request: CreateRequest): Promise<CreateOutcome> {
  const started = { at: deps.now(), clock: performance.now() };
  const ctx = await deps.contexts.get(request.storeId);
  const keyColumn = `${ctx.prefix}_shopifyid`;
  const log = async (fields: Omit<Parameters<typeof crmAttempt>[3], 'crmId'>): Promise<void> => {
    await recordAttempt(
      deps.db,
      crmAttempt(ctx, request, deps.now(), {
        crmId: request.crmId,
        startedAt: started.at,
        durationMs: Math.round(performance.now() - started.clock),
        ...fields,
      }),
    );
  };
  const skip = async (reason: string): Promise<CreateOutcome> => {
    await log({ shopifyGid: null, outcome: 'skipped', request: { reason } });
    return { kind: 'skipped', reason };
  };
  if (!ctx.settings.twoWay.enabled || ctx.settings.twoWay.crmCreates !== 'createInShopify') {
    return skip('contacts created in the CRM are not created in Shopify (settings twoWay.crmCreates)');
  }
  const row = await readRow(
    ctx.dataverse,
    'contact',
    request.crmId,
    [...CREATE_COLUMNS, keyColumn],
    request.correlationId,
  );
  if (!row) return skip(`contact ${request.crmId} was deleted in the CRM`);
  const [linked] = await deps.db
    .select({ shopifyGid: entityLinks.shopifyGid })
    .from(entityLinks)
    .where(
      and(
        eq(entityLinks.storeId, ctx.storeId),
        eq(entityLinks.shopifyType, 'customer'),
        eq(entityLinks.crmTable, 'contact'),
        eq(entityLinks.crmId, request.crmId),
      ),
    )
    .limit(1);
  if (linked) return skip(`contact ${request.crmId} is linked to customer ${linked.shopifyGid} already`);
  const check = checkCreate(row, { prefix: ctx.prefix, since: null });
  if (check.kind === 'skip') return skip(check.reason);
  const customer = newCustomerOf(row);
  const written = Object.assign({}, ...ctx.settings.twoWay.fields.map((field) => columnsOf(field, row))) as Record<
    string,
    unknown
  >;
  const existing = customer.email
    ? await deps.findByEmail(ctx.shopify, customer.email, { correlationId: request.correlationId })
    : null;
  if (isDryRun(ctx)) {
    // Shadow mode writes to neither system: the log shows what would have been created or linked.
    const reason = existing
      ? `dry run (pipeline.dryRun): would link customer ${existing}, which has the contact's email`
      : `dry run (pipeline.dryRun): would create a customer from contact ${request.crmId}`;
    await log({ shopifyGid: existing, outcome: 'skipped', request: { reason, customer } });
    return { kind: 'skipped', reason };
  }
  if (existing) {
    // Matched by email: link the shop's customer rather than create a second. No version and no written values,
    // as after a person's merge decision: its sync, queued here, settles the fields under the conflict policy.
    await withCustomerLock(deps.locks, ctx.storeId, existing, async () => {
      await saveLink(deps.db, {
        storeId: ctx.storeId,
        shopifyType: 'customer',
        shopifyGid: existing,
        orgId: ctx.org.id,
        crmTable: 'contact',
        crmId: request.crmId,
        shopifyUpdatedAt: null,
        contentHash: null,
        writtenValues: null,
        correlationId: request.correlationId,
        now: deps.now(),
      });
      await addJob(
        deps.sql,
        'shopify_customer__sync',
        { storeId: ctx.storeId, customerGid: existing, correlationId: request.correlationId, source: 'poll' },
        { jobKey: syncJobKey('customer', ctx.storeId, existing), jobKeyMode: 'replace' },
      );
    });
    await log({
      shopifyGid: existing,
      outcome: 'skipped',
      email: customer.email?.toLowerCase() ?? null,
      request: { reason: `matched by email: linked customer ${existing} instead of creating one` },
    });
    return { kind: 'matched', customerGid: existing };
  }
  const answer = await deps.create(ctx.shopify, customer, { correlationId: request.correlationId });
  const created = answer.customer;
  if (answer.userErrors.length > 0 || !created || !answer.updatedAt) {
    const reasons = answer.userErrors.map((error) => `${error.field?.join('.') ?? 'customer'}: ${error.message}`);
    throw new SyncError(
      'shopify.user_errors',
      'permanent',
      `Shopify store ${ctx.storeName} refused to create a customer from contact ${request.crmId} ` +
        `(${customer.email ?? customer.phone ?? 'no email'}): ${reasons.join('; ') || 'no reason given'}. ` +
        'Correct the contact in the CRM (an email or phone another customer has is refused), then replay this job.',
    );
  }
  const updatedAt = answer.updatedAt;
  const synced = await withCustomerLock(deps.locks, ctx.storeId, created.gid, async () => {
    await saveLink(deps.db, {
      storeId: ctx.storeId,
      shopifyType: 'customer',
      shopifyGid: created.gid,
      orgId: ctx.org.id,
      crmTable: 'contact',
      crmId: request.crmId,
      shopifyUpdatedAt: new Date(updatedAt),
      contentHash: null,
      writtenValues: written,
      correlationId: request.correlationId,
      now: deps.now(),
    });
    // Then the customer's own sync, in this job: it writes what it maps beyond the CRM's values (our key
    // `<prefix>_shopifyid`, so the contact is ours from now on, the rollups, Shopify's forms of the country and the
    // phone) and keeps the content hash, so the sync the customers/create webhook queues finds nothing to write.
    return deps.syncCustomer({ storeId: ctx.storeId, customerGid: created.gid, ...chainOf(request) });
  });
  await log({
    shopifyGid: created.gid,
    outcome: 'created',
    email: customer.email?.toLowerCase() ?? null,
    request: { customer },
    response: { customerGid: created.gid, updatedAt, cost: answer.cost, contactSync: synced.outcome },
  });
  return { kind: 'created', customerGid: created.gid };
}
