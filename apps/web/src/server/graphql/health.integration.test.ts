import { useTestDatabase } from '@shopverse/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

describe('GraphQL health', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  const handles = () => ({ sql: database().sql, db: database().db, actor: 'health test' });

  afterAll(async () => {
    await server.stop();
  });

  it('answers the health query from the database', async () => {
    // Setup
    const now = new Date();
    const contextValue: GraphQLContext = { ...handles(), now, workerStaleSeconds: 60, role: 'operator' };
    const lastSeenAt = new Date(now.getTime() - 2_000).toISOString();
    await database().sql`
      insert into worker_heartbeats (worker_id, hostname, pid, last_seen_at)
      values ('worker-1', 'test-host', 4242, ${lastSeenAt})`;
    // Action
    const response = await server.executeOperation(
      {
        query:
          '{ health { status checkedAt database { ok } migrations { ok applied expected } worker { ok workerId lastSeenAt ageSeconds } } }',
      },
      { contextValue },
    );
    // Assertions
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    expect(errors).toBeUndefined();
    const health = (data as { health: Record<string, unknown> & { migrations: { expected: number } } }).health;
    expect(health).toEqual({
      status: 'OK',
      checkedAt: now.toISOString(),
      database: { ok: true },
      migrations: { ok: true, applied: health.migrations.expected, expected: health.migrations.expected },
      worker: { ok: true, workerId: 'worker-1', lastSeenAt, ageSeconds: 2 },
    });
    expect(health.migrations.expected).toBeGreaterThan(0);
  });

  it('says DEGRADED when no worker is alive', async () => {
    // Setup
    const contextValue: GraphQLContext = { ...handles(), now: new Date(), workerStaleSeconds: 60, role: 'operator' };
    await database().sql`delete from worker_heartbeats`;
    // Action
    const response = await server.executeOperation({ query: '{ health { status worker { ok } } }' }, { contextValue });
    // Assertions
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({ health: { status: 'DEGRADED', worker: { ok: false } } });
  });
});
