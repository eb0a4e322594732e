import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { z } from 'zod';
import { crmChangeCursors, entityLinks, type EntityLink, type MergeQueueItem, type Store, stores } from '../schema';
import { addJob } from './jobs';
import type { TransactionHandles } from './merge-queue';
import { findLink, withWrittenValues } from './entity-links';
import { pushJobKey, syncJobKey } from './sync-jobs';

/** The delta link the last change poll of this org and table ended with; undefined before the first one. */
export async function readCrmChangeCursor(db: Database, orgId: string, crmTable: string): Promise<string | undefined> {
  const [row] = await db
    .select({ deltaLink: crmChangeCursors.deltaLink })
    .from(crmChangeCursors)
    .where(and(eq(crmChangeCursors.orgId, orgId), eq(crmChangeCursors.crmTable, crmTable)));
  return row?.deltaLink;
}

/**
 * Keeps the delta link a poll ended with. Saved after the changes it covers were handled (their pushes queued), so
 * a poll that fails half way reads the same changes again; handling a change twice queues the same push again,
 * which the push's job key folds.
 */
export async function saveCrmChangeCursor(
  db: Database,
  input: { orgId: string; crmTable: string; deltaLink: string; now: Date },
): Promise<void> {
  await db
    .insert(crmChangeCursors)
    .values({ orgId: input.orgId, crmTable: input.crmTable, deltaLink: input.deltaLink, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [crmChangeCursors.orgId, crmChangeCursors.crmTable],
      set: { deltaLink: input.deltaLink, updatedAt: input.now },
    });
}

/** A Shopify customer linked to a CRM row, with its store's key and settings (the two-way settings are in them). */
export interface LinkedCustomer {
  link: EntityLink;
  storeKey: string;
  storeName: string;
  storeStatus: Store['status'];
  settings: unknown;
}

/**
 * Every customer and guest checkout link of these CRM rows in one query (a change page holds up to 500 rows), with its
 * store: a contact may be linked from several stores (issue 11) and from guest checkouts of the same buyer, and what
 * any of them last wrote is ours, not a person's edit.
 */
export async function customerLinksOfCrmRows(
  db: Database,
  input: { orgId: string; crmTable: string; crmIds: readonly string[] },
): Promise<LinkedCustomer[]> {
  if (input.crmIds.length === 0) return [];
  return db
    .select({
      link: entityLinks,
      storeKey: stores.key,
      storeName: stores.name,
      storeStatus: stores.status,
      settings: stores.settings,
    })
    .from(entityLinks)
    .innerJoin(stores, eq(stores.id, entityLinks.storeId))
    .where(
      and(
        eq(entityLinks.orgId, input.orgId),
        eq(entityLinks.crmTable, input.crmTable),
        // Guest checkouts too: what a guest checkout wrote to a customer's contact is ours as well, never a CRM edit.
        inArray(entityLinks.shopifyType, ['customer', 'guest_checkout']),
        inArray(entityLinks.crmId, [...input.crmIds]),
      ),
    );
}

/**
 * Records CRM values as what the link last wrote (the sync will treat them as ours), and forgets the content hash
 * so that the next sync of the record compares with the CRM rather than skipping: used when both sides already hold
 * the same value, and before a re-sync that must overwrite a CRM edit (two-way policy `shopifyWins`).
 */
export async function adoptWrittenValues(
  db: Database,
  input: { linkId: string; values: Record<string, unknown>; now: Date },
): Promise<void> {
  await db
    .update(entityLinks)
    .set({
      writtenValues: withWrittenValues(sql`${JSON.stringify(input.values)}::jsonb`),
      contentHash: null,
      updatedAt: input.now,
    })
    .where(eq(entityLinks.id, input.linkId));
}

/**
 * After a push to Shopify: the pushed CRM values become what the link last wrote, and its version the one Shopify
 * answered, so the `customers/update` webhook that follows finds the CRM already equal (no write, no loop). The
 * content hash is forgotten rather than recomputed: the sync then compares with the CRM row itself, which stays
 * right even if another field changed in Shopify meanwhile.
 */
export async function recordPush(
  db: Database,
  input: { linkId: string; values: Record<string, unknown>; shopifyUpdatedAt: Date; correlationId: string; now: Date },
): Promise<void> {
  await db
    .update(entityLinks)
    .set({
      writtenValues: withWrittenValues(sql`${JSON.stringify(input.values)}::jsonb`),
      contentHash: null,
      shopifyUpdatedAt: sql`greatest(${entityLinks.shopifyUpdatedAt}, ${input.shopifyUpdatedAt.toISOString()}::timestamptz)`,
      lastSyncedAt: input.now,
      lastCorrelationId: input.correlationId,
      updatedAt: input.now,
    })
    .where(eq(entityLinks.id, input.linkId));
}

/** What `crm_changes__poll` parks for a two-way field edited on both sides (policy `ask`): both values, per field. */
const twoWayConflict = z.object({
  kind: z.literal('twoWayConflict'),
  fields: z.array(z.object({ field: z.enum(['email', 'phone', 'address']), crm: z.record(z.string(), z.unknown()) })),
});

/** Whether a merge item is a two-way conflict (rather than an ambiguous match), which a person settles by a side. */
export function isTwoWayConflict(item: MergeQueueItem): boolean {
  return twoWayConflict.safeParse(item.payload).success;
}

/**
 * Carries out a person's choice on a two-way conflict, in the transaction that records the decision: keep the CRM's
 * values (queue the push to Shopify) or Shopify's (adopt the CRM values as ours, so the customer sync queued here
 * overwrites them under any conflict policy). Returns the job queued; null when the customer is no longer linked.
 */
export async function settleTwoWayConflict(
  tx: TransactionHandles,
  input: { item: MergeQueueItem; keep: 'crm' | 'shopify'; now: Date },
): Promise<{ identifier: string; jobKey: string } | null> {
  const { item } = input;
  const conflict = twoWayConflict.parse(item.payload);
  const link = await findLink(tx.db, { storeId: item.storeId, shopifyType: 'customer', shopifyGid: item.shopifyGid });
  if (!link) return null;
  const envelope = { correlationId: item.correlationId, source: 'merge' };
  if (input.keep === 'crm') {
    const jobKey = pushJobKey(item.storeId, item.shopifyGid);
    await addJob(
      tx.sql,
      'shopify_customer__push',
      {
        storeId: item.storeId,
        customerGid: item.shopifyGid,
        crmId: link.crmId,
        fields: conflict.fields.map((entry) => entry.field),
        ...envelope,
      },
      { jobKey },
    );
    return { identifier: 'shopify_customer__push', jobKey };
  }
  await adoptWrittenValues(tx.db, {
    linkId: link.id,
    values: Object.assign({}, ...conflict.fields.map((entry) => entry.crm)) as Record<string, unknown>,
    now: input.now,
  });
  const jobKey = syncJobKey('customer', item.storeId, item.shopifyGid);
  await addJob(
    tx.sql,
    'shopify_customer__sync',
    { storeId: item.storeId, customerGid: item.shopifyGid, ...envelope },
    { jobKey },
  );
  return { identifier: 'shopify_customer__sync', jobKey };
}
