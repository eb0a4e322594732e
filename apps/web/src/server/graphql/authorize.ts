import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context';

/** What a person or an API token may do, from least to most (the token's `roles` claim, or the API token's role). */
export type Role = 'viewer' | 'operator' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * Refuses a resolver to anyone below `needed`: viewers read; operators also act on the sync (retry, replay, resolve,
 * backfill); admins also change connections, mappings, settings, users and tokens. Every mutation calls it first.
 */
export function requireRole(context: Pick<GraphQLContext, 'role' | 'actor'>, needed: Role): void {
  const role = context.role ?? 'admin';
  if (RANK[role] >= RANK[needed]) return;
  throw new GraphQLError(`${context.actor} is a ${role}; this needs the ${needed} role.`, {
    extensions: { code: 'FORBIDDEN', needed, role },
  });
}
