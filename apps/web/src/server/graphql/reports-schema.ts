/**
 * Reporting across the stores that write into one CRM org: orders, revenue in each currency and the customers the
 * stores share, per store and for the org. Money is a decimal string in its own currency, never converted and never
 * a float, so sums agree with the CRM to the cent.
 */
export const reportsTypeDefs = `#graphql
  extend type Query {
    """
    Every org with stores connected or orders recorded, by name, each with its stores' figures. Orders and revenue
    count the orders processed (Shopify \`processedAt\`) in \`[from, to)\`; either end left out is open.
    """
    orgReports(from: DateTime, to: DateTime): [OrgReport!]!
    """
    One org's report, or one of its stores' (\`storeId\`) with what it shares with the others; null when there is no
    org with this id.
    """
    orgReport(orgId: ID!, storeId: ID, from: DateTime, to: DateTime): OrgReport
  }

  """
  The figures of the stores writing into one org, and of the org as a whole.
  """
  type OrgReport {
    org: Org!
    "The range asked for; null ends are open."
    from: DateTime
    to: DateTime
    "The org's stores (or the one asked for), by key: connected to the org, or with orders or customers in it."
    stores: [StoreReport!]!
    "The stores together: a customer linked from two stores is counted once."
    total: OrgReportTotal!
    "Customers linked from both stores of each pair of the org's stores (keys in order), zero overlaps included."
    sharedBetween: [StoreOverlap!]!
  }

  type StoreReport {
    store: Store!
    "Orders processed in the range, cancelled ones included."
    orders: Int!
    "Of those, the cancelled ones; they are left out of the revenue."
    cancelled: Int!
    "Per currency, by code."
    revenue: [CurrencyRevenue!]!
    """
    Distinct CRM rows (contacts, accounts) linked from the store's customers and guest checkouts, as linked now: the
    range does not apply to customers.
    """
    customers: Int!
    "Of those, the ones also linked from another store of the org."
    sharedCustomers: Int!
    "Locales the store's orders in the range were written under, sorted."
    locales: [String!]!
  }

  type OrgReportTotal {
    stores: Int!
    orders: Int!
    cancelled: Int!
    "Per currency, summed over the stores; currencies are never converted into each other."
    revenue: [CurrencyRevenue!]!
    "Distinct CRM rows linked from the stores' customers and guest checkouts."
    customers: Int!
    "Of those, the ones linked from two stores of the org or more."
    sharedCustomers: Int!
    locales: [String!]!
  }

  """
  Orders and money in one currency. Amounts are decimal strings in that currency (\`1234.50\`): cents always shown,
  further places only when not zero.
  """
  type CurrencyRevenue {
    "ISO 4217 code, e.g. USD."
    currency: String!
    "Orders counted in the revenue: those in this currency that are not cancelled."
    orders: Int!
    "What was charged for them when they were placed, in this currency."
    gross: String!
    "What was refunded of them."
    refunded: String!
    "gross - refunded."
    net: String!
  }

  type StoreOverlap {
    "The two stores' keys, in order."
    stores: [String!]!
    storeIds: [ID!]!
    "Customers (CRM rows) linked from both."
    customers: Int!
  }
`;
