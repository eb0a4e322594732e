/** The Shopify stores we sync: their connection, webhooks, org and settings. */
export const storesTypeDefs = `#graphql
  extend type Query {
    "Every store, by key. Secrets are never returned: only whether they are set."
    stores: [Store!]!
    "One store; null when there is none with this id."
    store(id: ID!): Store
  }

  extend type Mutation {
    """
    Adds a store, or updates the one with the same shop domain. The access token and webhook secret are sealed before
    they are stored and never shown again. Admins only; audited as \`store.connect\` (without the secrets).
    """
    connectStore(input: ConnectStoreInput!): Store!
    "Asks the shop for its name, currency and plan: \`ok\`, or the reason a person can act on. Admins only."
    testStoreConnection(storeId: ID!): ConnectionTest!
    "Makes the store write to the org (a store writes to one org). Admins only."
    connectStoreToOrg(storeId: ID!, orgId: ID!): Store!
    """
    Subscribes the shop to every topic the sync listens to at \`callbackUrl\` (the console's
    /api/webhooks/shopify); idempotent. Admins only.
    """
    registerWebhooks(storeId: ID!, callbackUrl: String!): WebhookRegistration!
    """
    Replaces the store's settings. Refused with \`BAD_USER_INPUT\` and \`extensions.problems\` (one per path) when they
    do not validate, or name CRM things its org lacks (a price list id, a custom table). Admins only.
    """
    updateStoreSettings(storeId: ID!, settings: JSON!): Store!
    "Turns dry-run (shadow) mode on or off: the sync runs but writes nothing to the CRM. Admins only."
    setDryRun(storeId: ID!, on: Boolean!): Store!
    """
    Stops the store's sync: status DISCONNECTED, its org connection disabled, its waiting jobs removed (running ones
    finish), its active backfills cancelled, its poll cursors rewound to before the oldest removed job. CRM rows, links
    and cursors stay, and no other store is touched. Its webhooks are still acknowledged and stored, not processed.
    Admins only; audited as \`store.disconnect\` with \`reason\`.
    """
    disconnectStore(storeId: ID!, reason: String): Store!
    """
    Resumes a disconnected store: its connection enabled, status ACTIVE, the deliveries it stored meanwhile queued, and
    its delta poll queued at once, from its cursors; records already in the CRM are updated through their links.
    Admins only; audited as \`store.reconnect\`.
    """
    reconnectStore(storeId: ID!): Store!
  }

  input ConnectStoreInput {
    "Short, lowercase letters and digits (e.g. us, eu2); part of every CRM alternate key, so never changed later."
    key: String!
    "The permanent domain, e.g. my-shop.myshopify.com."
    shopDomain: String!
    name: String!
    "The Admin API access token of the shop's app."
    accessToken: String!
    "The app's client secret, which signs webhooks."
    webhookSecret: String!
    "By default the version the sync is built for."
    apiVersion: String
    "Only for simulated shops (the sandbox), reached under another base URL; null for real shops."
    apiBaseUrl: String
  }

  enum StoreStatus {
    ACTIVE
    PAUSED
    DISCONNECTED
  }

  type Store {
    id: ID!
    key: String!
    shopDomain: String!
    name: String!
    apiVersion: String!
    status: StoreStatus!
    "Whether an Admin API token is stored; the token itself is never returned."
    hasAccessToken: Boolean!
    "Whether a webhook secret is stored; the secret itself is never returned."
    hasWebhookSecret: Boolean!
    "The orgs the store writes to (one, when connected)."
    orgs: [Org!]!
    "The settings with their defaults filled in; as saved when they do not validate (see settingsValid)."
    settings: JSON!
    settingsValid: Boolean!
    dryRun: Boolean!
    "The webhook subscriptions, read from the shop when asked (a call to Shopify per store)."
    webhooks: WebhookState!
    "When the last sync attempt of the store finished; null before the first."
    lastSyncAt: DateTime
    "Jobs of the store waiting or running in the queue."
    backlog: Int!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type WebhookState {
    "False when the shop could not be asked; \`error\` says why."
    checked: Boolean!
    subscribed: [String!]!
    "Topics the sync listens to that have no subscription."
    missing: [String!]!
    callbackUrls: [String!]!
    error: String
  }

  type WebhookRegistration {
    created: [String!]!
    kept: [String!]!
    "Subscriptions of ours that pointed at another URL, replaced."
    replaced: [String!]!
  }
`;
