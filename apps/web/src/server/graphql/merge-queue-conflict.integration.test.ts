import { randomUUID } from 'node:crypto';
import { parkAmbiguousMatch, saveLink, upsertStore } from '@shopverse/db';
import { crmOrgs } from '@shopverse/db/schema';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { type TestDatabase, useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from './authorize';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const quiet = new Logger(() => () => undefined);
const ACTOR = 'ops@conflict.test';
const NOW = new Date('2026-11-27T10:00:00.000Z');
const CONTACT = '6f1f4a52-3c1e-4b7e-9d1a-0c2b3a4d5e6f';

const ITEM_FIELDS = `id kind status resolvedBy resolution { kind crmId }
  conflict { fields { field crm shopify } crmModifiedOn shopifyUpdatedAt }`;
const RESOLVE = `mutation ($id: ID!, $decision: MergeDecisionInput!) {
  resolveMerge(id: $id, decision: $decision) { ${ITEM_FIELDS} }
}`;
const LIST = `query ($storeId: ID) { mergeQueue(storeId: $storeId) { nodes { ${ITEM_FIELDS} } } }`;

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * A store and org of their own with a linked customer whose email and address were edited on both sides, parked as
 * `crm_changes__poll` parks it under policy `ask` (the payload's shape as in apps/worker/src/sync/crm-changes.ts).
 */
async function seedConflict(database: TestDatabase) {
  const { db } = database;
  const store = await upsertStore(db, SecretBox.fromBase64(generateSecretKey()), {
    key: `c${randomUUID().slice(0, 8)}`,
    shopDomain: `${randomUUID()}.myshopify.com`,
    name: 'Conflict',
    apiVersion: '2025-01',
  });
  const [org] = await db
    .insert(crmOrgs)
    .values({ name: 'Org', url: `https://${randomUUID()}.crm.dynamics.com`, apiUrl: 'x', tenantId: 't', clientId: 'c' })
    .returning();
  if (!org) throw new Error('no org');
  const shopifyGid = `gid://shopify/Customer/${Math.floor(Math.random() * 1e12)}`;
  const correlationId = randomUUID();
  const link = await saveLink(db, {
    storeId: store.id,
    shopifyType: 'customer',
    shopifyGid,
    orgId: org.id,
    crmTable: 'contact',
    crmId: CONTACT,
    shopifyUpdatedAt: new Date('2026-11-27T08:00:00Z'),
    contentHash: 'h',
    writtenValues: { emailaddress1: 'old@example.com', address1_line1: '1 Old Road' },
    correlationId,
    now: NOW,
  });
  const item = await parkAmbiguousMatch(db, {
    storeId: store.id,
    orgId: org.id,
    shopifyType: 'customer',
    shopifyGid,
    reason: 'two-way conflict: email, address edited in the CRM and in Shopify since the last sync',
    candidates: [{ crmTable: 'contact', crmId: CONTACT, matchedOn: ['linkedId'] }],
    payload: {
      kind: 'twoWayConflict',
      fields: [
        {
          field: 'email',
          crm: { emailaddress1: 'crm@example.com' },
          shopify: { emailaddress1: 'shop@example.com' },
          lastWritten: { emailaddress1: 'old@example.com' },
        },
        {
          field: 'address',
          crm: { address1_line1: '2 CRM Road', address1_city: 'Oslo' },
          shopify: { address1_line1: '3 Shopify Street', address1_city: 'Oslo' },
          lastWritten: { address1_line1: '1 Old Road', address1_city: 'Oslo' },
        },
      ],
      crmModifiedOn: '2026-11-27T09:30:00Z',
      shopifyUpdatedAt: '2026-11-27T09:00:00Z',
    },
    correlationId,
  });
  return { store, org, link, item };
}

describe('two-way conflicts in the merge queue over GraphQL', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  afterAll(async () => {
    await server.stop();
  });

  beforeAll(async () => {
    // The test database has our migrations only; the jobs a decision adds need graphile-worker's schema.
    await runMigrations({ connectionString: database().url, logger: quiet });
  });

  const execute = async (
    query: string,
    variables: Record<string, unknown>,
    role: Role = 'operator',
  ): Promise<Result> => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = { sql, db, actor: ACTOR, now: NOW, workerStaleSeconds: 60, role };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  const jobsOf = (storeId: string) =>
    database().sql<{ identifier: string; payload: Record<string, unknown>; key: string }[]>`
      select tasks.identifier, jobs.payload, jobs.key
      from graphile_worker._private_jobs jobs join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
      where jobs.payload->>'storeId' = ${storeId}`;
  const auditOf = (targetId: string) =>
    database().sql<{ action: string; actor: string; details: Record<string, unknown> }[]>`
      select action, actor, details from audit_events where target_id = ${targetId}`;

  it('shows a conflict with its kind and both sides’ values, field by field', async () => {
    // Setup
    const { store } = await seedConflict(database());
    // Action
    const result = await execute(LIST, { storeId: store.id });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      mergeQueue: {
        nodes: [
          {
            kind: 'TWO_WAY_CONFLICT',
            status: 'OPEN',
            resolution: null,
            conflict: {
              fields: [
                {
                  field: 'EMAIL',
                  crm: { emailaddress1: 'crm@example.com' },
                  shopify: { emailaddress1: 'shop@example.com' },
                },
                {
                  field: 'ADDRESS',
                  crm: { address1_line1: '2 CRM Road', address1_city: 'Oslo' },
                  shopify: { address1_line1: '3 Shopify Street', address1_city: 'Oslo' },
                },
              ],
              crmModifiedOn: '2026-11-27T09:30:00.000Z',
              shopifyUpdatedAt: '2026-11-27T09:00:00.000Z',
            },
          },
        ],
      },
    });
  });

  it('keeps the CRM’s values: the item is resolved, audited, and the push to Shopify queued', async () => {
    // Setup
    const { store, item } = await seedConflict(database());
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'KEEP_CRM' } });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ resolveMerge: { id: item.id, status: 'RESOLVED', resolvedBy: ACTOR } });
    expect(await jobsOf(store.id)).toEqual([
      {
        identifier: 'shopify_customer__push',
        key: `push:${store.id}:${item.shopifyGid}`,
        payload: {
          storeId: store.id,
          customerGid: item.shopifyGid,
          crmId: CONTACT,
          fields: ['email', 'address'],
          correlationId: item.correlationId,
          source: 'merge',
        },
      },
    ]);
    expect(await auditOf(item.id)).toEqual([
      {
        action: 'merge.resolve',
        actor: ACTOR,
        details: {
          kind: 'keep_crm',
          crmId: null,
          shopifyType: 'customer',
          shopifyGid: item.shopifyGid,
          queued: 'shopify_customer__push',
          fields: ['EMAIL', 'ADDRESS'],
        },
      },
    ]);
  });

  it('keeps Shopify’s values: the CRM’s are adopted as ours and the customer sync queued', async () => {
    // Setup
    const { store, item, link } = await seedConflict(database());
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'KEEP_SHOPIFY' } });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ resolveMerge: { id: item.id, status: 'RESOLVED' } });
    expect(await jobsOf(store.id)).toEqual([
      {
        identifier: 'shopify_customer__sync',
        key: `customer:${store.id}:${item.shopifyGid}`,
        payload: {
          storeId: store.id,
          customerGid: item.shopifyGid,
          correlationId: item.correlationId,
          source: 'merge',
        },
      },
    ]);
    const [written] = await database().sql<{ written_values: Record<string, unknown>; content_hash: string | null }[]>`
      select written_values, content_hash from entity_links where id = ${link.id}`;
    expect(written).toEqual({
      written_values: { emailaddress1: 'crm@example.com', address1_line1: '2 CRM Road', address1_city: 'Oslo' },
      content_hash: null,
    });
    expect((await auditOf(item.id))[0]?.details).toMatchObject({
      kind: 'keep_shopify',
      queued: 'shopify_customer__sync',
    });
  });

  it('refuses a link on a conflict and a side kept on an ambiguous match, recording nothing', async () => {
    // Setup
    const { store, org, item } = await seedConflict(database());
    const ambiguous = await parkAmbiguousMatch(database().db, {
      storeId: store.id,
      orgId: org.id,
      shopifyType: 'customer',
      shopifyGid: `gid://shopify/Customer/${Math.floor(Math.random() * 1e12)}`,
      reason: '2 contacts match on email',
      candidates: [{ crmTable: 'contact', crmId: 'c-1', matchedOn: ['email'] }],
      payload: { email: 'ada@example.com' },
      correlationId: randomUUID(),
    });
    // Action
    const link = await execute(RESOLVE, { id: item.id, decision: { kind: 'LINK', crmId: CONTACT } });
    const keep = await execute(RESOLVE, { id: ambiguous.id, decision: { kind: 'KEEP_CRM' } });
    const missing = await execute(RESOLVE, { id: randomUUID(), decision: { kind: 'KEEP_CRM' } });
    const listed = await execute(LIST, { storeId: store.id });
    // Assertions
    expect(link.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'decision.kind' });
    expect(link.errors?.[0]?.message).toContain('decide it with KEEP_CRM or KEEP_SHOPIFY');
    expect(keep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'decision.kind' });
    expect(keep.errors?.[0]?.message).toContain('decide it with LINK, CREATE or IGNORE');
    expect(missing.errors?.[0]?.extensions?.code).toBe('MERGE_NOT_FOUND');
    expect(listed.data).toMatchObject({
      mergeQueue: {
        nodes: [
          { id: item.id, kind: 'TWO_WAY_CONFLICT', status: 'OPEN' },
          { id: ambiguous.id, kind: 'AMBIGUOUS_MATCH', status: 'OPEN', conflict: null },
        ],
      },
    });
    expect(await jobsOf(store.id)).toEqual([]);
    expect([...(await auditOf(item.id)), ...(await auditOf(ambiguous.id))]).toEqual([]);
  });

  it('refuses a viewer’s decision on a conflict, recording nothing', async () => {
    // Setup
    const { store, item } = await seedConflict(database());
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'KEEP_SHOPIFY' } }, 'viewer');
    // Assertions
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await jobsOf(store.id)).toEqual([]);
    expect(await auditOf(item.id)).toEqual([]);
    const [row] = await database().sql<
      { status: string }[]
    >`select status::text from merge_queue where id = ${item.id}`;
    expect(row?.status).toBe('open');
  });
});
