import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeDelivery, UnroutableDelivery } from './delivery-routes';

const samples = new URL('../../../../reference/shopify/webhooks/shopify-docs-samples-2026-04/', import.meta.url);
const STORE = '00000000-0000-4000-8000-000000000001';
const ENVELOPE = {
  correlationId: '00000000-0000-4000-8000-0000000000c1',
  source: 'webhook' as const,
  receivedAt: '2026-11-27T00:00:00.000Z',
};

/** Every webhook the sync subscribes to, as Shopify documents its body: topic and body text. */
const documented = readdirSync(samples)
  .filter((name) => name !== 'bulk_operations_finish.json')
  .map((name) => {
    const sample = JSON.parse(readFileSync(new URL(name, samples), 'utf8')) as { name: string; response: unknown };
    return [sample.name, JSON.stringify(sample.response)] as const;
  });

describe('routeDelivery', () => {
  it.each(documented.filter(([topic]) => topic !== 'customers/merge'))(
    'routes %s to the sync of its record',
    (topic, body) => {
      const jobs = routeDelivery(STORE, topic, body, ENVELOPE);
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        expect(job.payload.storeId).toBe(STORE);
        // The delivery's chain: the sync and its retries log under the correlation id the intake gave it.
        expect(job.payload).toMatchObject(ENVELOPE);
        expect(job.jobKey).toMatch(
          new RegExp(`^(customer|company|order):${STORE}:gid://shopify/(Customer|Company|Order)/\\d+$`),
        );
      }
      const [resource] = topic.split('/');
      const expected =
        resource === 'customers'
          ? 'shopify_customer__sync'
          : resource?.startsWith('compan')
            ? 'shopify_company__sync'
            : 'shopify_order__sync';
      expect(jobs[0]?.task).toBe(expected);
    },
  );

  it('takes the order of a refund from the digits as written, past 2^53', () => {
    const body = '{"id":1,"order_id":5000000000000000123,"admin_graphql_api_id":"gid://shopify/Refund/1"}';
    expect(routeDelivery(STORE, 'refunds/create', body, ENVELOPE)[0]?.payload.orderGid).toBe(
      'gid://shopify/Order/5000000000000000123',
    );
  });

  it('carries the body for customer and order updates, not for deletes', () => {
    const body = '{"id":7,"admin_graphql_api_id":"gid://shopify/Customer/7"}';
    expect(routeDelivery(STORE, 'customers/update', body, ENVELOPE)[0]?.payload.body).toEqual(JSON.parse(body));
    expect(routeDelivery(STORE, 'customers/delete', body, ENVELOPE)[0]?.payload).not.toHaveProperty('body');
  });

  it('routes a completed merge, and refuses one that failed (the documented sample) with the reason', () => {
    const merge = (status: string) =>
      JSON.stringify({
        admin_graphql_api_customer_kept_id: 'gid://shopify/Customer/1',
        admin_graphql_api_customer_deleted_id: 'gid://shopify/Customer/2',
        status,
      });
    expect(routeDelivery(STORE, 'customers/merge', merge('completed'), ENVELOPE)).toEqual([
      {
        task: 'shopify_customer__merge',
        payload: {
          storeId: STORE,
          keptGid: 'gid://shopify/Customer/1',
          deletedGid: 'gid://shopify/Customer/2',
          ...ENVELOPE,
        },
        jobKey: `customer-merge:${STORE}:gid://shopify/Customer/2`,
      },
    ]);
    const [, sample] = documented.find(([topic]) => topic === 'customers/merge') ?? [];
    expect(() => routeDelivery(STORE, 'customers/merge', sample ?? '', ENVELOPE)).toThrow(UnroutableDelivery);
  });

  it('says why a delivery names nothing it can sync', () => {
    expect(() => routeDelivery(STORE, 'products/update', '{"id":1}', ENVELOPE)).toThrow(
      /not one the sync subscribes to/,
    );
    expect(() => routeDelivery(STORE, 'orders/updated', '{"id":1}', ENVELOPE)).toThrow(
      /no Order gid in admin_graphql_api_id/,
    );
  });
});
