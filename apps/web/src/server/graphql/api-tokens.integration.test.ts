import { hashApiToken } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { describe, expect, it } from 'vitest';
import type { Role } from './authorize';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const NOW = new Date('2026-11-27T15:00:00.000Z');

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

const CREATE = `mutation ($name: String!, $role: Role!) {
  createApiToken(name: $name, role: $role) { token apiToken { id name prefix role createdBy revokedAt } }
}`;
const REVOKE = `mutation ($id: ID!) { revokeApiToken(id: $id) { id name revokedAt } }`;
const AUDIT = `query ($filter: AuditEventFilter) {
  auditEvents(first: 10, filter: $filter) { edges { node { actor actorRole action targetType targetId details } } }
}`;

describe('API tokens and the audit trail over GraphQL', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();

  const execute = async (
    as: { actor: string; role: Role },
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result> => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = { sql, db, ...as, now: NOW, workerStaleSeconds: 60 };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  const admin = { actor: 'ops@example.com', role: 'admin' as const };

  it('shows a new token once, stores only its hash, and records the creation without the token', async () => {
    // Action
    const created = await execute(admin, CREATE, { name: 'power-bi', role: 'VIEWER' });
    // Assertions
    expect(created.errors).toBeUndefined();
    const answer = created.data?.createApiToken as { token: string; apiToken: { id: string; prefix: string } };
    expect(answer.apiToken).toMatchObject({
      name: 'power-bi',
      role: 'VIEWER',
      createdBy: admin.actor,
      revokedAt: null,
    });
    expect(answer.token.startsWith(answer.apiToken.prefix)).toBe(true);
    const [row] = await database().sql`select token_hash from api_tokens where id = ${answer.apiToken.id}`;
    expect(row?.token_hash).toBe(hashApiToken(answer.token));
    const events = await database().sql`
      select actor, actor_role, action, details from audit_events where target_id = ${answer.apiToken.id}`;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: admin.actor, actor_role: 'admin', action: 'api_token.create' });
    expect(JSON.stringify(events[0])).not.toContain(answer.token);
  });

  it('refuses token management and the audit trail to operators and viewers with FORBIDDEN', async () => {
    // Action
    const refusals = await Promise.all([
      execute({ actor: 'op@example.com', role: 'operator' }, CREATE, { name: 'mine', role: 'ADMIN' }),
      execute({ actor: 'viewer@example.com', role: 'viewer' }, '{ apiTokens { id } }'),
      execute({ actor: 'op@example.com', role: 'operator' }, AUDIT),
    ]);
    // Assertions
    for (const refusal of refusals) {
      expect(refusal.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needed: 'admin' });
    }
    const rows = await database().sql`select id from api_tokens where name = 'mine'`;
    expect(rows).toHaveLength(0);
  });

  it('refuses a viewer every sync mutation, and lets an operator through to the resolver', async () => {
    // Setup
    const storeId = '00000000-0000-4000-8000-000000000000';
    const retry = `mutation { retryFailed(storeId: "${storeId}") { count } }`;
    // Action
    const viewer = await execute({ actor: 'viewer@example.com', role: 'viewer' }, retry);
    const operator = await execute({ actor: 'op@example.com', role: 'operator' }, retry);
    // Assertions
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', role: 'viewer', needed: 'operator' });
    // Past the role check: the resolver itself answers that there is no such store.
    expect(operator.errors?.[0]?.extensions?.code).toBe('STORE_NOT_FOUND');
  });

  it('revokes a token once, keeps it listed, and pages the audit trail newest first with filters', async () => {
    // Setup
    const created = await execute(admin, CREATE, { name: 'nightly-export', role: 'OPERATOR' });
    const { id } = (created.data?.createApiToken as { apiToken: { id: string } }).apiToken;
    // Action
    const revoked = await execute(admin, REVOKE, { id });
    const unknown = await execute(admin, REVOKE, { id: '00000000-0000-4000-8000-000000000001' });
    const listed = await execute(admin, '{ apiTokens { id name revokedAt } }');
    const trail = await execute(admin, AUDIT, { filter: { targetId: id } });
    // Assertions
    expect(revoked.data?.revokeApiToken).toEqual({ id, name: 'nightly-export', revokedAt: NOW.toISOString() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('API_TOKEN_NOT_FOUND');
    expect(listed.data?.apiTokens).toContainEqual({ id, name: 'nightly-export', revokedAt: NOW.toISOString() });
    const actions = (trail.data?.auditEvents as { edges: { node: { action: string } }[] }).edges.map(
      (edge) => edge.node.action,
    );
    expect(actions.sort()).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('pages the audit trail newest first by cursor, filtered by actor, and refuses a cursor it did not hand out', async () => {
    // Setup: three creations by one admin, a second apart, so the order is theirs.
    const paging = { actor: 'pager@example.com', role: 'admin' as const };
    const { sql, db } = database();
    for (const [index, name] of ['first', 'second', 'third'].entries()) {
      const at = new Date(NOW.getTime() + index * 1000);
      const contextValue: GraphQLContext = { sql, db, ...paging, now: at, workerStaleSeconds: 60 };
      await server.executeOperation({ query: CREATE, variables: { name, role: 'VIEWER' } }, { contextValue });
    }
    const page = `query ($after: String) {
      auditEvents(first: 2, after: $after, filter: { actor: "pager@example.com" }) {
        edges { node { details } } pageInfo { hasNextPage endCursor }
      }
    }`;
    type Page = {
      edges: { node: { details: { name: string } } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    // Action
    const one = (await execute(admin, page)).data?.auditEvents as Page;
    const two = (await execute(admin, page, { after: one.pageInfo.endCursor })).data?.auditEvents as Page;
    const bad = await execute(admin, page, { after: 'not-a-cursor' });
    // Assertions
    expect(one.edges.map((edge) => edge.node.details.name)).toEqual(['third', 'second']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect(two.edges.map((edge) => edge.node.details.name)).toEqual(['first']);
    expect(two.pageInfo.hasNextPage).toBe(false);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});
