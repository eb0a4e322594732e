/**
 * Who is asking (`me`) and the personal API tokens that reporting tools and scripts send as
 * `Authorization: Bearer <token>`. Tokens are an admin's business; `me` is anyone's.
 */
export const apiTokensTypeDefs = `#graphql
  extend type Query {
    """
    The caller: the signed-in user's email or \`token:<name>\`, and the role that decides what they may do.
    """
    me: Me!
    """
    Every API token, newest first, revoked and expired ones included. Admins only (\`FORBIDDEN\` otherwise).
    """
    apiTokens: [ApiToken!]!
  }

  extend type Mutation {
    """
    Makes an API token with this role. The answer's \`token\` is the only time it is shown: only its SHA-256 is
    stored. \`expiresAt\` null: it works until revoked. Admins only.
    """
    createApiToken(name: String!, role: Role!, expiresAt: DateTime): CreatedApiToken!
    """
    Revokes a token: it stops working at once and stays listed. \`API_TOKEN_NOT_FOUND\` for an unknown id. Admins only.
    """
    revokeApiToken(id: ID!): ApiToken!
  }

  """
  What a person or a token may do; each role may do all the one before it may.
  """
  enum Role {
    """
    Reads everything.
    """
    VIEWER
    """
    Also acts on the sync: retries, replays, merge decisions, backfills.
    """
    OPERATOR
    """
    Also changes connections, mappings, settings, users and API tokens.
    """
    ADMIN
  }

  type Me {
    actor: String!
    role: Role!
  }

  type ApiToken {
    id: ID!
    name: String!
    """
    The first characters of the token, to tell tokens apart; never enough to use it.
    """
    prefix: String!
    role: Role!
    createdBy: String!
    createdAt: DateTime!
    """
    Approximate: updated at most about once a minute.
    """
    lastUsedAt: DateTime
    expiresAt: DateTime
    revokedAt: DateTime
  }

  type CreatedApiToken {
    """
    The token itself, shown this once: send it as \`Authorization: Bearer <token>\`.
    """
    token: String!
    apiToken: ApiToken!
  }
`;
