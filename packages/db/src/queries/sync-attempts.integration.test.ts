import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox } from '../secrets';
import { useTestDatabase } from '../testing';
import { upsertStore } from './stores';
import { attemptSearchQuery, type AttemptSearch, correlationChain, searchAttempts } from './sync-attempts';
import { insertSyncLogSample } from './sync-attempts-sample';

const COUNT = 100_000;
const NEWEST = new Date('2026-11-27T06:00:00.000Z');

/** The sample's UUID of `(kind, n)`, as `md5(...)::uuid` makes it in Postgres. */
function sampleUuid(kind: string, n: number): string {
  const hex = createHash('md5').update(`${kind}:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** When sample attempt `n` started: `n` seconds before the newest. */
const startedAt = (n: number) => new Date(NEWEST.getTime() - n * 1000);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * Pages a search may touch: a page of 50 rows and the index entries that find them. Reading the log (about 5,000
 * pages) or a whole index (hundreds) is far above it, which is what a search the indexes do not serve does.
 */
const MAX_BLOCKS = 150;

describe('the sync log searches on 100,000 attempts', () => {
  const database = useTestDatabase();
  const storeIds: string[] = [];
  /** The store of sample attempt `n`. */
  const storeOf = (n: number): string => {
    const id = storeIds[n % storeIds.length];
    if (!id) throw new Error('the stores are made in beforeAll');
    return id;
  };

  beforeAll(async () => {
    const { db, sql } = database();
    const box = SecretBox.fromBase64(generateSecretKey());
    for (const key of ['us', 'eu', 'uk']) {
      const store = await upsertStore(db, box, {
        key,
        shopDomain: `sample-${key}.myshopify.com`,
        name: `Sample ${key}`,
        apiVersion: '2025-01',
      });
      storeIds.push(store.id);
    }
    await insertSyncLogSample(sql, { storeIds, count: COUNT, newest: NEWEST });
  });

  /** The plan Postgres runs for the very statement the console sends, with the pages it touched. */
  async function planOf(search: AttemptSearch): Promise<PlanNode> {
    const { db, sql } = database();
    const query = attemptSearchQuery(db, search).toSQL();
    const [row] = await sql.unsafe(`explain (analyze, buffers, format json) ${query.sql}`, query.params as never[]);
    return (row?.['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan;
  }

  async function expectIndexed(search: AttemptSearch): Promise<void> {
    const plan = await planOf(search);
    const nodes = planNodes(plan);
    const shape = nodes.map((node) => `${node['Node Type']} ${node['Index Name'] ?? ''}`.trim()).join(' > ');
    const onLog = nodes.filter((node) => node['Relation Name'] === 'sync_attempts');
    expect(onLog.length, shape).toBeGreaterThan(0);
    expect(
      onLog.filter((node) => node['Node Type'] === 'Seq Scan'),
      `${JSON.stringify(search)} reads the whole sync log: ${shape}`,
    ).toEqual([]);
    const blocks = (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
    expect(blocks, `${JSON.stringify(search)} touched ${blocks} pages: ${shape}`).toBeLessThanOrEqual(MAX_BLOCKS);
  }

  const startTimes = async (search: AttemptSearch) =>
    (await searchAttempts(database().db, search)).items.map((item) => item.attempt.startedAt.toISOString());
  const expected = (ns: number[]) => ns.map((n) => startedAt(n).toISOString());

  it('has the sample in place', async () => {
    // Setup
    const { sql } = database();
    // Action
    const [row] = await sql`select count(*)::int as count from sync_attempts`;
    // Assertions
    expect(row?.count).toBe(COUNT);
  });

  it('lists the newest page and the next one through the cursor from indexes', async () => {
    // Setup
    const { db } = database();
    const first: AttemptSearch = { first: 50 };
    // Action
    const page = await searchAttempts(db, first);
    const last = page.items.at(-1);
    if (!last) throw new Error('the first page is empty');
    const second: AttemptSearch = { first: 50, after: last.position };
    const next = await searchAttempts(db, second);
    // Assertions
    expect(page.hasNextPage).toBe(true);
    expect(page.items.map((item) => item.attempt.startedAt.toISOString())).toEqual(
      expected(Array.from({ length: 50 }, (_, i) => i + 1)),
    );
    expect(next.items.map((item) => item.attempt.startedAt.toISOString())).toEqual(
      expected(Array.from({ length: 50 }, (_, i) => i + 51)),
    );
    await expectIndexed(first);
    await expectIndexed(second);
  });

  it('finds an order by its name, with or without the #, in every store or in one', async () => {
    // Setup: change 25 is attempts 100 to 103, and 100 is a customer.
    const everywhere: AttemptSearch = { first: 50, orderName: '100025' };
    const inStore: AttemptSearch = { first: 50, orderName: '#100025', storeId: storeOf(101) };
    // Action
    const found = await startTimes(everywhere);
    const foundInStore = await startTimes(inStore);
    // Assertions
    expect(found).toEqual(expected([101, 102, 103]));
    expect(foundInStore).toEqual(expected([101]));
    await expectIndexed(everywhere);
    await expectIndexed(inStore);
  });

  it('finds a customer by email in any case', async () => {
    // Setup: buyer7 is attempts 7, 5007, …, 95007.
    const search: AttemptSearch = { first: 50, email: 'BUYER7@sample.test' };
    // Action
    const found = await startTimes(search);
    // Assertions
    expect(found).toEqual(expected(Array.from({ length: 20 }, (_, i) => 7 + i * 5000)));
    await expectIndexed(search);
    await expectIndexed({ ...search, storeId: storeOf(0) });
  });

  it('finds a record by its Shopify gid or the numeric id the admin shows', async () => {
    // Setup
    const numeric: AttemptSearch = { first: 50, shopifyId: '9000025' };
    const gid: AttemptSearch = { first: 50, shopifyId: 'gid://shopify/Customer/100' };
    // Action
    const byNumber = await startTimes(numeric);
    const byGid = await startTimes(gid);
    // Assertions
    expect(byNumber).toEqual(expected([101, 102, 103]));
    expect(byGid).toEqual(expected([100]));
    await expectIndexed(numeric);
    await expectIndexed(gid);
    await expectIndexed({ ...numeric, storeId: storeOf(1) });
  });

  it('finds a change by its CRM id and by its correlation id, and tells its chain oldest first', async () => {
    // Setup
    const byCrm: AttemptSearch = { first: 50, crmId: sampleUuid('crm', 25) };
    const byCorrelation: AttemptSearch = { first: 50, correlationId: sampleUuid('corr', 25) };
    // Action
    const crmFound = await startTimes(byCrm);
    const correlationFound = await startTimes(byCorrelation);
    const chain = await correlationChain(database().db, sampleUuid('corr', 25));
    // Assertions
    expect(crmFound).toEqual(expected([100, 101, 102, 103]));
    expect(correlationFound).toEqual(expected([100, 101, 102, 103]));
    expect(chain.map((attempt) => attempt.startedAt.toISOString())).toEqual(expected([103, 102, 101, 100]));
    await expectIndexed(byCrm);
    await expectIndexed(byCorrelation);
  });

  it('finds failures in a time range, and narrows by store, entity and outcome without reading the whole log', async () => {
    // Setup: failures are every fiftieth attempt; the range is attempts 5001 to 10000.
    const failed: AttemptSearch = {
      first: 50,
      outcomes: ['failed'],
      from: startedAt(10_000),
      to: startedAt(5000),
    };
    // Action
    const page = await searchAttempts(database().db, failed);
    // Assertions
    expect(page.items.map((item) => item.attempt.startedAt.toISOString())).toEqual(
      expected(Array.from({ length: 50 }, (_, i) => 5050 + i * 50)),
    );
    expect(page.hasNextPage).toBe(true);
    await expectIndexed(failed);
    await expectIndexed({ first: 50, outcomes: ['failed', 'created'] });
    await expectIndexed({ first: 50, storeId: storeOf(2), entity: 'customer' });
    await expectIndexed({ first: 50, storeId: storeOf(2), outcomes: ['failed'] });
  });
});
