/**
 * The bulk queries of backfills (SHOPIFY.md, "Bulk operations"): every record of an entity, with only its id and
 * `updatedAt` (orders also `name`, for the log). The file they produce can be hours old by the time its last line is
 * read, so it only says which records exist and how new they were: each record's sync job reads the record again
 * from the Admin API (Shopify is the truth), and `updatedAt` lets the ingest skip records already synced at that
 * version or newer.
 *
 * They are not `#graphql` documents: Shopify runs them (passed as a string to `bulkOperationRunQuery`), we never
 * send them as requests, and their lines are read by `bulkRecordLine` below; `bulk-queries.test.ts` checks them
 * against the published schema instead.
 */

/** The entities a backfill reads. */
export type BulkEntity = 'customer' | 'company' | 'order';

export const BULK_QUERIES: Record<BulkEntity, string> = {
  customer: `{
  customers {
    edges {
      node {
        id
        updatedAt
      }
    }
  }
}`,
  company: `{
  companies {
    edges {
      node {
        id
        updatedAt
      }
    }
  }
}`,
  order: `{
  orders {
    edges {
      node {
        id
        name
        updatedAt
      }
    }
  }
}`,
};

/** The gid type of each entity's top-level lines. */
const GID_TYPES: Record<BulkEntity, string> = { customer: 'Customer', company: 'Company', order: 'Order' };

/** One record of a backfill's bulk result. */
export interface BulkRecordLine {
  gid: string;
  updatedAt: string;
  name?: string;
}

/**
 * Reads a top-level line of a backfill's bulk result; null for a line that is not one (a child line, or a line of
 * another type), which the ingest passes over.
 */
export function bulkRecordLine(entity: BulkEntity, line: Record<string, unknown>): BulkRecordLine | null {
  if (line.__parentId !== undefined) return null;
  const { id, updatedAt, name } = line;
  if (typeof id !== 'string' || !id.startsWith(`gid://shopify/${GID_TYPES[entity]}/`)) return null;
  if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt))) return null;
  return { gid: id, updatedAt, ...(typeof name === 'string' ? { name } : {}) };
}

/**
 * Fields of a bulk operation beyond those of `BULK_OPERATION` that a backfill needs: `rootObjectCount`, the number of
 * top-level records (the total of its progress; `objectCount` also counts child lines).
 */
export const BULK_OPERATION_ROOT_COUNT = `#graphql
  query BulkOperationRootCount($id: ID!) {
    node(id: $id) {
      ... on BulkOperation {
        id
        status
        errorCode
        rootObjectCount
        url
      }
    }
  }
`;
