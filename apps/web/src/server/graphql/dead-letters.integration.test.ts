import { randomUUID } from 'node:crypto';
import {
  type OpenDeadLetter,
  recordAttempt,
  resolveDeadLetters,
  storeDelivery,
  upsertOpenDeadLetter,
  upsertStore,
} from '@shopverse/db';
import type { NewSyncAttempt } from '@shopverse/db/schema';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { type TestDatabase, useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const quiet = new Logger(() => () => undefined);
const ACTOR = 'ops@retry.test';
const NOW = new Date('2026-11-27T08:00:00.000Z');

const ATTEMPT_FIELDS = `id correlationId storeId entity shopifyGid orderName email crmId direction outcome errorClass
  errorCode errorMessage request response attempt source dryRun startedAt`;
const SEARCH = `query ($filter: SyncAttemptFilter, $first: Int, $after: String) {
  syncAttempts(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes { ${ATTEMPT_FIELDS} }
  }
}`;
const CHAIN = `query ($id: ID!) { correlationChain(correlationId: $id) { ${ATTEMPT_FIELDS} } }`;
const LETTER_FIELDS = `id storeId task jobKey entity shopifyGid correlationId errorClass errorCode errorMessage attempts
  status replayedBy replayedAt resolvedAt`;
const LETTERS = `query ($filter: DeadLetterFilter, $first: Int, $after: String) {
  deadLetters(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${LETTER_FIELDS} }
  }
}`;
const GROUPS = `query ($storeId: ID) {
  failureGroups(storeId: $storeId) { errorCode errorClass count entities latestMessage }
}`;
const QUEUED = `count queued { deadLetterId jobId task jobKey correlationId storeId entity shopifyGid }`;
const RETRY = `mutation ($ids: [ID!]!) { retryDeadLetters(ids: $ids) { ${QUEUED} } }`;
const RETRY_FAILED = `mutation ($storeId: ID!, $entity: String, $errorCode: String) {
  retryFailed(storeId: $storeId, entity: $entity, errorCode: $errorCode) { ${QUEUED} }
}`;
const REPLAY = `mutation ($id: ID!) { replayDelivery(deliveryId: $id) { deliveryId jobId correlationId storeId topic } }`;

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

function useGraphQL(database: () => TestDatabase) {
  const server = createGraphQLServer();
  afterAll(async () => {
    await server.stop();
  });
  return async (query: string, variables: Record<string, unknown>): Promise<Result> => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = { sql, db, actor: ACTOR, now: NOW, workerStaleSeconds: 60, role: 'operator' };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
}

async function makeStore(database: TestDatabase) {
  return upsertStore(database.db, SecretBox.fromBase64(generateSecretKey()), {
    key: `s${randomUUID().slice(0, 8)}`,
    shopDomain: `${randomUUID()}.myshopify.com`,
    name: 'Retry',
    apiVersion: '2025-01',
  });
}

const orderGid = () => `gid://shopify/Order/${Math.floor(Math.random() * 1e12)}`;

describe('the sync log over GraphQL', () => {
  const database = useTestDatabase();
  const execute = useGraphQL(database);

  it('finds attempts by order name, email, Shopify id and CRM id, newest first, a page at a time', async () => {
    // Setup: one order's chain of three attempts, and another order's attempt that must not be found.
    const store = await makeStore(database());
    const correlationId = randomUUID();
    const crmId = randomUUID();
    const base = {
      correlationId,
      storeId: store.id,
      entity: 'order',
      shopifyGid: 'gid://shopify/Order/5000000000000000123',
      orderName: '#1001',
      email: 'Ada@Example.com',
      direction: 'shopify_to_crm',
      source: 'webhook',
    } satisfies Partial<NewSyncAttempt>;
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 7, minute));
    const first = await recordAttempt(database().db, {
      ...base,
      outcome: 'retrying',
      errorClass: 'transient',
      errorCode: 'dataverse.unavailable',
      errorMessage: 'Dataverse GET contacts: HTTP 503',
      response: { status: 503, error: 'Dataverse GET contacts: HTTP 503' },
      attempt: 1,
      startedAt: at(1),
    });
    const second = await recordAttempt(database().db, {
      ...base,
      outcome: 'created',
      crmId,
      attempt: 2,
      startedAt: at(2),
    });
    const third = await recordAttempt(database().db, {
      ...base,
      outcome: 'unchanged',
      crmId,
      attempt: 3,
      startedAt: at(3),
    });
    await recordAttempt(database().db, {
      ...base,
      correlationId: randomUUID(),
      shopifyGid: 'gid://shopify/Order/7',
      orderName: '#1002',
      email: 'bob@example.com',
      outcome: 'created',
      startedAt: at(4),
    });

    // Action
    const byName = await execute(SEARCH, { filter: { storeId: store.id, orderName: '1001' }, first: 2 });
    const cursor = (byName.data as { syncAttempts: { pageInfo: { endCursor: string } } }).syncAttempts.pageInfo
      .endCursor;
    const nextPage = await execute(SEARCH, {
      filter: { storeId: store.id, orderName: '#1001' },
      first: 2,
      after: cursor,
    });
    const byEmail = await execute(SEARCH, { filter: { email: 'ADA@example.COM', outcomes: ['RETRYING'] } });
    const byLegacyId = await execute(SEARCH, { filter: { shopifyId: '5000000000000000123' } });
    const byCrmId = await execute(SEARCH, { filter: { crmId } });
    const inWindow = await execute(SEARCH, { filter: { storeId: store.id, from: at(2), to: at(3) } });

    // Assertions
    const ids = (result: Result) =>
      (result.data as { syncAttempts: { nodes: { id: string }[] } }).syncAttempts.nodes.map((node) => node.id);
    expect(byName.errors).toBeUndefined();
    expect(ids(byName)).toEqual([third.id, second.id]);
    expect(byName.data).toMatchObject({ syncAttempts: { pageInfo: { hasNextPage: true } } });
    expect(ids(nextPage)).toEqual([first.id]);
    expect(nextPage.data).toMatchObject({ syncAttempts: { pageInfo: { hasNextPage: false } } });
    expect(ids(byEmail)).toEqual([first.id]);
    expect(byEmail.data).toMatchObject({
      syncAttempts: {
        nodes: [
          {
            email: 'ada@example.com',
            outcome: 'RETRYING',
            errorClass: 'TRANSIENT',
            errorCode: 'dataverse.unavailable',
            response: { status: 503 },
            direction: 'SHOPIFY_TO_CRM',
            source: 'webhook',
            dryRun: false,
          },
        ],
      },
    });
    expect(ids(byLegacyId)).toEqual([third.id, second.id, first.id]);
    expect(ids(byCrmId)).toEqual([third.id, second.id]);
    expect(ids(inWindow)).toEqual([second.id]);
  });

  it('tells the whole chain of one correlation id, oldest first, and nothing of other chains', async () => {
    // Setup
    const store = await makeStore(database());
    const correlationId = randomUUID();
    const gid = orderGid();
    const attempts = [];
    for (const [minute, outcome] of [
      [5, 'failed'],
      [3, 'retrying'],
      [9, 'created'],
    ] as const) {
      attempts.push(
        await recordAttempt(database().db, {
          correlationId,
          storeId: store.id,
          entity: 'order',
          shopifyGid: gid,
          direction: 'shopify_to_crm',
          outcome,
          startedAt: new Date(Date.UTC(2026, 10, 27, 6, minute)),
        }),
      );
    }
    await recordAttempt(database().db, {
      correlationId: randomUUID(),
      storeId: store.id,
      entity: 'order',
      shopifyGid: gid,
      direction: 'shopify_to_crm',
      outcome: 'unchanged',
    });

    // Action
    const chain = await execute(CHAIN, { id: correlationId });
    const unknown = await execute(CHAIN, { id: randomUUID() });
    const malformed = await execute(CHAIN, { id: 'not-a-uuid' });

    // Assertions
    expect(chain.errors).toBeUndefined();
    expect((chain.data as { correlationChain: { outcome: string }[] }).correlationChain.map((a) => a.outcome)).toEqual([
      'RETRYING',
      'FAILED',
      'CREATED',
    ]);
    expect(unknown.data).toEqual({ correlationChain: [] });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'correlationId' });
  });

  it('refuses a filter it cannot read, naming the argument', async () => {
    // Action
    const badCrmId = await execute(SEARCH, { filter: { crmId: 'contact-1' } });
    const badShopifyId = await execute(SEARCH, { filter: { shopifyId: 'Order 12' } });
    const badCursor = await execute(SEARCH, { after: 'nonsense' });
    const badWindow = await execute(SEARCH, { filter: { from: NOW, to: NOW } });
    const tooMany = await execute(SEARCH, { first: 201 });

    // Assertions
    expect(badCrmId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.crmId' });
    expect(badShopifyId.errors?.[0]?.extensions).toMatchObject({ argument: 'filter.shopifyId' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ argument: 'after' });
    expect(badWindow.errors?.[0]?.extensions).toMatchObject({ argument: 'filter.from' });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ argument: 'first' });
  });
});

