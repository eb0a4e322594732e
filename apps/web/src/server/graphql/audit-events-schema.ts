/** The audit trail: who changed what, from the console or the API. Admins only. */
export const auditEventsTypeDefs = `#graphql
  extend type Query {
    """
    Audit events, newest first. \`first\` is 0 to 200; \`after\` is the \`endCursor\` of the page before. Admins only.
    """
    auditEvents(first: Int = 50, after: String, filter: AuditEventFilter): AuditEventConnection!
  }

  input AuditEventFilter {
    """
    A user's email or \`token:<name>\`.
    """
    actor: String
    """
    e.g. \`api_token.create\`.
    """
    action: String
    targetType: String
    targetId: String
    storeId: ID
  }

  type AuditEvent {
    id: ID!
    actor: String!
    """
    The actor's role when they acted, e.g. \`admin\`.
    """
    actorRole: String!
    """
    \`<target>.<verb>\`, e.g. \`api_token.revoke\`.
    """
    action: String!
    targetType: String!
    targetId: String!
    storeId: ID
    orgId: ID
    """
    What changed; never a secret.
    """
    details: JSON!
    correlationId: ID
    occurredAt: DateTime!
  }

  type AuditEventEdge {
    cursor: String!
    node: AuditEvent!
  }

  type AuditEventConnection {
    edges: [AuditEventEdge!]!
    pageInfo: PageInfo!
  }
`;
