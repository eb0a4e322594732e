/**
 * The merge queue's part of the schema: ambiguous matches and two-way conflicts waiting for a person, and the
 * person's decision.
 */
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
    Decides an open item. An \`AMBIGUOUS_MATCH\`: link the Shopify record to one of the candidates (\`LINK\`), create
    a new CRM row (\`CREATE\`), or ignore it (\`IGNORE\`). A \`TWO_WAY_CONFLICT\`: keep the CRM's values
    (\`KEEP_CRM\`: they are pushed to Shopify) or Shopify's (\`KEEP_SHOPIFY\`: the customer is synced to the CRM
    over them). The decision is recorded (with who made it) and the work that follows it queued in one transaction.
    Refusals come back as errors with \`extensions.code\`: \`MERGE_NOT_FOUND\`, \`MERGE_ALREADY_DECIDED\` (the first
    decision stands), \`MERGE_NOT_A_CANDIDATE\`, \`BAD_USER_INPUT\` (among others, a decision of the other kind of
    item); nothing is changed then.
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
  Why an item waits for a person.
  """
  enum MergeItemKind {
    """
    The Shopify record matched several CRM rows (or a policy says to ask): a person says which, if any, it is.
    """
    AMBIGUOUS_MATCH
    """
    A two-way field was edited in the CRM and in Shopify since the last sync (policy \`ask\`): a person says which
    side's values to keep.
    """
    TWO_WAY_CONFLICT
  }

  """
  What a person decides about an item: LINK, CREATE or IGNORE an ambiguous match; KEEP_CRM or KEEP_SHOPIFY a two-way
  conflict.
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
    """
    Two-way conflict: the CRM's values stand and are pushed to Shopify.
    """
    KEEP_CRM
    """
    Two-way conflict: Shopify's values stand and the customer sync writes them over the CRM's.
    """
    KEEP_SHOPIFY
  }

  input MergeDecisionInput {
    kind: MergeDecisionKind!
    """
    The candidate to link to: required for LINK, refused for every other kind.
    """
    crmId: ID
  }

  """
  A decision recorded on an item: a match's link, create or ignore, or the side a person kept in a two-way
  conflict (KEEP_CRM, KEEP_SHOPIFY).
  """
  type MergeResolution {
    kind: MergeDecisionKind!
    """
    The CRM row linked to; null unless \`kind\` is LINK.
    """
    crmId: ID
  }

  """
  A customer field that flows both ways (issue 12).
  """
  enum TwoWayField {
    EMAIL
    PHONE
    """
    The default address.
    """
    ADDRESS
  }

  """
  One field of a two-way conflict: both sides' values as the contact's columns, e.g.
  \`{ "emailaddress1": "ada@example.com" }\`, or the \`address1_*\` columns for the address.
  """
  type TwoWayConflictField {
    field: TwoWayField!
    """
    The CRM's values when the conflict was found.
    """
    crm: JSON!
    """
    Shopify's values, as the sync would write them to the same columns; null when the item does not hold them.
    """
    shopify: JSON
  }

  """
  What a two-way conflict is about: the fields edited on both sides, and when each side last changed.
  """
  type TwoWayConflict {
    fields: [TwoWayConflictField!]!
    """
    The contact's \`modifiedon\` when the conflict was found; null when unknown.
    """
    crmModifiedOn: DateTime
    """
    The customer's \`updatedAt\` in Shopify when the conflict was found; null when unknown.
    """
    shopifyUpdatedAt: DateTime
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
  A Shopify record that matched several CRM rows (or that a policy says to ask about), or a customer edited on both
  sides, waiting for a person or decided.
  """
  type MergeItem {
    id: ID!
    """
    Which decisions the item takes: LINK, CREATE, IGNORE for an ambiguous match; KEEP_CRM, KEEP_SHOPIFY for a conflict.
    """
    kind: MergeItemKind!
    storeId: ID!
    orgId: ID!
    shopifyType: ShopifyType!
    shopifyGid: String!
    """
    Why a person must decide, e.g. \`2 contacts match on email\`.
    """
    reason: String!
    """
    The CRM rows that matched, best first; for a two-way conflict, the contact the customer is linked to.
    """
    candidates: [MergeCandidate!]!
    """
    The fields edited on both sides and their values; null unless \`kind\` is TWO_WAY_CONFLICT.
    """
    conflict: TwoWayConflict
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
