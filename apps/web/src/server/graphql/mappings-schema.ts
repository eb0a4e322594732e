/** The Mappings page's API: the field map's catalogue and a preview of how an order would be written. */
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
