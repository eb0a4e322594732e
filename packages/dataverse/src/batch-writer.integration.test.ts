import { describe, expect, it } from 'vitest';
import type { BatchOperation } from './batch';
import { AdaptiveBatchSize } from './adaptive-batch';
import { writeUnits, type WriteUnit } from './batch-writer';
import { provision } from './provisioning';
import { simulatedOrg } from './testing/simulated-org';

/** An order with two lines, written by alternate key, the lines bound to the order by Content-ID. */
function orderUnit(n: number, priceList: string, lineDescription = 'Mug'): WriteUnit {
  const operations: BatchOperation[] = [
    {
      method: 'PATCH',
      url: `salesorders(sv_shopifyid='w_${n}')`,
      contentId: '1',
      body: { name: `#W${n}`, 'pricelevelid@odata.bind': `/pricelevels(${priceList})` },
    },
    ...[1, 2].map((line) => ({
      method: 'PATCH' as const,
      url: `salesorderdetails(sv_shopifyid='w_${n}_${line}')`,
      body: {
        'salesorderid@odata.bind': '$1',
        isproductoverridden: true,
        productdescription: lineDescription,
        quantity: line,
        ispriceoverridden: true,
        priceperunit: 9.5,
      },
    })),
  ];
  return { key: `order ${n}`, operations };
}

async function count(org: Awaited<ReturnType<typeof simulatedOrg>>, path: string): Promise<number> {
  let total = 0;
  for await (const page of org.client.query(path)) total += page.length;
  return total;
}

describe('writeUnits', () => {
  it('writes every order once at the edge of the execution-time budget, with few 429s, each waited out', async () => {
    // Setup: a small budget (3 updates = 90 ms per order; 1,800 ms per 2 s window) so the limit binds quickly.
    const org = await simulatedOrg({ limits: { executionTimeMs: 1800, windowMs: 2000 } });
    try {
      await provision(org.client, { pollMs: 10 });
      const prices = await org.client.request({
        method: 'GET',
        path: 'pricelevels?$select=pricelevelid',
        idempotent: true,
      });
      const [priceList] = (prices.body as { value: { pricelevelid: string }[] }).value;
      const units = Array.from({ length: 60 }, (_, n) => orderUnit(n, priceList?.pricelevelid ?? ''));
      const start = org.events.length;
      // Action
      const summary = await writeUnits(org.client, units, {
        parallel: 3,
        sizer: new AdaptiveBatchSize({ initial: 2, step: 1, max: 4 }),
        lowBudgetMs: 600,
        limit: { executionTimeMs: 1800, windowMs: 2000 },
      });
      // Assertions
      expect(summary.failed).toEqual([]);
      expect(summary.written).toBe(60);
      expect(await count(org, "salesorders?$select=name&$filter=startswith(sv_shopifyid,'w_')")).toBe(60);
      expect(await count(org, "salesorderdetails?$select=quantity&$filter=startswith(sv_shopifyid,'w_')")).toBe(120);
      expect(summary.throttled).toBeGreaterThan(0);
      // Only the batches in flight when the budget ran out (three) meet a 429, and at most one more as the paced
      // lane starts; after that the lane keeps to what the window frees.
      expect(summary.throttled).toBeLessThanOrEqual(4);
      // Every 429 is followed by a wait of at least its Retry-After before the next answer.
      org.events.forEach((event, index) => {
        if (index < start || event.kind !== 'throttled') return;
        const nextAnswer = org.events.findIndex(
          (later, at) => at > index && later.kind === 'response' && later.status !== 429,
        );
        expect((org.times[nextAnswer] ?? 0) - (org.times[index] ?? 0)).toBeGreaterThanOrEqual(event.retryAfterMs - 5);
      });
    } finally {
      await org.close();
    }
  });

  it('reports a unit Dataverse refuses, with its code, and writes the others', async () => {
    const org = await simulatedOrg();
    try {
      await provision(org.client, { pollMs: 10 });
      const prices = await org.client.request({
        method: 'GET',
        path: 'pricelevels?$select=pricelevelid',
        idempotent: true,
      });
      const [priceList] = (prices.body as { value: { pricelevelid: string }[] }).value;
      const units = [
        orderUnit(1, priceList?.pricelevelid ?? ''),
        orderUnit(2, priceList?.pricelevelid ?? '', 'x'.repeat(600)),
        orderUnit(3, priceList?.pricelevelid ?? ''),
      ];
      const summary = await writeUnits(org.client, units);
      expect(summary.written).toBe(2);
      expect(summary.failed).toMatchObject([{ key: 'order 2', status: 400, code: '0x80044331' }]);
      expect(await count(org, "salesorders?$select=name&$filter=sv_shopifyid eq 'w_2'")).toBe(0);
    } finally {
      await org.close();
    }
  });
});
