/**
 * The stats' part of the schema: the figures `/metrics` reads, per store and day for charts and reporting tools. Both
 * read the same queries (`@shopverse/db` stats), so the console, the API and Prometheus agree.
 */
export const statsTypeDefs = `#graphql
  extend type Query {
    """
    Per store and UTC day in \`[from, to)\`, at most 366 days: what was synced, what failed, latency and throughput.
    Dry runs are left out; days with no attempts and no deliveries are left out. \`storeId\` null: every store.
    """
    stats(storeId: ID, from: DateTime!, to: DateTime!): [StoreDayStats!]!
    """
    The job queue now, in total and per task.
    """
    queue: QueueStats!
    """
    Calls to Shopify (per store) and Dataverse (per org) made in \`[from, to)\`, counted per minute by the workers.
    """
    apiCalls(from: DateTime!, to: DateTime!): [ApiCallStats!]!
  }

  """
  One store's UTC day.
  """
  type StoreDayStats {
    storeId: ID!
    """
    The store's key (\`us\`); its id once the store is gone.
    """
    store: String!
    """
    \`YYYY-MM-DD\`, UTC.
    """
    day: String!
    """
    Attempts that left the CRM as Shopify has the record (created, updated or unchanged).
    """
    synced: Int!
    """
    Attempts that failed for good: a person must act.
    """
    failed: Int!
    """
    Attempts that failed and were retried.
    """
    retried: Int!
    """
    Change received (delivery, poll read) to CRM written, over the synced attempts; null when none had a receipt time.
    """
    latencyP50Seconds: Float
    latencyP95Seconds: Float
    latencyP99Seconds: Float
    """
    Synced attempts per hour, over the part of the day inside the range and already past.
    """
    throughputPerHour: Float!
    """
    Webhook deliveries stored that day.
    """
    deliveriesReceived: Int!
  }

  """
  Jobs of one task, or of all of them.
  """
  type TaskQueueStats {
    """
    The task's identifier, e.g. \`shopify_order__sync\`.
    """
    task: String!
    """
    Jobs that will still run: waiting, scheduled for later (a retry's backoff, a folding delay) or running.
    """
    depth: Int!
    """
    Jobs due now and not yet taken by a worker: the backlog.
    """
    ready: Int!
    running: Int!
    """
    Jobs that used every attempt.
    """
    failed: Int!
    """
    Age of the oldest job that will still run; null when there is none.
    """
    oldestJobAgeSeconds: Float
  }

  type QueueStats {
    depth: Int!
    ready: Int!
    running: Int!
    failed: Int!
    oldestJobAgeSeconds: Float
    byTask: [TaskQueueStats!]!
  }

  enum Api {
    SHOPIFY
    DATAVERSE
  }

  """
  Calls to one API for one store (Shopify) or org (Dataverse).
  """
  type ApiCallStats {
    api: Api!
    """
    The store (SHOPIFY) or the org (DATAVERSE).
    """
    subjectId: ID!
    """
    The store's key or the org's name; the id once it is gone.
    """
    subject: String!
    requests: Int!
    """
    Answers that said "slow down": THROTTLED or HTTP 429.
    """
    throttled: Int!
    """
    Time requests waited because of a limit (cost bucket, Retry-After).
    """
    throttleWaitSeconds: Float!
    """
    Requests without answer or answered 5xx.
    """
    errors: Int!
  }
`;
