/**
 * The whole data model: tables, enums, row types and relations. drizzle-kit reads this file (`drizzle.config.ts`)
 * to generate migrations, and the client passes it to `drizzle()` for relational queries.
 */
export * from './enums';
export * from './stores';
export * from './crm-orgs';
export * from './store-connections';
export * from './mappings';
export * from './entity-links';
export * from './webhook-deliveries';
export * from './webhook-rejections';
export * from './sync-cursors';
export * from './crm-change-cursors';
export * from './sync-attempts';
export * from './merge-queue';
export * from './dead-letters';
export * from './audit-events';
export * from './api-tokens';
export * from './worker-heartbeats';
export * from './backfills';
export * from './api-call-stats';
export * from './order-facts';
export * from './relations';
