import { addJob, foldedPayload } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { runMigrations } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Two deliveries of one order folding into its waiting sync job (`shopify_delivery__process`): the job keeps the
 * newer body whichever arrives first, and two different bodies of the same second leave it to the API.
 */
describe('foldedPayload', () => {
  const database = useTestDatabase();
  const key = 'order:store:gid://shopify/Order/1';
  const payload = (updatedAt: string, tags = '') => ({
    orderGid: 'gid://shopify/Order/1',
    correlationId: updatedAt,
    body: { admin_graphql_api_id: 'gid://shopify/Order/1', updated_at: updatedAt, tags },
  });

  beforeAll(async () => {
    await runMigrations({ connectionString: database().url });
  });

  /** Delivers one payload as the task does (fold, then add under the key); returns the waiting job's payload. */
  async function deliver(next: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const { sql } = database();
    await sql.begin(async (tx) => {
      const folded = await foldedPayload(tx, key, next);
      if (folded) await addJob(tx, 'shopify_order__sync', folded, { jobKey: key, delaySeconds: 60 });
    });
    const [job] = await sql<{ payload: Record<string, unknown> }[]>`
      select payload from graphile_worker._private_jobs where key = ${key}`;
    return job?.payload;
  }

  async function clear() {
    await database().sql`delete from graphile_worker._private_jobs`;
  }

  it('keeps the newer body when the older delivery arrives second, and takes a newer one', async () => {
    await clear();
    // Action, Assertions: newer first, then older: the newer stays.
    expect(await deliver(payload('2026-11-27T10:00:07-05:00'))).toMatchObject({
      correlationId: '2026-11-27T10:00:07-05:00',
    });
    expect(await deliver(payload('2026-11-27T15:00:05Z'))).toMatchObject({
      correlationId: '2026-11-27T10:00:07-05:00',
    });
    // A later one replaces it.
    expect(await deliver(payload('2026-11-27T15:00:09Z'))).toMatchObject({ correlationId: '2026-11-27T15:00:09Z' });
  });

  it('keeps one of two equal bodies, and drops the body when two of the same second differ', async () => {
    await clear();
    await deliver(payload('2026-11-27T15:00:05Z', 'a'));
    // Action, Assertions: the same body again (orders/paid beside orders/updated): still a body to sync from.
    expect(await deliver({ ...payload('2026-11-27T15:00:05Z', 'a'), correlationId: 'paid' })).toMatchObject({
      correlationId: 'paid',
      body: { tags: 'a' },
    });
    // Another state of the same second: which is later cannot be told, so the sync reads the order from the API.
    const folded = await deliver({ ...payload('2026-11-27T15:00:05Z', 'b'), correlationId: 'second' });
    expect(folded).toMatchObject({ correlationId: 'second' });
    expect(folded).not.toHaveProperty('body');
  });

  it('leaves a waiting job that reads the API (a poll) as it is, and folds nothing into a running one', async () => {
    await clear();
    const { sql } = database();
    await sql.begin((tx) =>
      addJob(tx, 'shopify_order__sync', { orderGid: 'gid://shopify/Order/1', correlationId: 'poll' }, { jobKey: key }),
    );
    // Action, Assertions: the poll's job stays.
    expect(await deliver(payload('2026-11-27T15:00:05Z'))).toEqual({
      orderGid: 'gid://shopify/Order/1',
      correlationId: 'poll',
    });
    // Once it runs (locked), a delivery queues a job of its own with its body.
    await sql`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'test' where key = ${key}`;
    await sql.begin(async (tx) => {
      const folded = await foldedPayload(tx, key, payload('2026-11-27T15:00:06Z'));
      expect(folded).toMatchObject({ correlationId: '2026-11-27T15:00:06Z' });
    });
  });
});
