import { randomUUID } from 'node:crypto';
import { addJob, syncJob } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { readOrders } from '@shopverse/shopify';
import type { ShopifyOrder } from '@shopverse/sync-core';
import { createGraphQLServer } from '@shopverse/web/graphql-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDataverseFaults, startSyncHarness, type SyncHarness, until } from './sync-harness';

interface ChainAttempt {
  entity: string;
  outcome: string;
  errorClass: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
  crmId: string | null;
  attempt: number;
  source: string | null;
}

const CHAIN = `query ($id: ID!) {
  correlationChain(correlationId: $id) {
    entity outcome errorClass errorCode errorMessage request response crmId attempt source
  }
}`;
const LETTERS = `query ($storeId: ID, $openOnly: Boolean) {
  deadLetters(filter: { storeId: $storeId, openOnly: $openOnly }) {
    nodes { id correlationId errorClass errorCode errorMessage attempts status replayedBy jobKey }
  }
}`;
const RETRY = `mutation ($ids: [ID!]!) { retryDeadLetters(ids: $ids) { count queued { correlationId jobKey } } }`;
const ACTOR = 'ops@retries.test';

/**
 * Issue 8 end to end: the worker's own retries against the Dataverse simulator's faults, a permanent failure on the
 * failed list and its retry after the fix, and every attempt found again by its correlation id through GraphQL.
 */
