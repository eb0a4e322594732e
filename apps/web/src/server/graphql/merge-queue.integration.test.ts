import { randomUUID } from 'node:crypto';
import { type ParkInput, parkAmbiguousMatch, upsertOpenDeadLetter, upsertStore } from '@shopverse/db';
import { crmOrgs } from '@shopverse/db/schema';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { type TestDatabase, useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const quiet = new Logger(() => () => undefined);
const ACTOR = 'ops@merge.test';
const NOW = new Date('2026-11-26T12:34:56.789Z');

const ITEM_FIELDS = `id storeId orgId shopifyType shopifyGid reason payload status resolvedBy resolvedAt correlationId
  createdAt resolution { kind crmId } candidates { crmTable crmId matchedOn confidence label }`;
const RESOLVE = `mutation ($id: ID!, $decision: MergeDecisionInput!) {
  resolveMerge(id: $id, decision: $decision) { ${ITEM_FIELDS} }
}`;
const LIST = `query ($storeId: ID, $status: MergeStatus, $first: Int, $after: String) {
  mergeQueue(storeId: $storeId, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes { ${ITEM_FIELDS} }
  }
}`;

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** A store and an org of their own, so each test sees only its own items and jobs. */
async function makeStore(database: TestDatabase) {
  const { db } = database;
  const store = await upsertStore(db, SecretBox.fromBase64(generateSecretKey()), {
    key: `s${randomUUID().slice(0, 8)}`.replace(/-/g, ''),
    shopDomain: `${randomUUID()}.myshopify.com`,
    name: 'Merge',
    apiVersion: '2025-01',
  });
  const [org] = await db
    .insert(crmOrgs)
    .values({ name: 'Org', url: `https://${randomUUID()}.crm.dynamics.com`, apiUrl: 'x', tenantId: 't', clientId: 'c' })
    .returning();
  if (!org) throw new Error('no org');
  const park = (overrides: Partial<ParkInput> = {}) =>
    parkAmbiguousMatch(db, {
      storeId: store.id,
      orgId: org.id,
      shopifyType: 'customer',
      shopifyGid: `gid://shopify/Customer/${Math.floor(Math.random() * 1e12)}`,
      reason: '2 contacts match on email',
      candidates: [
        { crmTable: 'contact', crmId: 'c-1', matchedOn: ['email', 'phone'], confidence: 0.9, label: 'Ada <a@x.test>' },
        // The shape of items parked before candidates carried every key.
        { crmTable: 'contact', crmId: 'c-2', matchedOn: 'email' },
      ],
      payload: { email: 'ada@example.com', tags: ['vip'] },
      correlationId: randomUUID(),
      ...overrides,
    });
  return { store, org, park };
}

function useGraphQL(database: () => TestDatabase) {
  const server = createGraphQLServer();
  afterAll(async () => {
    await server.stop();
  });
  return async (query: string, variables: Record<string, unknown>, actor = ACTOR): Promise<Result> => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = { sql, db, actor, now: NOW, workerStaleSeconds: 60, role: 'operator' };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
}

/** The audit events about one target, oldest first, as the audit trail keeps them. */
function auditEvents(database: TestDatabase, targetId: string) {
  return database.sql<
    {
      action: string;
      actor: string;
      actor_role: string;
      target_type: string;
      store_id: string | null;
      org_id: string | null;
      correlation_id: string | null;
      details: Record<string, unknown>;
    }[]
  >`select action, actor, actor_role, target_type, store_id, org_id, correlation_id, details
    from audit_events where target_id = ${targetId} order by occurred_at, id`;
}

describe('the merge queue over GraphQL', () => {
  const database = useTestDatabase();
  const execute = useGraphQL(database);

  beforeAll(async () => {
    // The test database has our migrations only; the jobs a decision adds need graphile-worker's schema.
    await runMigrations({ connectionString: database().url, logger: quiet });
  });

  const jobsWithKey = (key: string) =>
    database().sql<{ identifier: string; payload: unknown; key: string }[]>`
      select tasks.identifier, jobs.payload, jobs.key
      from graphile_worker._private_jobs jobs join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
      where jobs.key = ${key}`;
  const status = async (id: string) =>
    (await database().sql<{ status: string }[]>`select status::text from merge_queue where id = ${id}`)[0]?.status;
  const auditOf = (targetId: string) => auditEvents(database(), targetId);

  it('lists a store’s open items oldest first, a page at a time', async () => {
    // Setup: three open items, one decided, and one of another store.
    const { store, org, park } = await makeStore(database());
    const parked = [];
    for (let n = 0; n < 4; n += 1) parked.push(await park());
    await (await makeStore(database())).park();
    const [first, second, third, decided] = parked;
    if (!first || !second || !third || !decided) throw new Error('not parked');
    await execute(RESOLVE, { id: decided.id, decision: { kind: 'IGNORE' } });
    // Action
    const pageOne = await execute(LIST, { storeId: store.id, first: 2 });
    const pageOneData = pageOne.data as { mergeQueue: { pageInfo: { endCursor: string } } };
    const pageTwo = await execute(LIST, {
      storeId: store.id,
      first: 2,
      after: pageOneData.mergeQueue.pageInfo.endCursor,
    });
    const everyStatus = await execute(LIST, { storeId: store.id, status: null });
    // Assertions
    expect(pageOne.errors).toBeUndefined();
    expect(pageOne.data).toMatchObject({
      mergeQueue: {
        totalCount: 3,
        pageInfo: { hasNextPage: true },
        edges: [{ node: { id: first.id } }, { node: { id: second.id } }],
      },
    });
    expect(pageTwo.data).toMatchObject({
      mergeQueue: { totalCount: 3, pageInfo: { hasNextPage: false }, edges: [{ node: { id: third.id } }] },
    });
    const everything = (everyStatus.data as { mergeQueue: { nodes: { id: string; status: string }[] } }).mergeQueue;
    expect(everything.nodes.map((node) => [node.id, node.status])).toEqual([
      [first.id, 'OPEN'],
      [second.id, 'OPEN'],
      [third.id, 'OPEN'],
      [decided.id, 'DISMISSED'],
    ]);
    const [node] = (pageOne.data as { mergeQueue: { nodes: unknown[] } }).mergeQueue.nodes;
    expect(node).toEqual({
      id: first.id,
      storeId: store.id,
      orgId: org.id,
      shopifyType: 'CUSTOMER',
      shopifyGid: first.shopifyGid,
      reason: '2 contacts match on email',
      payload: { email: 'ada@example.com', tags: ['vip'] },
      status: 'OPEN',
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
      correlationId: first.correlationId,
      createdAt: first.createdAt.toISOString(),
      candidates: [
        { crmTable: 'contact', crmId: 'c-1', matchedOn: ['email', 'phone'], confidence: 0.9, label: 'Ada <a@x.test>' },
        { crmTable: 'contact', crmId: 'c-2', matchedOn: ['email'], confidence: null, label: null },
      ],
    });
  });

  it('refuses a cursor it did not hand out and a page too large', async () => {
    // Action
    const cursor = await execute(LIST, { after: 'bm90IGEgY3Vyc29y' });
    const large = await execute(LIST, { first: 10_000 });
    // Assertions
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(large.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('links to a candidate: the decision is stored with who made it, and the customer’s re-sync queued', async () => {
    // Setup
    const { store, park } = await makeStore(database());
    const item = await park();
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'LINK', crmId: 'c-2' } });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      resolveMerge: {
        id: item.id,
        status: 'RESOLVED',
        resolution: { kind: 'LINK', crmId: 'c-2' },
        resolvedBy: ACTOR,
        resolvedAt: NOW.toISOString(),
      },
    });
    const [row] = await database().sql<{ resolution: unknown; resolved_by: string }[]>`
      select resolution, resolved_by from merge_queue where id = ${item.id}`;
    expect(row).toEqual({ resolution: { kind: 'link', crmId: 'c-2' }, resolved_by: ACTOR });
    const key = `customer:${store.id}:${item.shopifyGid}`;
    expect(await jobsWithKey(key)).toEqual([
      {
        identifier: 'shopify_customer__sync',
        payload: { storeId: store.id, customerGid: item.shopifyGid, correlationId: item.correlationId },
        key,
      },
    ]);
    expect(await auditOf(item.id)).toEqual([
      {
        action: 'merge.resolve',
        actor: ACTOR,
        actor_role: 'operator',
        target_type: 'merge_queue',
        store_id: store.id,
        org_id: item.orgId,
        correlation_id: item.correlationId,
        details: { kind: 'link', crmId: 'c-2', shopifyType: 'customer', shopifyGid: item.shopifyGid },
      },
    ]);
  });

  it('sends the orders that gave up waiting for an undecided customer back to their sync once a person decides', async () => {
    // Setup: an order on the failed list because its customer was in the merge queue, and one failed for another reason.
    const { store, park } = await makeStore(database());
    const item = await park();
    const letter = (orderGid: string, errorCode: string) => ({
      storeId: store.id,
      taskIdentifier: 'shopify_order__sync',
      jobKey: `order:${store.id}:${orderGid}`,
      entity: 'order',
      shopifyGid: orderGid,
      payload: { storeId: store.id, orderGid, correlationId: item.correlationId, source: 'webhook' },
      correlationId: item.correlationId,
      errorClass: errorCode === 'order.customer_unresolved' ? ('dependency' as const) : ('permanent' as const),
      errorCode,
      errorMessage: `${errorCode}: see the merge queue`,
      attempts: 11,
      failedAt: NOW,
    });
    await upsertOpenDeadLetter(database().db, letter('gid://shopify/Order/1001', 'order.customer_unresolved'));
    await upsertOpenDeadLetter(database().db, letter('gid://shopify/Order/1002', 'order.totals_mismatch'));
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'CREATE' } });
    // Assertions: the waiting order is queued again in its chain; the other failure waits for its own fix.
    expect(result.errors).toBeUndefined();
    const [queued, ...more] = await jobsWithKey(`order:${store.id}:gid://shopify/Order/1001`);
    expect(more).toEqual([]);
    expect(queued?.identifier).toBe('shopify_order__sync');
    expect(queued?.payload).toMatchObject({ orderGid: 'gid://shopify/Order/1001', correlationId: item.correlationId });
    expect(await jobsWithKey(`order:${store.id}:gid://shopify/Order/1002`)).toEqual([]);
    const [retried] = await database().sql<{ id: string }[]>`
      select id from dead_letters where store_id = ${store.id} and error_code = 'order.customer_unresolved'`;
    expect((await auditOf(item.id)).map((event) => event.details)).toEqual([
      { kind: 'create', crmId: null, shopifyType: 'customer', shopifyGid: item.shopifyGid },
    ]);
    const retries = await database().sql<Record<string, unknown>[]>`
      select target_type, target_id, correlation_id, details, actor, store_id from audit_events
      where action = 'dead_letter.retry' and store_id = ${store.id}`;
    expect(retries).toEqual([
      {
        target_type: 'failure_group',
        target_id: 'order / order.customer_unresolved',
        correlation_id: item.correlationId,
        actor: ACTOR,
        store_id: store.id,
        details: {
          count: 1,
          group: { storeId: store.id, entity: 'order', errorCode: 'order.customer_unresolved' },
          ids: [retried?.id],
          cause: { action: 'merge.resolve', mergeItemId: item.id },
        },
      },
    ]);
  });

  it('creates: a company item is resolved and the company’s re-sync queued', async () => {
    // Setup
    const { store, park } = await makeStore(database());
    const item = await park({
      shopifyType: 'company',
      shopifyGid: 'gid://shopify/Company/77',
      candidates: [{ crmTable: 'account', crmId: 'a-1', matchedOn: ['name'], confidence: 0.5, label: 'Acme' }],
    });
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'CREATE' } });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      resolveMerge: { shopifyType: 'COMPANY', status: 'RESOLVED', resolution: { kind: 'CREATE', crmId: null } },
    });
    const key = `company:${store.id}:gid://shopify/Company/77`;
    expect(await jobsWithKey(key)).toEqual([
      {
        identifier: 'shopify_company__sync',
        payload: { storeId: store.id, companyGid: 'gid://shopify/Company/77', correlationId: item.correlationId },
        key,
      },
    ]);
  });

  it('ignores: the item is dismissed, and the re-sync queued to read that', async () => {
    // Setup
    const { store, park } = await makeStore(database());
    const item = await park();
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'IGNORE' } });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ resolveMerge: { status: 'DISMISSED', resolution: { kind: 'IGNORE' } } });
    expect(await jobsWithKey(`customer:${store.id}:${item.shopifyGid}`)).toHaveLength(1);
  });

  it('refuses a link to a row that is not a candidate: the item stays open and nothing is queued', async () => {
    // Setup
    const { store, park } = await makeStore(database());
    const item = await park();
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'LINK', crmId: 'c-9' } });
    // Assertions
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/c-9 is not one of the candidates .*\(c-1, c-2\)/);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'MERGE_NOT_A_CANDIDATE',
      candidates: ['c-1', 'c-2'],
      correlationId: item.correlationId,
    });
    expect(await status(item.id)).toBe('open');
    expect(await jobsWithKey(`customer:${store.id}:${item.shopifyGid}`)).toEqual([]);
    expect(await auditOf(item.id)).toEqual([]);
  });

  it('refuses a second decision and says who made the first, which stands', async () => {
    // Setup
    const { park } = await makeStore(database());
    const item = await park();
    await execute(RESOLVE, { id: item.id, decision: { kind: 'LINK', crmId: 'c-1' } }, 'first@merge.test');
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'CREATE' } }, 'second@merge.test');
    // Assertions
    expect(result.errors?.[0]?.message).toBe(`Merge queue item ${item.id} was already resolved by first@merge.test.`);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'MERGE_ALREADY_DECIDED',
      status: 'RESOLVED',
      resolvedBy: 'first@merge.test',
      resolvedAt: NOW.toISOString(),
    });
    const [row] = await database().sql<
      { resolution: unknown }[]
    >`select resolution from merge_queue where id = ${item.id}`;
    expect(row?.resolution).toEqual({ kind: 'link', crmId: 'c-1' });
    expect((await auditOf(item.id)).map((event) => [event.actor, event.details.kind])).toEqual([
      ['first@merge.test', 'link'],
    ]);
  });

  it('refuses LINK without a crmId, and a crmId with anything but LINK, before touching the item', async () => {
    // Setup
    const { store, park } = await makeStore(database());
    const item = await park();
    // Action
    const withoutId = await execute(RESOLVE, { id: item.id, decision: { kind: 'LINK' } });
    const blankId = await execute(RESOLVE, { id: item.id, decision: { kind: 'LINK', crmId: ' ' } });
    const createWithId = await execute(RESOLVE, { id: item.id, decision: { kind: 'CREATE', crmId: 'c-1' } });
    // Assertions
    for (const result of [withoutId, blankId]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe('LINK needs crmId: the id of the candidate the record is.');
    }
    expect(createWithId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(createWithId.errors?.[0]?.message).toMatch(/crmId is only for LINK; CREATE takes none/);
    expect(await status(item.id)).toBe('open');
    expect(await jobsWithKey(`customer:${store.id}:${item.shopifyGid}`)).toEqual([]);
  });

  it('says MERGE_NOT_FOUND for an id that is no item', async () => {
    // Action
    const unknown = await execute(RESOLVE, { id: randomUUID(), decision: { kind: 'CREATE' } });
    const malformed = await execute(RESOLVE, { id: 'not-a-uuid', decision: { kind: 'CREATE' } });
    // Assertions
    expect(unknown.errors?.[0]?.extensions?.code).toBe('MERGE_NOT_FOUND');
    expect(malformed.errors?.[0]?.extensions?.code).toBe('MERGE_NOT_FOUND');
  });
});

describe('a merge decision whose job cannot be queued', () => {
  // A database without graphile-worker's schema: adding the job fails.
  const database = useTestDatabase();
  const execute = useGraphQL(database);

  it('is not recorded either: the item stays open for the person to decide again', async () => {
    // Setup
    const { park } = await makeStore(database());
    const item = await park();
    // Action
    const result = await execute(RESOLVE, { id: item.id, decision: { kind: 'CREATE' } });
    // Assertions
    expect(result.errors?.[0]?.message).toMatch(/graphile_worker/);
    const [row] = await database().sql<{ status: string; resolved_by: string | null }[]>`
      select status::text, resolved_by from merge_queue where id = ${item.id}`;
    expect(row).toEqual({ status: 'open', resolved_by: null });
    expect(await auditEvents(database(), item.id)).toEqual([]);
  });
});
