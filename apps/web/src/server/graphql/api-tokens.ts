import { type ApiTokenSummary, createApiToken, inTransaction, recordAuditEvent, revokeApiToken } from '@shopverse/db';
import { listApiTokens } from '@shopverse/db';
import { GraphQLError } from 'graphql';
import { badInput, isUuid } from './attempts';
import { requireRole, type Role } from './authorize';
import type { GraphQLContext } from './context';

/** GraphQL's enum values name our roles; Apollo maps between them. */
const roleValues: Record<Uppercase<Role>, Role> = { VIEWER: 'viewer', OPERATOR: 'operator', ADMIN: 'admin' };

const MAX_NAME_LENGTH = 100;

function toApiToken(row: ApiTokenSummary) {
  return { ...row, prefix: row.tokenPrefix };
}

function notFound(id: string): GraphQLError {
  return new GraphQLError(`No API token ${id}; nothing was revoked.`, {
    extensions: { code: 'API_TOKEN_NOT_FOUND', id },
  });
}

async function create(
  _parent: unknown,
  args: { name: string; role: Role; expiresAt?: Date | null },
  context: GraphQLContext,
) {
  requireRole(context, 'admin');
  const name = args.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    throw badInput(`name must be 1 to ${MAX_NAME_LENGTH} characters, e.g. "power-bi".`, 'name');
  }
  if (args.expiresAt && args.expiresAt <= context.now) {
    throw badInput('expiresAt is in the past: a token that never works is no use.', 'expiresAt');
  }
  return inTransaction(context.db, async (tx) => {
    const created = await createApiToken(tx.db, {
      name,
      role: args.role,
      createdBy: context.actor,
      expiresAt: args.expiresAt ?? null,
      now: context.now,
    });
    // The token itself never goes into the trail: the prefix is enough to tell which one it was.
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'api_token.create',
      targetType: 'api_token',
      targetId: created.apiToken.id,
      details: {
        name,
        role: args.role,
        prefix: created.apiToken.tokenPrefix,
        expiresAt: args.expiresAt?.toISOString() ?? null,
      },
      occurredAt: context.now,
    });
    return { token: created.token, apiToken: toApiToken(created.apiToken) };
  });
}

async function revoke(_parent: unknown, args: { id: string }, context: GraphQLContext) {
  requireRole(context, 'admin');
  const id = args.id.trim().toLowerCase();
  if (!isUuid(id)) throw notFound(args.id);
  return inTransaction(context.db, async (tx) => {
    const revoked = await revokeApiToken(tx.db, id, context.now);
    if (!revoked) throw notFound(args.id);
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: revoked.id,
      details: { name: revoked.name, prefix: revoked.tokenPrefix },
      occurredAt: context.now,
    });
    return toApiToken(revoked);
  });
}

export const apiTokenResolvers = {
  Role: roleValues,
  Query: {
    me: (_parent: unknown, _args: unknown, context: GraphQLContext) => ({ actor: context.actor, role: context.role }),
    apiTokens: async (_parent: unknown, _args: unknown, context: GraphQLContext) => {
      requireRole(context, 'admin');
      return (await listApiTokens(context.db)).map(toApiToken);
    },
  },
  Mutation: { createApiToken: create, revokeApiToken: revoke },
};
