import { randomUUID } from 'node:crypto';
import { recordAttempt, upsertStore } from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { planSearch } from '../../components/activity/activity-params';
import {
  attemptPagesAnswer,
  attemptPagesRequest,
  type AttemptRow,
  type BranchCursor,
} from '../../components/activity/activity-query';
import { mergeAttempts, nextCursors } from '../../components/activity/activity-view';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const SEARCH = `query ($filter: SyncAttemptFilter) { syncAttempts(filter: $filter) { nodes { id crmId } } }`;

describe('the sync log search the Activity page makes', () => {
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

  it('reads a GUID as a correlation id and as a CRM id in one request, and pages each reading to its end', async () => {
    // Setup: 60 attempts under one correlation id, 3 more whose CRM id is that same GUID (a coincidence the page
    // must still show), and one under another id.
    const { db } = database();
    const store = await upsertStore(db, SecretBox.fromBase64(generateSecretKey()), {
      key: 'guid',
      shopDomain: 'guid.myshopify.com',
      name: 'Guid',
      apiVersion: '2025-01',
    });
    const guid = randomUUID();
    const base = { storeId: store.id, entity: 'order', direction: 'shopify_to_crm', outcome: 'updated' } as const;
    const at = (second: number) => new Date(Date.UTC(2026, 10, 27, 7, 0, second));
    for (let second = 0; second < 60; second += 1) {
      await recordAttempt(db, { ...base, correlationId: guid, orderName: '#1', startedAt: at(second) });
    }
    for (const second of [10, 30, 59]) {
      const startedAt = new Date(at(second).getTime() + 500);
      await recordAttempt(db, { ...base, correlationId: randomUUID(), crmId: guid, startedAt });
    }
    await recordAttempt(db, { ...base, correlationId: randomUUID(), startedAt: at(61) });
    const plan = planSearch({ find: guid.toUpperCase(), storeId: '', entity: '', outcomes: [], from: '', to: '' });

    // Action: the first page, then Load more until no reading has more, as the page does.
    const pages: AttemptRow[][] = [];
    let cursors: BranchCursor[] = plan.filters.map(() => null);
    for (let round = 0; round < 5 && cursors.some((cursor) => cursor !== false); round += 1) {
      const request = attemptPagesRequest(plan.filters, cursors);
      if (!request) break;
      const result = await execute(request.query, request.variables);
      expect(result.errors).toBeUndefined();
      const data = attemptPagesAnswer.parse(result.data);
      const answers = plan.filters.map((_, index) => data[`b${index}`]);
      pages.push(...answers.map((answer) => answer?.nodes ?? []));
      cursors = nextCursors(cursors, answers);
    }
    const rows = mergeAttempts(pages);

    // Assertions: 63 attempts, each once, newest first; the other correlation id is not among them.
    expect(plan.filters).toHaveLength(2);
    expect(rows).toHaveLength(63);
    expect(new Set(rows.map((row) => row.id)).size).toBe(63);
    expect(rows.every((row) => row.correlationId === guid || row.crmId === guid)).toBe(true);
    expect(rows.map((row) => row.startedAt)).toEqual(
      rows.map((row) => row.startedAt).sort((a, b) => Date.parse(b) - Date.parse(a)),
    );
    expect(cursors).toEqual([false, false]);
    expect(attemptPagesRequest(plan.filters, cursors)).toBeUndefined();
  });
});