describe('retries and the failed list, through the simulators', () => {
  const database = useTestDatabase();
  const graphql = createGraphQLServer();
  let harness: SyncHarness;
  let orders: ShopifyOrder[];

  const execute = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const { sql, db } = database();
    const response = await graphql.executeOperation(
      { query, variables },
      { contextValue: { sql, db, actor: ACTOR, now: new Date(), workerStaleSeconds: 60, role: 'operator' } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    if (errors) throw new Error(errors.map((error) => error.message).join('; '));
    return data as T;
  };
  const chainOf = async (correlationId: string) =>
    (await execute<{ correlationChain: ChainAttempt[] }>(CHAIN, { id: correlationId })).correlationChain;
  const faults = (settings: Record<string, unknown>) => setDataverseFaults(harness, settings);
  /** Queues an order's sync as a webhook delivery would, under a new correlation id. */
  const queueOrder = async (order: ShopifyOrder) => {
    const correlationId = randomUUID();
    const job = syncJob('order', harness.storeId, order.gid, {
      correlationId,
      source: 'webhook',
      receivedAt: new Date().toISOString(),
    });
    await addJob(database().sql, job.task, job.payload, { jobKey: job.jobKey });
    return { correlationId, jobKey: job.jobKey };
  };
  const attemptOf = (correlationId: string, outcome: string) =>
    until(
      async () => {
        const [row] = await database().sql<{ id: string }[]>`
        select id from sync_attempts
        where correlation_id = ${correlationId} and entity = 'order' and outcome = ${outcome}::sync_outcome`;
        return row;
      },
      `an order attempt ${outcome} of ${correlationId}`,
      150_000,
    );
  const salesOrdersOf = async (order: ShopifyOrder) => {
    const rows: { salesorderid: string; sv_lastcorrelationid: string | null }[] = [];
    for await (const page of harness.dataverse.query<(typeof rows)[number]>(
      `salesorders?$select=salesorderid,sv_lastcorrelationid&$filter=sv_shopifyid eq 'us_${order.legacyId}'`,
    )) {
      rows.push(...page);
    }
    return rows;
  };
  /** The jobs under a key; times computed in SQL, as this client reads timestamps as text. */
  const jobsWithKey = (key: string, since?: string) =>
    database().sql<{ payload: Record<string, unknown>; inMs: number; afterFailureMs: number | null }[]>`
      select payload,
             (extract(epoch from run_at - now()) * 1000)::float8 as "inMs",
             (extract(epoch from run_at - (select finished_at from sync_attempts where id = ${since ?? null}::uuid))
               * 1000)::float8 as "afterFailureMs"
      from graphile_worker._private_jobs where key = ${key}`;

  beforeAll(async () => {
    harness = await startSyncHarness(database, { settings: {}, demo: { customers: 4, orders: 4 } });
    orders = [];
    for await (const page of readOrders(harness.shopify)) orders.push(...page);
  }, 120_000);

  afterAll(async () => {
    await graphql.stop();
    await harness?.stop();
  });

  it('puts a permanent failure on the failed list at once, and its retry after the fix succeeds in the same chain', async () => {
    // Setup: the org loses the order's currency (renamed), a cause only a person can fix in Dynamics.
    const order = orders[0];
    if (!order) throw new Error('the demo shop has no orders');
    const currencies: { transactioncurrencyid: string; isocurrencycode: string }[] = [];
    for await (const page of harness.dataverse.query<(typeof currencies)[number]>(
      'transactioncurrencies?$select=transactioncurrencyid,isocurrencycode',
    )) {
      currencies.push(...page);
    }
    const renameAll = async (rename: (code: string) => string) => {
      for (const currency of currencies) {
        await harness.dataverse.request({
          method: 'PATCH',
          path: `transactioncurrencies(${currency.transactioncurrencyid})`,
          body: { isocurrencycode: rename(currency.isocurrencycode) },
          idempotent: true,
        });
      }
    };
    await renameAll((code) => `Z${code.slice(1)}`);

    // Action
    const { correlationId, jobKey } = await queueOrder(order);
    await attemptOf(correlationId, 'failed');
    await until(async () => ((await jobsWithKey(jobKey)).length === 0 ? true : undefined), 'the failed job to end');
    const open = await execute<{ deadLetters: { nodes: Record<string, unknown>[] } }>(LETTERS, {
      storeId: harness.storeId,
    });

    // Assertions: one open letter with the reason a person acts on, and no retry queued (no storm).
    expect(open.deadLetters.nodes).toEqual([
      expect.objectContaining({
        correlationId,
        jobKey,
        errorClass: 'PERMANENT',
        errorCode: 'order.currency_missing',
        errorMessage: expect.stringMatching(/add it in Dynamics/) as unknown,
        attempts: 1,
        status: 'OPEN',
      }),
    ]);
    expect(await salesOrdersOf(order)).toEqual([]);

    // Action: the person fixes the currency, then retries the letter.
    await renameAll((code) => code);
    const letterId = String(open.deadLetters.nodes[0]?.id);
    const retried = await execute<{ retryDeadLetters: { count: number } }>(RETRY, { ids: [letterId] });
    await attemptOf(correlationId, 'created');
    // The letter is resolved when the replayed job completes, just after its attempt is logged: wait for it.
    const letters = await until(async () => {
      const read = await execute<{ deadLetters: { nodes: Record<string, unknown>[] } }>(LETTERS, {
        storeId: harness.storeId,
        openOnly: false,
      });
      return read.deadLetters.nodes.some((node) => node.status === 'REPLAYED') ? undefined : read;
    }, 'the replayed letter to be resolved');

    // Assertions: created once, under the chain of the failure, and the letter resolved.
    expect(retried.retryDeadLetters.count).toBe(1);
    const rows = await salesOrdersOf(order);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sv_lastcorrelationid).toBe(correlationId);
    expect(letters.deadLetters.nodes).toEqual([
      expect.objectContaining({ id: letterId, status: 'RESOLVED', replayedBy: ACTOR }),
    ]);
    const chain = (await chainOf(correlationId)).filter((attempt) => attempt.entity === 'order');
    expect(chain.map((attempt) => [attempt.outcome, attempt.source])).toEqual([
      ['FAILED', 'webhook'],
      ['CREATED', 'retry'],
    ]);
    expect(chain[1]?.crmId).toBe(rows[0]?.salesorderid);
  }, 240_000);

  it('retries a transient failure with backoff under the same correlation id and creates the order once, found again through GraphQL', async () => {
    // Setup: every Dataverse request answers 503.
    const order = orders[1];
    if (!order) throw new Error('the demo shop has too few orders');
    await faults({ errorRate: 1 });

    // Action
    const { correlationId, jobKey } = await queueOrder(order);
    let retrying;
    try {
      retrying = await attemptOf(correlationId, 'retrying');
    } finally {
      await faults({ errorRate: 0 });
    }
    const [requeued] = await jobsWithKey(jobKey, retrying.id);

    // Assertions: the same job again, one retry further, same chain and key, after a jittered wait of at most 30 s.
    expect(requeued?.payload).toMatchObject({
      orderGid: order.gid,
      correlationId,
      source: 'webhook',
      retry: 1,
    });
    expect(requeued?.afterFailureMs).toBeGreaterThan(500);
    expect(requeued?.afterFailureMs).toBeLessThanOrEqual(30_500);
    expect(requeued?.inMs).toBeLessThanOrEqual(30_000);

    // Action: rather than wait out the drawn delay, the retry is brought forward, as an operator could.
    await database().sql`update graphile_worker._private_jobs set run_at = now() where key = ${jobKey}`;
    await attemptOf(correlationId, 'created');

    // Assertions: one sales order pointing back at the chain; the chain tells every attempt with what it sent and got.
    const rows = await salesOrdersOf(order);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sv_lastcorrelationid).toBe(correlationId);
    const chain = (await chainOf(correlationId)).filter((attempt) => attempt.entity === 'order');
    expect(chain.map((attempt) => [attempt.outcome, attempt.attempt, attempt.source])).toEqual([
      ['RETRYING', 1, 'webhook'],
      ['CREATED', 2, 'webhook'],
    ]);
    const [failed, created] = chain;
    expect(failed).toMatchObject({
      errorClass: 'TRANSIENT',
      errorCode: 'dataverse.unavailable',
      attempt: 1,
      source: 'webhook',
      request: { job: { task: 'shopify_order__sync', key: jobKey, retry: 0 }, call: { service: 'dataverse' } },
      response: { service: 'dataverse', status: 503, nextRetry: { retry: 1 } },
    });
    expect(failed?.errorMessage).toMatch(/503/);
    expect(failed?.response?.error).toMatch(/503/);
    expect(JSON.stringify(failed)).not.toMatch(/bearer|client_secret|shpat_/i);
    expect(created?.crmId).toBe(rows[0]?.salesorderid);
    expect(created?.request).not.toBeNull();
    expect(created?.response).toMatchObject({ crmId: rows[0]?.salesorderid, created: true });
  }, 240_000);
});
