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

  // Shopify's documented compliance bodies (shopify.dev, "Privacy law compliance"), with ids past 2^53 as they may come.
  const redact =
    '{"shop_id":954889,"shop_domain":"{shop}.myshopify.com","customer":{"id":9007199254740993,' +
    '"email":"john@example.com","phone":"555-625-1199"},"orders_to_redact":[299938,9007199254740995]}';
  const dataRequest =
    '{"shop_id":954889,"shop_domain":"{shop}.myshopify.com","orders_requested":[299938,280263],' +
    '"customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"data_request":{"id":9999}}';

  it('routes customers/redact to the privacy task with the customer and the orders as written', () => {
    // Action
    const [job, ...more] = routeDelivery(STORE, 'customers/redact', redact, ENVELOPE);

    // Assertions
    expect(more).toEqual([]);
    expect(job).toEqual({
      task: 'shopify_privacy__process',
      payload: {
        storeId: STORE,
        topic: 'customers/redact',
        shopGid: 'gid://shopify/Shop/954889',
        customerGid: 'gid://shopify/Customer/9007199254740993',
        email: 'john@example.com',
        orderGids: ['gid://shopify/Order/299938', 'gid://shopify/Order/9007199254740995'],
        dataRequestId: null,
        ...ENVELOPE,
      },
      jobKey: `privacy:${STORE}:customers/redact:gid://shopify/Customer/9007199254740993`,
    });
  });

  it('routes customers/data_request with its request id, and shop/redact with the shop alone', () => {
    // Action
    const [request] = routeDelivery(STORE, 'customers/data_request', dataRequest, ENVELOPE);
    const [shop] = routeDelivery(STORE, 'shop/redact', '{"shop_id":954889,"shop_domain":"x.myshopify.com"}', ENVELOPE);

    // Assertions
    expect(request?.payload).toMatchObject({
      topic: 'customers/data_request',
      customerGid: 'gid://shopify/Customer/191167',
      orderGids: ['gid://shopify/Order/299938', 'gid://shopify/Order/280263'],
      dataRequestId: '9999',
    });
    // A second data request of the same customer is a job of its own.
    expect(request?.jobKey).toBe(`privacy:${STORE}:customers/data_request:gid://shopify/Customer/191167:9999`);
    expect(shop?.payload).toMatchObject({ topic: 'shop/redact', customerGid: null, orderGids: [] });
    expect(shop?.jobKey).toBe(`privacy:${STORE}:shop/redact:gid://shopify/Shop/954889`);
  });

  it('refuses a compliance body it cannot read, with the reason', () => {
    expect(() => routeDelivery(STORE, 'customers/redact', '{"shop_id":1,"customer":{}}', ENVELOPE)).toThrow(
      /names no customer.id/,
    );
    expect(() => routeDelivery(STORE, 'customers/data_request', '{"shop_id":1,"customer":{"id":2}}', ENVELOPE)).toThrow(
      /no data_request.id/,
    );
    expect(() =>
      routeDelivery(STORE, 'customers/redact', '{"shop_id":1,"customer":{"id":2},"orders_to_redact":["x"]}', ENVELOPE),
    ).toThrow(/not a list of numeric ids/);
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
