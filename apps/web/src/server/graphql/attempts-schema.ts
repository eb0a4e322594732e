/**
 * The sync log's part of the schema (DESIGN.md, principle 5): every attempt, its request, its response and its
 * error, found by correlation id, order name, email, Shopify id or CRM id.
 */
export const attemptsTypeDefs = `#graphql
  extend type Query {
    """
    Attempts matching \`filter\`, newest first. \`first\` is 0 to 200; \`after\` is the \`endCursor\` (or an edge's
    \`cursor\`) of the page before. Refusals: \`BAD_USER_INPUT\` with the argument at fault.
    """
    syncAttempts(filter: SyncAttemptFilter, first: Int = 50, after: String): SyncAttemptConnection!
    """
    One attempt; null if there is none with this id (or it was pruned by age).
    """
    syncAttempt(id: ID!): SyncAttempt
    """
    Every attempt of one change, oldest first: the webhook's routing, each try of each record it touched, the
    retries and a replay from the failed list. The CRM row's \`sv_lastcorrelationid\` is such an id.
    """
    correlationChain(correlationId: ID!): [SyncAttempt!]!
  }

  """
  What a search of the sync log looks for; every field narrows, none given finds every attempt.
  """
  input SyncAttemptFilter {
    storeId: ID
    correlationId: ID
    """
    The order's name as the merchant sees it; \`#1001\` and \`1001\` both find \`#1001\`.
    """
    orderName: String
    """
    The customer's email, in any case.
    """
    email: String
    """
    A gid (\`gid://shopify/Order/1\`) or the numeric id Shopify's admin shows (\`1\`).
    """
    shopifyId: String
    """
    A Dataverse row id (GUID), as pasted from Dynamics.
    """
    crmId: ID
    """
    \`customer\`, \`company\`, \`order\`, ...
    """
    entity: String
    outcomes: [SyncOutcome!]
    """
    Attempts started at or after this instant.
    """
    from: DateTime
    """
    Attempts started before this instant.
    """
    to: DateTime
  }

  """
  What one attempt did.
  """
  enum SyncOutcome {
    CREATED
    UPDATED
    """
    Same content as last time: nothing written.
    """
    UNCHANGED
    """
    Not in scope, or older than what was synced; the request says why.
    """
    SKIPPED
    """
    Several CRM rows matched: parked in the merge queue for a person.
    """
    AMBIGUOUS
    """
    Failed for good: the record is on the failed list (dead letters).
    """
    FAILED
    """
    Failed; a retry is queued (the response says when).
    """
    RETRYING
  }

  """
  How a failure is handled.
  """
  enum ErrorClass {
    """
    429, 5xx, timeouts: retried with backoff.
    """
    TRANSIENT
    """
    A record it needs is not synced yet: retried shortly, after it.
    """
    DEPENDENCY
    """
    Validation and the like: not retried; a person must act, then retry it from the failed list.
    """
    PERMANENT
  }

  enum SyncDirection {
    SHOPIFY_TO_CRM
    CRM_TO_SHOPIFY
  }

  """
  One attempt to sync one record: a row of the sync log.
  """
  type SyncAttempt {
    id: ID!
    """
    Follows one change from intake to the CRM row; shared by every retry of it.
    """
    correlationId: ID!
    storeId: ID!
    orgId: ID
    entity: String!
    shopifyGid: String
    orderName: String
    email: String
    crmTable: String
    crmId: ID
    direction: SyncDirection!
    outcome: SyncOutcome!
    errorClass: ErrorClass
    """
    Stable code, e.g. \`dataverse.unavailable\`.
    """
    errorCode: String
    """
    What went wrong, phrased so that a person can act on it.
    """
    errorMessage: String
    """
    What was sent: the writes, or for a failure the job and the failing call. Never secrets.
    """
    request: JSON
    """
    What came back: for a failure the status, the service's error code, an excerpt of its message and when the next
    retry runs. Never secrets.
    """
    response: JSON
    """
    1 for the first try, counting every automatic retry; a retry from the failed list starts again at 1.
    """
    attempt: Int!
    durationMs: Int
    """
    What started the chain: \`webhook\`, \`poll\`, \`backfill\`, \`retry\`, \`replay\`, \`merge\`, \`manual\`.
    """
    source: String
    receivedAt: DateTime
    """
    True when nothing was written (dry-run mode): the request holds what would have been.
    """
    dryRun: Boolean!
    startedAt: DateTime!
    finishedAt: DateTime
  }

  type SyncAttemptEdge {
    """
    Opaque; pass it as \`after\` to read the attempts after this one.
    """
    cursor: String!
    node: SyncAttempt!
  }

  type SyncAttemptConnection {
    edges: [SyncAttemptEdge!]!
    nodes: [SyncAttempt!]!
    pageInfo: PageInfo!
  }
`;
