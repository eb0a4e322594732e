import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { companyFromRest, customerFromRest, RestBodyError } from './from-rest';

const webhooks = new URL('../../../../reference/shopify/webhooks/', import.meta.url);

/** Every real customer or company body under reference/shopify/webhooks: docs samples (in `response`) and exemplars. */
function bodies(kind: 'customers' | 'companies'): [string, unknown][] {
  const samples = readdirSync(new URL('shopify-docs-samples-2026-04/', webhooks))
    .filter((name) => name.startsWith(`${kind}_`) && !name.endsWith('_delete.json') && !name.endsWith('_merge.json'))
    .map((name): [string, unknown] => [
      name,
      (
        JSON.parse(readFileSync(new URL(`shopify-docs-samples-2026-04/${name}`, webhooks), 'utf8')) as {
          response: unknown;
        }
      ).response,
    ]);
  const exemplars = readdirSync(new URL('anonymized-production-exemplars/', webhooks))
    .filter((name) => name.endsWith(`_${kind}_1.json`))
    .map((name): [string, unknown] => [
      name,
      JSON.parse(readFileSync(new URL(`anonymized-production-exemplars/${name}`, webhooks), 'utf8')),
    ]);
  return [...samples, ...exemplars];
}

describe('customerFromRest', () => {
  it.each(bodies('customers'))('maps %s', (_name, body) => {
    const customer = customerFromRest(body);
    expect(customer.gid).toMatch(/^gid:\/\/shopify\/Customer\/\d+$/);
    expect(customer.updatedAt).toMatch(/Z$/);
    // None of today's bodies carries a rollup: all unknown, so the mapper writes none of them.
    expect([customer.numberOfOrders, customer.amountSpent, customer.lastOrderAt]).toEqual([null, null, null]);
  });

  it('reads orders_count where an older body has it, but neither total_spent (no currency) nor last_order_id', () => {
    // Setup: the customer object of a real 2022 REST order (reference/shopify/real-store-responses), with a history.
    const order = JSON.parse(
      readFileSync(
        new URL(
          '../../../../reference/shopify/real-store-responses/rest-get-order-response_ms-bc-connector.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { order: { customer: Record<string, unknown> } };
    const older = {
      ...order.order.customer,
      orders_count: 12,
      total_spent: '1520.75',
      last_order_id: 4820113459320,
      last_order_name: '#1349',
    };

    // Action
    const customer = customerFromRest(older);
    const asString = customerFromRest({ ...older, orders_count: '007' });
    const unreadable = [-1, 1.5, 2 ** 60, '12 orders', null].map(
      (ordersCount) => customerFromRest({ ...older, orders_count: ordersCount }).numberOfOrders,
    );

    // Assertions
    expect(customer).toMatchObject({ numberOfOrders: '12', amountSpent: null, lastOrderAt: null });
    expect(customerFromRest(order.order.customer).numberOfOrders).toBe('0');
    expect(asString.numberOfOrders).toBe('7');
    expect(unreadable).toEqual([null, null, null, null, null]);
  });

  it('takes the id from the gid, never from the rounded number', () => {
    const customer = customerFromRest({
      id: 706405506930370000,
      admin_graphql_api_id: 'gid://shopify/Customer/706405506930370084',
      created_at: '2021-12-31T19:00:00-05:00',
      updated_at: '2021-12-31T19:00:00-05:00',
      state: 'enabled',
      tags: 'vip, wholesale',
    });
    expect(customer).toMatchObject({
      legacyId: '706405506930370084',
      state: 'ENABLED',
      tags: ['vip', 'wholesale'],
      updatedAt: '2022-01-01T00:00:00.000Z',
    });
  });

  it('says what is wrong with a body it cannot read', () => {
    expect(() => customerFromRest({ id: 7e20, created_at: 'x' })).toThrow(RestBodyError);
    expect(() => customerFromRest({ id: 1, created_at: 'yesterday', updated_at: 'x' })).toThrow(
      /created_at is not a time/,
    );
  });
});

describe('companyFromRest', () => {
  /** Anonymisation replaced this exemplar's gid with a URL, and a company body has no numeric id to fall back on. */
  const anonymised = (body: unknown) =>
    (body as { admin_graphql_api_id?: string }).admin_graphql_api_id?.startsWith('https://');

  it.each(bodies('companies'))('maps %s', (_name, body) => {
    if (anonymised(body)) {
      expect(() => companyFromRest(body)).toThrow(
        /neither a Company gid in admin_graphql_api_id nor a safe numeric id/,
      );
    } else {
      expect(companyFromRest(body).gid).toMatch(/^gid:\/\/shopify\/Company\/\d+$/);
    }
  });
});
