import { upsertStore } from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { Logger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const NOW = new Date('2026-11-27T15:00:00.000Z');

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

const START = `mutation ($storeId: ID!, $entity: SyncEntity!) {
  startBackfill(storeId: $storeId, entity: $entity) {
    id storeId entity status requestedBy correlationId
    progress { total queued skipped pending done ratePerSecond etaSeconds }
  }
}`;

describe('backfills over GraphQL', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  let storeId = '';

  const execute = async (query: string, variables: Record<string, unknown> = {}): Promise<Result> => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = {
      sql,
      db,
      actor: 'ops@example.com',
      now: NOW,
      workerStaleSeconds: 60,
      role: 'operator',
    };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url, logger: new Logger(() => () => undefined) });
    const store = await upsertStore(database().db, SecretBox.fromBase64(generateSecretKey()), {
      key: 'us',
      shopDomain: 'demo-us.myshopify.com',
      name: 'Demo US',
      apiVersion: '2025-01',
    });
    storeId = store.id;
  });

  afterAll(async () => {
    await server.stop();
  });

  it('starts a backfill with its job, shows it with its progress, and refuses a second of the same entity', async () => {
    // Action
    const started = await execute(START, { storeId, entity: 'ORDER' });
    const again = await execute(START, { storeId, entity: 'ORDER' });
    const listed = await execute(`query ($storeId: ID) { backfills(storeId: $storeId) { id entity status } }`, {
      storeId,
    });

    // Assertions
    expect(started.errors).toBeUndefined();
    const backfill = (started.data?.startBackfill ?? {}) as Record<string, unknown>;
    expect(backfill).toMatchObject({
      storeId,
      entity: 'ORDER',
      status: 'PENDING',
      requestedBy: 'ops@example.com',
      progress: { total: null, queued: 0, skipped: 0, pending: 0, done: 0, ratePerSecond: null, etaSeconds: null },
    });
    const [job] = await database().sql<{ payload: { backfillId: string } }[]>`
      select jobs.payload from graphile_worker._private_jobs jobs
      join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
      where tasks.identifier = 'store__backfill'`;
    expect(job?.payload.backfillId).toBe(backfill.id);
    expect(again.errors?.[0]?.extensions?.code).toBe('BACKFILL_ACTIVE');
    expect(listed.data?.backfills).toEqual([{ id: backfill.id, entity: 'ORDER', status: 'PENDING' }]);
    const one = await execute(`query ($id: ID!) { backfill(id: $id) { id status } }`, { id: backfill.id });
    expect(one.data?.backfill).toEqual({ id: backfill.id, status: 'PENDING' });
    // One event for the backfill that started, none for the refusal.
    const events = await database().sql<Record<string, unknown>[]>`
      select action, actor, actor_role, target_type, target_id, store_id, correlation_id, details
      from audit_events where action = 'backfill.start'`;
    expect(events).toEqual([
      {
        action: 'backfill.start',
        actor: 'ops@example.com',
        actor_role: 'operator',
        target_type: 'backfill',
        target_id: backfill.id,
        store_id: storeId,
        correlation_id: backfill.correlationId,
        details: { entity: 'order' },
      },
    ]);
  });

  it('names what is wrong with a request it cannot take', async () => {
    // Action
    const unknownStore = await execute(START, { storeId: '00000000-0000-4000-8000-000000000000', entity: 'CUSTOMER' });
    const notAnId = await execute(`{ backfill(id: "42") { id } }`);
    const tooMany = await execute(`{ backfills(first: 500) { id } }`);

    // Assertions
    expect(unknownStore.errors?.[0]?.extensions?.code).toBe('STORE_NOT_FOUND');
    expect(notAnId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/first must be 1 to 200/);
  });
});
