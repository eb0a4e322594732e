/** Backfills: every record of an entity of a store read through a Shopify bulk operation, with their progress. */
export const backfillsTypeDefs = `#graphql
  extend type Query {
    """
    Backfills, newest first, of one store or of all (\`storeId\` null), with their progress; \`first\` is 1 to 200.
    """
    backfills(storeId: ID, first: Int = 50): [Backfill!]!
    """
    One backfill with its progress; null if there is none with this id.
    """
    backfill(id: ID!): Backfill
  }

  extend type Mutation {
    """
    Starts a backfill of one entity of a store: a Shopify bulk operation whose result is streamed into sync jobs.
    Refusals: \`STORE_NOT_FOUND\`, \`BACKFILL_ACTIVE\` (one of this store and entity is under way).
    """
    startBackfill(storeId: ID!, entity: SyncEntity!): Backfill!
  }

  """
  The Shopify records synced one by one.
  """
  enum SyncEntity {
    CUSTOMER
    COMPANY
    ORDER
  }

  """
  Where a backfill is: \`PENDING\` (queued), \`BULK_RUNNING\` (Shopify builds the file), \`INGESTING\` (lines become
  sync jobs), \`SYNCING\` (every job queued, some still running), then \`COMPLETED\`, \`FAILED\` or \`CANCELLED\`.
  """
  enum BackfillStatus {
    PENDING
    BULK_RUNNING
    INGESTING
    SYNCING
    COMPLETED
    FAILED
    CANCELLED
  }

  type Backfill {
    id: ID!
    storeId: ID!
    entity: SyncEntity!
    status: BackfillStatus!
    """
    Follows the backfill's own steps in the sync log; each record's sync has its own correlation id.
    """
    correlationId: ID!
    requestedBy: String!
    """
    Why it failed, in words a person can act on; null unless FAILED.
    """
    errorMessage: String
    createdAt: DateTime!
    bulkCompletedAt: DateTime
    ingestedAt: DateTime
    finishedAt: DateTime
    progress: BackfillProgress!
  }

  type BackfillProgress {
    """
    Records in Shopify's bulk result; null until the file is ready.
    """
    total: Int
    """
    Records whose sync job was queued.
    """
    queued: Int!
    """
    Records left alone: their link already held this version.
    """
    skipped: Int!
    """
    Sync jobs of this backfill still waiting or running.
    """
    pending: Int!
    """
    Records done: skipped, or synced (or failed: see the failed list).
    """
    done: Int!
    """
    Records done per second since the file was ready; null before.
    """
    ratePerSecond: Float
    """
    Seconds left at that rate; 0 once finished, null while unknown.
    """
    etaSeconds: Int
  }
`;
