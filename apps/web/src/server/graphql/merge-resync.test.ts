import type { MergeQueueItem } from '@shopverse/db/schema';
import { describe, expect, it } from 'vitest';
import { resyncPlan } from './merge-resync';

const storeId = '6a1f1c1e-0000-4000-8000-000000000001';
const correlationId = '6a1f1c1e-0000-4000-8000-0000000000cc';

function item(overrides: Partial<MergeQueueItem>): MergeQueueItem {
  return {
    id: '6a1f1c1e-0000-4000-8000-0000000000aa',
    storeId,
    orgId: '6a1f1c1e-0000-4000-8000-0000000000bb',
    shopifyType: 'customer',
    shopifyGid: 'gid://shopify/Customer/1',
    reason: 'two contacts match on email',
    candidates: [],
    payload: {},
    status: 'resolved',
    resolution: { kind: 'create' },
    resolvedBy: 'ops',
    resolvedAt: new Date('2026-11-26T12:00:00Z'),
    correlationId,
    createdAt: new Date('2026-11-26T11:00:00Z'),
    ...overrides,
  };
}

describe('the re-sync after a merge decision', () => {
  it.each([
    [
      'a customer syncs itself',
      item({ shopifyType: 'customer', shopifyGid: 'gid://shopify/Customer/9007199254740993' }),
      'shopify_customer__sync',
      { customerGid: 'gid://shopify/Customer/9007199254740993' },
      `customer:${storeId}:gid://shopify/Customer/9007199254740993`,
    ],
    [
      'a company syncs itself',
      item({ shopifyType: 'company', shopifyGid: 'gid://shopify/Company/7' }),
      'shopify_company__sync',
      { companyGid: 'gid://shopify/Company/7' },
      `company:${storeId}:gid://shopify/Company/7`,
    ],
    [
      'an address company syncs through its customer',
      item({
        shopifyType: 'address_company',
        shopifyGid: 'gid://shopify/AddressCompany/abc',
        payload: { name: 'Acme', customerGid: 'gid://shopify/Customer/5' },
      }),
      'shopify_customer__sync',
      { customerGid: 'gid://shopify/Customer/5' },
      `customer:${storeId}:gid://shopify/Customer/5`,
    ],
    [
      'a company location syncs through its company',
      item({
        shopifyType: 'company_location',
        shopifyGid: 'gid://shopify/CompanyLocation/3',
        payload: { companyGid: 'gid://shopify/Company/8' },
      }),
      'shopify_company__sync',
      { companyGid: 'gid://shopify/Company/8' },
      `company:${storeId}:gid://shopify/Company/8`,
    ],
  ])('%s', (_name, decided, identifier, ids, jobKey) => {
    // Action
    const plan = resyncPlan(decided);
    // Assertions
    expect(plan).toEqual({ kind: 'job', job: { identifier, payload: { storeId, ...ids, correlationId }, jobKey } });
  });

  it.each([
    ['a guest checkout', item({ shopifyType: 'guest_checkout', shopifyGid: 'gid://shopify/GuestCheckout/ab12' })],
    [
      'an address company whose payload names no customer',
      item({ shopifyType: 'address_company', payload: { customerGid: 'gid://shopify/Order/1' } }),
    ],
  ])('queues nothing for %s, and says why', (_name, decided) => {
    const plan = resyncPlan(decided);
    expect(plan.kind).toBe('none');
    expect(plan.kind === 'none' && plan.reason).toMatch(/sync/);
  });
});
