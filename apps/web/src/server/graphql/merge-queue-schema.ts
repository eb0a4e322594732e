/** The merge queue's part of the schema: ambiguous matches waiting for a person, and the person's decision. */
export const mergeQueueTypeDefs = `#graphql
  """
  Any JSON value, e.g. the canonical record as it was when parked.
  """
  scalar JSON

  extend type Query {
    """
    Items of the merge queue, oldest first. \`storeId\` null: every store; \`status\` null: every status.
    \`first\` is 0 to 200; \`after\` is the \`endCursor\` (or an edge's \`cursor\`) of the page before.
    """
    mergeQueue(storeId: ID, status: MergeStatus = OPEN, first: Int = 50, after: String): MergeItemConnection!
  }

  type Mutation {
    """
    Decides an open item: link the Shopify record to one of the candidates, create a new CRM row, or ignore it. The
    decision is recorded (with who made it) and the record's re-sync queued in one transaction; the sync then follows
    the decision. Refusals come back as errors with \`extensions.code\`: \`MERGE_NOT_FOUND\`, \`MERGE_ALREADY_DECIDED\`
    (the first decision stands), \`MERGE_NOT_A_CANDIDATE\`, \`BAD_USER_INPUT\`; nothing is changed then.
    """
    resolveMerge(id: ID!, decision: MergeDecisionInput!): MergeItem!
  }

  """
  The kind of Shopify object a merge item is about.
  """
  enum ShopifyType {
    CUSTOMER
    COMPANY
    COMPANY_LOCATION
    """
    An account named after the company on a customer's address.
    """
    ADDRESS_COMPANY
    """
    The buyer of an order placed without a customer, known by email.
    """
    GUEST_CHECKOUT
    ORDER
    LINE_ITEM
    REFUND
    FULFILLMENT
  }

  """
  Where an item of the merge queue stands.
  """
  enum MergeStatus {
    """
    Waiting for a person; the record is not synced meanwhile.
    """
    OPEN
    """
    Decided: linked to a candidate or created anew.
    """
    RESOLVED
    """
    Decided: the record is ignored.
    """
    DISMISSED
  }

  """
  What a person decides about an ambiguous match.
  """
  enum MergeDecisionKind {
    """
    The record is the candidate named by \`crmId\`: link to it and update it.
    """
    LINK
    """
    The record is none of the candidates: create a new CRM row.
    """
    CREATE
    """
    Do not sync this record.
    """
    IGNORE
  }

  input MergeDecisionInput {
    kind: MergeDecisionKind!
    """
    The candidate to link to: required for LINK, refused for CREATE and IGNORE.
    """
    crmId: ID
  }

  """
  A decision recorded on an item.
  """
  type MergeResolution {
    kind: MergeDecisionKind!
    """
    The CRM row linked to; null unless \`kind\` is LINK.
    """
    crmId: ID
  }

  """
  A CRM row that matched the Shopify record.
  """
  type MergeCandidate {
    """
    Dataverse table logical name, e.g. \`contact\`.
    """
    crmTable: String!
    """
    Dataverse row id (GUID).
    """
    crmId: ID!
    """
    The matching keys that found it, e.g. \`["email", "phone"]\`.
    """
    matchedOn: [String!]!
    """
    0 to 1: how sure the keys make us that this row is the same record; null for items parked before it was kept.
    """
    confidence: Float
    """
    What a person recognises the row by (name, email); null when the sync had none.
    """
    label: String
  }

  """
  A Shopify record that matched several CRM rows (or that a policy says to ask about), waiting for a person or decided.
  """
  type MergeItem {
    id: ID!
    storeId: ID!
    orgId: ID!
    shopifyType: ShopifyType!
    shopifyGid: String!
    """
    Why a person must decide, e.g. \`2 contacts match on email\`.
    """
    reason: String!
    """
    The CRM rows that matched, best first.
    """
    candidates: [MergeCandidate!]!
    """
    The canonical record as it was when parked, to show beside the candidates.
    """
    payload: JSON!
    status: MergeStatus!
    """
    The decision; null while open.
    """
    resolution: MergeResolution
    """
    Who decided; null while open.
    """
    resolvedBy: String
    resolvedAt: DateTime
    """
    The correlation id of the sync that parked the record; the re-sync after a decision carries it on.
    """
    correlationId: ID!
    createdAt: DateTime!
  }

  type MergeItemEdge {
    """
    Opaque; pass it as \`after\` to read the items after this one.
    """
    cursor: String!
    node: MergeItem!
  }

  type PageInfo {
    hasNextPage: Boolean!
    """
    The cursor of the page's last item; null when the page is empty.
    """
    endCursor: String
  }

  type MergeItemConnection {
    edges: [MergeItemEdge!]!
    nodes: [MergeItem!]!
    pageInfo: PageInfo!
    """
    Items matching \`storeId\` and \`status\`, on every page.
    """
    totalCount: Int!
  }
`;
