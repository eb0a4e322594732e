/**
 * The failed list's part of the schema: jobs that failed for good (dead letters), grouped by cause, and the retries
 * a person starts once the cause is fixed; also the replay of a stored webhook delivery.
 */
export const deadLettersTypeDefs = `#graphql
  extend type Query {
    """
    The failed list, newest first. \`first\` is 0 to 200; \`after\` is the \`endCursor\` of the page before.
    """
    deadLetters(filter: DeadLetterFilter, first: Int = 50, after: String): DeadLetterConnection!
    """
    Open dead letters by error code, biggest group first: fix the cause once, then \`retryFailed\` the group.
    \`storeId\` null: every store.
    """
    failureGroups(storeId: ID): [FailureGroup!]!
  }

  extend type Mutation {
    """
    Retries these dead letters: each job is queued again under its correlation id (so the console shows failure and
    fix as one chain) and the letters are marked replayed by you. All or nothing: refusals come back as errors with
    \`extensions.code\` \`DEAD_LETTER_NOT_FOUND\` (\`extensions.ids\`), \`DEAD_LETTER_NOT_OPEN\` (already replayed or
    resolved; \`extensions.letters\`) or \`BAD_USER_INPUT\`, and nothing is queued then.
    """
    retryDeadLetters(ids: [ID!]!): RetryResult!
    """
    Retries every open dead letter of a store, optionally of one entity and one error code (a failure group).
    Queues nothing, and says so with an empty result, when none match. \`STORE_NOT_FOUND\` for an unknown store.
    """
    retryFailed(storeId: ID!, entity: String, errorCode: String): RetryResult!
    """
    Processes a stored webhook delivery again, under its own correlation id. \`DELIVERY_NOT_FOUND\` if there is none.
    """
    replayDelivery(deliveryId: ID!): ReplayedDelivery!
  }

  input DeadLetterFilter {
    storeId: ID
    """
    \`customer\`, \`company\`, \`order\`, ...
    """
    entity: String
    errorCode: String
    """
    Only letters still on the failed list (default); false adds the replayed and the resolved.
    """
    openOnly: Boolean = true
  }

  """
  Where a dead letter stands.
  """
  enum DeadLetterStatus {
    """
    On the failed list: waiting for a person.
    """
    OPEN
    """
    Retried by a person; resolved once the retry succeeds.
    """
    REPLAYED
    """
    A later sync of the record succeeded.
    """
    RESOLVED
  }

  """
  A job that failed for good: permanently, or after every retry.
  """
  type DeadLetter {
    id: ID!
    storeId: ID!
    """
    The job's task, e.g. \`shopify_order__sync\`.
    """
    task: String!
    jobKey: String
    entity: String
    shopifyGid: String
    """
    The chain of the last attempt; \`correlationChain\` shows every attempt of it.
    """
    correlationId: ID!
    errorClass: ErrorClass!
    errorCode: String!
    """
    The last error, phrased so that a person can act on it.
    """
    errorMessage: String!
    """
    Runs of the job, retries included.
    """
    attempts: Int!
    failedAt: DateTime!
    status: DeadLetterStatus!
    replayedAt: DateTime
    """
    Who retried it.
    """
    replayedBy: String
    resolvedAt: DateTime
  }

  type DeadLetterEdge {
    cursor: String!
    node: DeadLetter!
  }

  type DeadLetterConnection {
    edges: [DeadLetterEdge!]!
    nodes: [DeadLetter!]!
    pageInfo: PageInfo!
    """
    Letters matching the filter, on every page.
    """
    totalCount: Int!
  }

  """
  Open dead letters sharing one error code.
  """
  type FailureGroup {
    errorCode: String!
    errorClass: ErrorClass!
    count: Int!
    entities: [String!]!
    latestAt: DateTime!
    """
    The newest letter's message: what the code means in practice.
    """
    latestMessage: String!
  }

  """
  A job a retry queued.
  """
  type QueuedRetry {
    deadLetterId: ID!
    jobId: ID!
    task: String!
    jobKey: String
    correlationId: ID!
    storeId: ID!
    entity: String
    shopifyGid: String
  }

  type RetryResult {
    """
    How many jobs were queued.
    """
    count: Int!
    queued: [QueuedRetry!]!
  }

  """
  A stored delivery queued for processing again.
  """
  type ReplayedDelivery {
    deliveryId: ID!
    jobId: ID!
    correlationId: ID!
    storeId: ID!
    topic: String!
  }
`;
