import { and, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { entityLinks, type EntityLink, type ShopifyType, stores } from '../schema';

export interface LinkRef {
  storeId: string;
  shopifyType: ShopifyType;
  shopifyGid: string;
}

/** The CRM row a Shopify record was written to, if any. */
export async function findLink(db: Database, ref: LinkRef): Promise<EntityLink | undefined> {
  const [row] = await db
    .select()
    .from(entityLinks)
    .where(
      and(
        eq(entityLinks.storeId, ref.storeId),
        eq(entityLinks.shopifyType, ref.shopifyType),
        eq(entityLinks.shopifyGid, ref.shopifyGid),
      ),
    );
  return row;
}

export interface LinkWrite extends LinkRef {
  orgId: string;
  crmTable: string;
  crmId: string;
  /** Null for a link made without a Shopify version (a person's merge decision): the next sync writes. */
  shopifyUpdatedAt: Date | null;
  contentHash: string | null;
  writtenValues: Record<string, unknown> | null;
  /**
   * Keep what the link's earlier writes to the same row recorded for columns this write leaves out. For a writer that
   * only fills empty columns (a guest checkout under a customer's contact): two of its syncs can run at once, each
   * recording what it filled, and the later one must not forget what the earlier one filled.
   */
  keepEarlierWrites?: boolean;
  correlationId: string;
  now: Date;
}

/**
 * A link's written values with these added (a column in both takes the new value): what a push, a value both sides
 * agree on, or a fill-only write adds to the record of what we wrote.
 */
export function withWrittenValues(added: SQL): SQL {
  return sql`coalesce(${entityLinks.writtenValues}, '{}'::jsonb) || coalesce(${added}, '{}'::jsonb)`;
}

/**
 * Records where a Shopify record lives in the CRM and what was written: one link per (store, type, gid), so a
 * second sync updates it instead of adding one (one Shopify record never maps to two CRM rows).
 */
export async function saveLink(db: Database, link: LinkWrite): Promise<EntityLink> {
  const values = {
    storeId: link.storeId,
    shopifyType: link.shopifyType,
    shopifyGid: link.shopifyGid,
    orgId: link.orgId,
    crmTable: link.crmTable,
    crmId: link.crmId,
    shopifyUpdatedAt: link.shopifyUpdatedAt,
    contentHash: link.contentHash,
    writtenValues: link.writtenValues,
    lastSyncedAt: link.now,
    lastCorrelationId: link.correlationId,
  };
  const [row] = await db
    .insert(entityLinks)
    .values(values)
    .onConflictDoUpdate({
      target: [entityLinks.storeId, entityLinks.shopifyType, entityLinks.shopifyGid],
      set: {
        ...values,
        ...(link.keepEarlierWrites
          ? {
              writtenValues: sql`case when ${entityLinks.crmId} = excluded.crm_id
                then ${withWrittenValues(sql`excluded.written_values`)} else excluded.written_values end`,
            }
          : {}),
        updatedAt: link.now,
      },
    })
    .returning();
  if (!row) throw new Error(`Saving the link of ${link.shopifyGid} returned no row.`);
  return row;
}

/** Forgets a link whose CRM row is gone (deleted in the CRM): the next sync matches afresh. */
export async function dropLink(db: Database, ref: LinkRef): Promise<void> {
  await db
    .delete(entityLinks)
    .where(
      and(
        eq(entityLinks.storeId, ref.storeId),
        eq(entityLinks.shopifyType, ref.shopifyType),
        eq(entityLinks.shopifyGid, ref.shopifyGid),
      ),
    );
}

/**
 * The other Shopify records (of any store) linked to the same CRM row: the cross-store identity graph. A contact
 * another live record still points at is not deactivated when one of them goes.
 */
export async function otherLinksToCrmRow(
  db: Database,
  input: { orgId: string; crmTable: string; crmId: string; except: LinkRef },
): Promise<(EntityLink & { storeKey: string })[]> {
  const rows = await db
    .select({ link: entityLinks, storeKey: stores.key })
    .from(entityLinks)
    .innerJoin(stores, eq(stores.id, entityLinks.storeId))
    .where(
      and(
        eq(entityLinks.orgId, input.orgId),
        eq(entityLinks.crmTable, input.crmTable),
        eq(entityLinks.crmId, input.crmId),
        or(
          ne(entityLinks.storeId, input.except.storeId),
          ne(entityLinks.shopifyType, input.except.shopifyType),
          ne(entityLinks.shopifyGid, input.except.shopifyGid),
        ),
      ),
    );
  // With the store's key: another store's link is shown and keyed by it (`eu_5000000000123`).
  return rows.map((row) => ({ ...row.link, storeKey: row.storeKey }));
}
