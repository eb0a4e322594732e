import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context';

/** What a person or an API token may do, from least to most (the token's `roles` claim, or the API token's role). */
export type Role = 'viewer' | 'operator' | 'admin';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The role an ID token's `roles` claim grants: the highest app role we know, or undefined when it names none (Entra
 * sends only the roles assigned to the user; unknown ones, from another app's manifest, grant nothing).
 */
export function roleFromClaim(claim: unknown): Role | undefined {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  return names
    .filter(isRole)
    .reduce<Role | undefined>((best, role) => (!best || RANK[role] > RANK[best] ? role : best), undefined);
}

/**
 * Refuses a resolver to anyone below `needed`: viewers read; operators also act on the sync (retry, replay, resolve,
 * backfill); admins also change connections, mappings, settings, users and tokens. Every mutation calls it first.
 */
export function requireRole(context: Pick<GraphQLContext, 'role' | 'actor'>, needed: Role): void {
  if (RANK[context.role] >= RANK[needed]) return;
  throw new GraphQLError(`${context.actor} is a ${context.role}; this needs the ${needed} role.`, {
    extensions: { code: 'FORBIDDEN', needed, role: context.role },
  });
}
