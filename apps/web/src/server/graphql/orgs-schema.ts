/** The Dataverse orgs we write to: connecting one, testing it, and provisioning our columns and keys in it. */
export const orgsTypeDefs = `#graphql
  extend type Query {
    "Every CRM org, by name. Secrets are never returned: only whether one is set."
    orgs: [Org!]!
    "One org; null when there is none with this id."
    org(id: ID!): Org
  }

  extend type Mutation {
    """
    Adds an org, or updates the one with the same URL. The client secret is sealed before it is stored and never
    shown again. Admins only; audited as \`org.connect\` (without the secret).
    """
    connectOrg(input: ConnectOrgInput!): Org!
    """
    Gets a token from Entra ID and asks the org WhoAmI: \`ok\`, or the reason in words a person can act on (a wrong
    secret, an app that is not an application user). Admins only.
    """
    testOrgConnection(orgId: ID!): ConnectionTest!
    """
    Creates the columns and alternate keys the sync needs. \`dryRun: true\` only reads and answers what it would
    create; run it first. Admins only.
    """
    provisionOrg(orgId: ID!, dryRun: Boolean!): ProvisioningPreview!
  }

  input ConnectOrgInput {
    name: String!
    "The environment URL, e.g. https://contoso.crm4.dynamics.com."
    url: String!
    "The Entra ID tenant (directory) id."
    tenantId: String!
    "The app registration's application (client) id."
    clientId: String!
    clientSecret: String!
    "Sovereign clouds only; by default https://login.microsoftonline.com/<tenantId>."
    authorityUrl: String
  }

  type Org {
    id: ID!
    name: String!
    url: String!
    apiUrl: String!
    tenantId: String!
    clientId: String!
    authorityUrl: String
    publisherPrefix: String!
    "Whether a client secret is stored; the secret itself is never returned."
    hasClientSecret: Boolean!
    "The stores that write to this org."
    stores: [Store!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "The answer of a connection test."
  type ConnectionTest {
    ok: Boolean!
    "Why it failed and what to do; null when ok."
    reason: String
    "What the other side said about itself (shop name, currency, plan; the org's user id)."
    details: JSON
  }

  enum ProvisioningStepKind {
    CREATE_COLUMN
    CREATE_KEY
    "Waited for a key's index to become Active (a real run only; Dataverse builds key indexes asynchronously)."
    WAIT_FOR_KEY
  }

  type ProvisioningStep {
    kind: ProvisioningStepKind!
    "The table's logical name, e.g. contact."
    table: String!
    "The column or key."
    name: String!
    "A key's columns; empty for a column."
    columns: [String!]!
  }

  type ProvisioningPreview {
    dryRun: Boolean!
    "What was (or, in a dry run, would be) created."
    steps: [ProvisioningStep!]!
    "What was already there."
    present: [String!]!
  }
`;
