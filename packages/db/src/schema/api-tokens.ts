import { sql } from 'drizzle-orm';
import { check, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz } from './columns';
import { apiTokenRole } from './enums';
import { crmOrgs } from './crm-orgs';
import { stores } from './stores';

/**
 * Bearer tokens for the GraphQL API (reporting tools, scripts). Only the SHA-256 of a token is stored; the token
 * is shown once, when it is created. Scope: one store, one org, or (both null) every store.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    /** Shown in the console and recorded as `audit_events.actor`, e.g. `power-bi`. */
    name: text('name').notNull(),
    /** Lower-case hex SHA-256 of the token: the lookup key on every request. */
    tokenHash: text('token_hash').notNull().unique('api_tokens_token_hash_key'),
    /** The first characters of the token, so a person can tell tokens apart. */
    tokenPrefix: text('token_prefix').notNull(),
    role: apiTokenRole('role').notNull(),
    /** Org scope: the token sees the stores connected to this org. Deleted with the org. */
    orgId: uuid('org_id').references(() => crmOrgs.id, { onDelete: 'cascade' }),
    /** Store scope: the token sees this store only. Deleted with the store. */
    storeId: uuid('store_id').references(() => stores.id, { onDelete: 'cascade' }),
    /** User email that created it. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    /** Approximate: writers may update it at most about once a minute, not on every request. */
    lastUsedAt: timestamptz('last_used_at'),
    /** Null: does not expire. */
    expiresAt: timestamptz('expires_at'),
    /** Set instead of deleting, so that the audit trail still resolves the name. */
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    check('api_tokens_token_hash_format', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('api_tokens_one_scope', sql`num_nonnulls(${t.orgId}, ${t.storeId}) <= 1`),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;
