/**
 * The Mappings page's API: the field map's catalogue, a preview of how an order would be written, and the CRM org's
 * choices (teams, users, business units, price lists, accounts) the settings form offers.
 */
export const mappingsTypeDefs = `#graphql
  extend type Query {
    """
    How one real order would be written under draft settings (\`settings\`, else the saved ones): the order named
    \`orderName\` (e.g. \`#1001\`), else the store's most recent, read from Shopify and mapped as the sync maps it, each
    row beside the CRM's row of the same key. Writes nothing anywhere. Any role may ask.
    """
    mappingPreview(storeId: ID!, settings: JSON, orderName: String): MappingPreview!
    "The Shopify fields a store's field map may write to CRM columns, per entity."
    fieldMapSources: [FieldMapEntitySources!]!
    """
    What the settings form offers to choose from in the store's CRM org: the teams that can own records, enabled
    users, enabled business units and active price lists. Never fails for the CRM's sake: when the org cannot be read,
    the lists are empty and \`problem\` says why (the form then takes ids typed in). Any role may ask.
    """
    orgDirectory(storeId: ID!): OrgDirectory!
    """
    Accounts of the store's CRM org, for the parent account of its B2C contacts: the active ones whose name contains
    \`search\` (any case; empty: all), the first 20 by name; or, with \`id\`, that account whatever its state (none when
    the CRM has no such account). Any role may ask.
    """
    orgAccounts(storeId: ID!, search: String, id: ID): [OrgAccount!]!
  }

  "The choices a store's settings may name in its CRM org."
  type OrgDirectory {
    "The org read; null when the store writes to none."
    orgName: String
    "Why the org could not be read, in words a person can act on; null when it was."
    problem: String
    "False when a list was cut at 1,000 rows (or could not be read): an id may also be typed in."
    complete: Boolean!
    "Teams that can own records: owner teams and Microsoft Entra group teams (never access teams), by name."
    teams: [OrgTeam!]!
    "Enabled users, people and application users, by name."
    users: [OrgUser!]!
    "Enabled business units, by name."
    businessUnits: [OrgBusinessUnit!]!
    "Active price lists, by name, with their currency."
    priceLists: [OrgPriceList!]!
  }

  "A team of the CRM org (team)."
  type OrgTeam {
    "The teamid."
    id: ID!
    name: String!
    businessUnitId: ID
    "Dataverse's teamtype: 0 owner, 2 Microsoft Entra security group, 3 Microsoft Entra Office group."
    teamType: Int!
  }

  "A user of the CRM org (systemuser)."
  type OrgUser {
    "The systemuserid."
    id: ID!
    fullName: String!
    email: String
    businessUnitId: ID
    "An application user (a service principal, like the sync's own) rather than a person."
    application: Boolean!
  }

  "A business unit of the CRM org."
  type OrgBusinessUnit {
    "The businessunitid."
    id: ID!
    name: String!
    "The parent business unit; null for the root."
    parentId: ID
  }

  "A price list of the CRM org (pricelevel)."
  type OrgPriceList {
    "The pricelevelid, as orders.priceLists takes it."
    id: ID!
    name: String!
    "The ISO 4217 code of the list's currency, e.g. EUR; an order in another currency cannot use the list."
    currency: String
  }

  "An account of the CRM org."
  type OrgAccount {
    "The accountid, as customers.parentAccountId takes it."
    id: ID!
    name: String!
    "Active (statecode 0); only an active account can be a parent."
    active: Boolean!
  }

  "A preview of the writes of one order; \`problems\` say what the draft settings or the order would have refused."
  type MappingPreview {
    "The order previewed, e.g. #1001; null when none could be read."
    orderName: String
    orderGid: String
    "The settings previewed, defaults filled; null when they do not validate."
    settings: JSON
    "The order's contact, the order, then its lines (and refunds, for custom tables), in the order the sync writes them."
    rows: [PreviewRow!]!
    "What the settings or the order would be refused for, by settings path (\`fieldMap.contact.0.column\`)."
    problems: [SettingsProblem!]!
    "What the mapping cut or approximated, as the sync log would show it."
    warnings: [String!]!
  }

  "One thing wrong with settings: where and why."
  type SettingsProblem {
    path: String!
    message: String!
  }

  "One CRM row the order would write."
  type PreviewRow {
    "contact, account, salesorder (the order, in whichever table the store writes orders to), line or refund."
    role: String!
    "The table's logical name."
    table: String!
    "Our alternate key value (sv_shopifyid)."
    key: String!
    "Whether the CRM has the row already; else the sync creates it."
    exists: Boolean!
    columns: [PreviewColumn!]!
  }

  "A column of a previewed row: the CRM's value now and the value the sync would write."
  type PreviewColumn {
    column: String!
    before: JSON
    after: JSON
    changed: Boolean!
    "The CRM's value stays: the conflict policy keeps a value a person edited in the CRM (contacts)."
    kept: Boolean!
  }

  "The field map's sources of one entity."
  type FieldMapEntitySources {
    "contact (from the customer), account (from a B2B company) or salesorder (from the order)."
    entity: String!
    sources: [FieldMapSource!]!
  }

  "A Shopify field the field map may write."
  type FieldMapSource {
    "The name used in settings, e.g. note."
    name: String!
    label: String!
    "string, number, boolean or datetime."
    type: String!
    "For text, the longest value written: the column must hold at least this many characters."
    maxLength: Int
  }
`;