describe('the failed list over GraphQL', () => {
  const database = useTestDatabase();
  const execute = useGraphQL(database);

  beforeAll(async () => {
    // The test database has our migrations only; the jobs a retry adds need graphile-worker's schema.
    await runMigrations({ connectionString: database().url, logger: quiet });
  });

  const jobsWithKey = (key: string) =>
    database().sql<{ identifier: string; payload: Record<string, unknown> }[]>`
      select tasks.identifier, jobs.payload
      from graphile_worker._private_jobs jobs join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
      where jobs.key = ${key}`;

  /** The audit events of one action and store; every request here shares one clock, so ordered by target. */
  const auditOf = (action: string, storeId: string) =>
    database().sql<Record<string, unknown>[]>`
      select actor, actor_role, target_type, target_id, store_id, correlation_id, details from audit_events
      where action = ${action} and store_id = ${storeId} order by target_type, target_id`;

  const letterOf = (storeId: string, overrides: Partial<OpenDeadLetter> = {}): OpenDeadLetter => {
    const gid = orderGid();
    const correlationId = randomUUID();
    return {
      storeId,
      taskIdentifier: 'shopify_order__sync',
      jobKey: `order:${storeId}:${gid}`,
      entity: 'order',
      shopifyGid: gid,
      payload: { storeId, orderGid: gid, correlationId, source: 'webhook', retry: 10 },
      correlationId,
      errorClass: 'permanent',
      errorCode: 'settings.invalid',
      errorMessage: 'Store Retry: settings.orders.currency must be shop or presentment.',
      attempts: 1,
      failedAt: new Date(NOW.getTime() - 60_000),
      ...overrides,
    };
  };

  it('keeps one open letter per record, refreshed by a new failure, and resolves it on a later success', async () => {
    // Setup
    const store = await makeStore(database());
    const letter = letterOf(store.id);
    const first = await upsertOpenDeadLetter(database().db, letter);

    // Action
    const again = await upsertOpenDeadLetter(database().db, {
      ...letter,
      errorCode: 'dataverse.unavailable',
      errorClass: 'transient',
      attempts: 11,
      failedAt: NOW,
    });
    const listed = await execute(LETTERS, { filter: { storeId: store.id } });
    const resolved = await resolveDeadLetters(
      database().db,
      { storeId: store.id, entity: 'order', shopifyGid: letter.shopifyGid ?? '' },
      NOW,
    );
    const afterwards = await execute(LETTERS, { filter: { storeId: store.id, openOnly: false } });

    // Assertions
    expect(again.id).toBe(first.id);
    expect(listed.data).toMatchObject({
      deadLetters: {
        totalCount: 1,
        nodes: [{ id: first.id, errorCode: 'dataverse.unavailable', attempts: 11, status: 'OPEN' }],
      },
    });
    expect(resolved).toBe(1);
    expect(afterwards.data).toMatchObject({ deadLetters: { nodes: [{ id: first.id, status: 'RESOLVED' }] } });
  });

  it('groups open letters by error code and retries a selection under each letter’s correlation id', async () => {
    // Setup: two letters with one cause, one with another, one of another store.
    const store = await makeStore(database());
    const [a, b, c] = [
      await upsertOpenDeadLetter(database().db, letterOf(store.id)),
      await upsertOpenDeadLetter(database().db, letterOf(store.id)),
      await upsertOpenDeadLetter(
        database().db,
        letterOf(store.id, { errorCode: 'order.totals_mismatch', errorMessage: 'Order #1001: totals differ by 0.01' }),
      ),
    ];
    await upsertOpenDeadLetter(database().db, letterOf((await makeStore(database())).id));
    if (!a || !b || !c) throw new Error('no letters');

    // Action
    const groups = await execute(GROUPS, { storeId: store.id });
    const retried = await execute(RETRY, { ids: [a.id] });
    const twice = await execute(RETRY, { ids: [a.id, b.id] });
    const bJobsAfterRefusal = await jobsWithKey(b.jobKey ?? '');
    const unknown = await execute(RETRY, { ids: [randomUUID(), 'junk'] });
    const group = await execute(RETRY_FAILED, { storeId: store.id, entity: 'order', errorCode: 'settings.invalid' });
    const nothingLeft = await execute(RETRY_FAILED, { storeId: store.id, errorCode: 'settings.invalid' });
    const noStore = await execute(RETRY_FAILED, { storeId: randomUUID() });
    const open = await execute(LETTERS, { filter: { storeId: store.id } });

    // Assertions
    expect(groups.errors).toBeUndefined();
    expect(groups.data).toEqual({
      failureGroups: [
        {
          errorCode: 'settings.invalid',
          errorClass: 'PERMANENT',
          count: 2,
          entities: ['order'],
          latestMessage: a.errorMessage,
        },
        {
          errorCode: 'order.totals_mismatch',
          errorClass: 'PERMANENT',
          count: 1,
          entities: ['order'],
          latestMessage: 'Order #1001: totals differ by 0.01',
        },
      ],
    });
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toMatchObject({
      retryDeadLetters: {
        count: 1,
        queued: [{ deadLetterId: a.id, correlationId: a.correlationId, jobKey: a.jobKey }],
      },
    });
    const [job] = await jobsWithKey(a.jobKey ?? '');
    expect(job?.identifier).toBe('shopify_order__sync');
    expect(job?.payload).toMatchObject({
      orderGid: a.shopifyGid,
      correlationId: a.correlationId,
      source: 'retry',
      retry: 0,
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'DEAD_LETTER_NOT_OPEN',
      letters: [{ id: a.id, status: 'REPLAYED', replayedBy: ACTOR }],
    });
    expect(bJobsAfterRefusal).toEqual([]);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('DEAD_LETTER_NOT_FOUND');
    expect(group.data).toMatchObject({ retryFailed: { count: 1, queued: [{ deadLetterId: b.id }] } });
    expect(nothingLeft.data).toEqual({ retryFailed: { count: 0, queued: [] } });
    expect(noStore.errors?.[0]?.extensions?.code).toBe('STORE_NOT_FOUND');
    expect(open.data).toMatchObject({ deadLetters: { totalCount: 1, nodes: [{ id: c.id, status: 'OPEN' }] } });
    // Who retried what: one event per retry that queued jobs; refusals and an empty group changed nothing.
    expect(await auditOf('dead_letter.retry', store.id)).toEqual([
      {
        actor: ACTOR,
        actor_role: 'operator',
        target_type: 'dead_letter',
        target_id: a.id,
        store_id: store.id,
        correlation_id: a.correlationId,
        details: { count: 1, ids: [a.id] },
      },
      {
        actor: ACTOR,
        actor_role: 'operator',
        target_type: 'failure_group',
        target_id: 'order / settings.invalid',
        store_id: store.id,
        correlation_id: b.correlationId,
        details: {
          count: 1,
          group: { storeId: store.id, entity: 'order', errorCode: 'settings.invalid' },
          ids: [b.id],
        },
      },
    ]);
  });

  it('audits a retry of a selection across stores with the count and every id, under no single store', async () => {
    // Setup
    const [one, two] = [await makeStore(database()), await makeStore(database())];
    const a = await upsertOpenDeadLetter(database().db, letterOf(one.id));
    const b = await upsertOpenDeadLetter(database().db, letterOf(two.id));

    // Action
    const retried = await execute(RETRY, { ids: [a.id, b.id] });

    // Assertions
    expect(retried.data).toMatchObject({ retryDeadLetters: { count: 2 } });
    const [event, ...more] = await database().sql<Record<string, unknown>[]>`
      select target_type, target_id, store_id, correlation_id, details from audit_events
      where action = 'dead_letter.retry' and details->'ids' ? ${a.id}`;
    expect(more).toEqual([]);
    expect(event).toEqual({
      target_type: 'dead_letter',
      target_id: '2 dead letters',
      store_id: null,
      correlation_id: null,
      details: { count: 2, ids: expect.arrayContaining([a.id, b.id]) as unknown },
    });
  });

  it('replays a stored delivery under its own correlation id', async () => {
    // Setup
    const store = await makeStore(database());
    const correlationId = randomUUID();
    const stored = await storeDelivery(database().sql, {
      storeId: store.id,
      eventId: randomUUID(),
      topic: 'orders/updated',
      webhookId: null,
      shopifyTriggeredAt: null,
      headers: {},
      body: '{"id":1}',
      correlationId,
    });
    if (stored.kind !== 'stored') throw new Error('not stored');

    // Action
    const replayed = await execute(REPLAY, { id: stored.id });
    const unknown = await execute(REPLAY, { id: randomUUID() });

    // Assertions
    expect(replayed.errors).toBeUndefined();
    expect(replayed.data).toMatchObject({
      replayDelivery: { deliveryId: stored.id, correlationId, storeId: store.id, topic: 'orders/updated' },
    });
    const [job] = await jobsWithKey(`delivery-replay:${stored.id}`);
    expect(job).toMatchObject({
      identifier: 'shopify_delivery__process',
      payload: { deliveryId: stored.id, correlationId, source: 'replay', replayedBy: ACTOR },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('DELIVERY_NOT_FOUND');
    expect(await auditOf('delivery.replay', store.id)).toEqual([
      {
        actor: ACTOR,
        actor_role: 'operator',
        target_type: 'webhook_delivery',
        target_id: stored.id,
        store_id: store.id,
        correlation_id: correlationId,
        details: { topic: 'orders/updated', jobId: (replayed.data?.replayDelivery as { jobId: string }).jobId },
      },
    ]);
  });
});
