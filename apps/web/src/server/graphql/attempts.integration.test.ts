import { randomUUID } from 'node:crypto';
import { recordAttempt, upsertStore } from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const SEARCH = `query ($filter: SyncAttemptFilter) { syncAttempts(filter: $filter) { nodes { id crmId } } }`;

describe('the sync log search by CRM id', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  afterAll(async () => {
    await server.stop();
  });
  const execute = async (query: string, variables: Record<string, unknown>) => {
    const { sql, db } = database();
    const contextValue: GraphQLContext = {
      sql,
      db,
      actor: 'viewer@activity.test',
      now: new Date('2026-11-27T08:00:00.000Z'),
      workerStaleSeconds: 60,
      role: 'viewer',
    };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  it('takes a sequential Dataverse id, which is a GUID but no RFC 9562 UUID, as Dynamics shows it', async () => {
    // Setup: a row id as Dataverse makes them for rows created with sequential ids.
    const { db } = database();
    const store = await upsertStore(db, SecretBox.fromBase64(generateSecretKey()), {
      key: 'act',
      shopDomain: 'activity.myshopify.com',
      name: 'Activity',
      apiVersion: '2025-01',
    });
    const crmId = 'a2d3c9f0-1f2b-e811-a953-000d3a1a9407';
    const attempt = await recordAttempt(db, {
      correlationId: randomUUID(),
      storeId: store.id,
      entity: 'customer',
      crmTable: 'contact',
      crmId,
      direction: 'shopify_to_crm',
      outcome: 'updated',
    });
    // Action
    const found = await execute(SEARCH, { filter: { crmId: crmId.toUpperCase() } });
    const refused = await execute(SEARCH, { filter: { crmId: 'a2d3c9f0-1f2b' } });
    // Assertions
    expect(found.errors).toBeUndefined();
    expect(found.data).toEqual({ syncAttempts: { nodes: [{ id: attempt.id, crmId }] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.crmId' });
  });
});
