import { relations } from 'drizzle-orm';
import { apiTokens } from './api-tokens';
import { auditEvents } from './audit-events';
import { crmOrgs } from './crm-orgs';
import { deadLetters } from './dead-letters';
import { entityLinks } from './entity-links';
import { mappings } from './mappings';
import { mergeQueue } from './merge-queue';
import { orderFacts } from './order-facts';
import { storeConnections } from './store-connections';
import { stores } from './stores';
import { syncAttempts } from './sync-attempts';
import { syncCursors } from './sync-cursors';
import { webhookDeliveries } from './webhook-deliveries';

/**
 * Relations for drizzle's relational queries (`db.query.stores.findFirst({ with: { connections: true } })`).
 * Kept in one file so that table files import only their parents and never each other in a cycle.
 */

export const storesRelations = relations(stores, ({ many }) => ({
  connections: many(storeConnections),
  mappings: many(mappings),
  entityLinks: many(entityLinks),
  webhookDeliveries: many(webhookDeliveries),
  syncCursors: many(syncCursors),
  syncAttempts: many(syncAttempts),
  mergeQueue: many(mergeQueue),
  deadLetters: many(deadLetters),
  auditEvents: many(auditEvents),
  apiTokens: many(apiTokens),
  orderFacts: many(orderFacts),
}));

export const crmOrgsRelations = relations(crmOrgs, ({ many }) => ({
  connections: many(storeConnections),
  entityLinks: many(entityLinks),
  syncAttempts: many(syncAttempts),
  mergeQueue: many(mergeQueue),
  auditEvents: many(auditEvents),
  apiTokens: many(apiTokens),
  orderFacts: many(orderFacts),
}));

export const storeConnectionsRelations = relations(storeConnections, ({ one }) => ({
  store: one(stores, { fields: [storeConnections.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [storeConnections.orgId], references: [crmOrgs.id] }),
}));

export const mappingsRelations = relations(mappings, ({ one }) => ({
  store: one(stores, { fields: [mappings.storeId], references: [stores.id] }),
}));

export const entityLinksRelations = relations(entityLinks, ({ one }) => ({
  store: one(stores, { fields: [entityLinks.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [entityLinks.orgId], references: [crmOrgs.id] }),
}));

export const webhookDeliveriesRelations = relations(webhookDeliveries, ({ one }) => ({
  store: one(stores, { fields: [webhookDeliveries.storeId], references: [stores.id] }),
}));

export const syncCursorsRelations = relations(syncCursors, ({ one }) => ({
  store: one(stores, { fields: [syncCursors.storeId], references: [stores.id] }),
}));

export const syncAttemptsRelations = relations(syncAttempts, ({ one }) => ({
  store: one(stores, { fields: [syncAttempts.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [syncAttempts.orgId], references: [crmOrgs.id] }),
}));

export const mergeQueueRelations = relations(mergeQueue, ({ one }) => ({
  store: one(stores, { fields: [mergeQueue.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [mergeQueue.orgId], references: [crmOrgs.id] }),
}));

export const deadLettersRelations = relations(deadLetters, ({ one }) => ({
  store: one(stores, { fields: [deadLetters.storeId], references: [stores.id] }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  store: one(stores, { fields: [auditEvents.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [auditEvents.orgId], references: [crmOrgs.id] }),
}));

export const apiTokensRelations = relations(apiTokens, ({ one }) => ({
  store: one(stores, { fields: [apiTokens.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [apiTokens.orgId], references: [crmOrgs.id] }),
}));

export const orderFactsRelations = relations(orderFacts, ({ one }) => ({
  store: one(stores, { fields: [orderFacts.storeId], references: [stores.id] }),
  org: one(crmOrgs, { fields: [orderFacts.orgId], references: [crmOrgs.id] }),
}));
