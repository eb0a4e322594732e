import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../client';
import { type ApiToken, apiTokens, type ApiTokenRole } from '../schema';

/**
 * Personal API tokens for the GraphQL API (reporting tools, scripts). Only the SHA-256 of a token is stored, so a
 * leaked database does not leak working tokens; the token itself is returned once, by {@link createApiToken}.
 */

/** Every token starts with this, so secret scanners and people can tell a Shopverse token apart. */
export const API_TOKEN_PREFIX = 'svt_';
/** How many leading characters are kept for display: the marker and 8 random ones, too few to guess the rest. */
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
/** `last_used_at` is approximate (see the schema): one write a minute per token, not one per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** Lower-case hex SHA-256 of a token, the lookup key in `api_tokens.token_hash`. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token: the marker and 32 random bytes (256 bits, so a plain hash without salt is safe to store). */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** A token as lists show it: never the hash, never the token. */
export type ApiTokenSummary = Omit<ApiToken, 'tokenHash'>;

function summary(row: ApiToken): ApiTokenSummary {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

/** Makes a token; the answer's `token` is the only time anyone sees it. */
export async function createApiToken(
  db: Database,
  input: { name: string; role: ApiTokenRole; createdBy: string; expiresAt?: Date | null; now: Date },
): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  const token = generateApiToken();
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      role: input.role,
      tokenHash: hashApiToken(token),
      tokenPrefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
      createdBy: input.createdBy,
      createdAt: input.now,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error(`Creating the API token ${input.name} returned no row.`);
  return { token, apiToken: summary(row) };
}

/** Every token, newest first, revoked ones included (the audit trail names them). */
export async function listApiTokens(db: Database): Promise<ApiTokenSummary[]> {
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(summary);
}

/**
 * Revokes a token: it stops working at once and stays listed. Undefined for an unknown id; a token revoked before
 * keeps its first revocation time.
 */
export async function revokeApiToken(db: Database, id: string, now: Date): Promise<ApiTokenSummary | undefined> {
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  if (revoked) return summary(revoked);
  const [existing] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return existing ? summary(existing) : undefined;
}

/**
 * The live token a request presents (not revoked, not expired at `now`), or undefined. Marks it used, at most once
 * a minute.
 */
export async function authenticateApiToken(
  db: Database,
  token: string,
  now: Date,
): Promise<Pick<ApiToken, 'id' | 'name' | 'role'> | undefined> {
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return undefined;
  const stale = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
  if (!row.lastUsedAt || row.lastUsedAt < stale) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  }
  return { id: row.id, name: row.name, role: row.role };
}
