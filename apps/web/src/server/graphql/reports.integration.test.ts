import { randomUUID } from 'node:crypto';
import {
  connectStoreToOrg,
  type Database,
  type OrderFactInput,
  saveLink,
  saveOrderFact,
  upsertCrmOrg,
  upsertStore,
} from '@shopverse/db';
import { generateSecretKey, SecretBox } from '@shopverse/db/secrets';
import { useTestDatabase } from '@shopverse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context';
import { createGraphQLServer } from './server';

const NOW = new Date('2026-11-27T15:00:00.000Z');
const SHARED = '00000000-0000-4000-8000-00000000000a';
const US_ONLY = '00000000-0000-4000-8000-00000000000b';

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** What a reporting tool asks: everything the report has. */
const REPORTS = `query ($from: DateTime, $to: DateTime) {
  orgReports(from: $from, to: $to) {
    org { id name }
    from to
    stores {
      store { id key name }
      orders cancelled customers sharedCustomers locales
      revenue { currency orders gross refunded net }
    }
    total { stores orders cancelled customers sharedCustomers locales revenue { currency orders gross refunded net } }
    sharedBetween { stores storeIds customers }
  }
}`;

const ONE = `query ($orgId: ID!, $storeId: ID, $from: DateTime, $to: DateTime) {
  orgReport(orgId: $orgId, storeId: $storeId, from: $from, to: $to) {
    org { name }
    stores { store { key } orders revenue { currency gross net } }
    total { orders customers sharedCustomers revenue { currency gross } }
    sharedBetween { stores customers }
  }
}`;

describe('reports over GraphQL', () => {
  const database = useTestDatabase();
  const server = createGraphQLServer();
  const box = SecretBox.fromBase64(generateSecretKey());
  const ids = { org: '', us: '', eu: '', lonely: '' };

  const execute = async (query: string, variables: Record<string, unknown> = {}): Promise<Result> => {
    const { sql, db } = database();
    // Reporting tools hold viewer tokens: every report is a read.
    const contextValue: GraphQLContext = {
      sql,
      db,
      actor: 'token:bi',
      now: NOW,
      workerStaleSeconds: 60,
      role: 'viewer',
    };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  const fact = (storeId: string, n: number, currency: string, total: string, processedAt: string) =>
    ({
      storeId,
      orgId: ids.org,
      shopifyGid: `gid://shopify/Order/${n}`,
      orderName: `#${n}`,
      crmTable: 'salesorder',
      crmId: randomUUID(),
      currency,
      total,
      refunded: '0',
      locale: currency === 'EUR' ? 'de-DE' : 'en-US',
      status: 'open',
      customerCrmId: SHARED,
      processedAt: new Date(processedAt),
      now: NOW,
    }) satisfies OrderFactInput;

  const link = (db: Database, storeId: string, n: number, crmId: string) =>
    saveLink(db, {
      storeId,
      shopifyType: 'customer',
      shopifyGid: `gid://shopify/Customer/${n}`,
      orgId: ids.org,
      crmTable: 'contact',
      crmId,
      shopifyUpdatedAt: NOW,
      contentHash: null,
      writtenValues: null,
      correlationId: randomUUID(),
      now: NOW,
    });

  afterAll(async () => {
    await server.stop();
  });

  beforeAll(async () => {
    // Setup: one org, a USD store and a EUR store sharing a customer; an org of its own for a third store.
    const { db } = database();
    const orgInput = (name: string) => ({
      name,
      url: `https://${name.toLowerCase()}.crm.dynamics.com`,
      apiUrl: `https://${name.toLowerCase()}.crm.dynamics.com/api/data/v9.2/`,
      tenantId: '00000000-0000-0000-0000-000000000001',
      clientId: '00000000-0000-0000-0000-000000000002',
    });
    const org = await upsertCrmOrg(db, box, orgInput('Contoso'));
    const lonelyOrg = await upsertCrmOrg(db, box, orgInput('Fabrikam'));
    const storeInput = (key: string) => ({
      key,
      shopDomain: `reports-${key}.myshopify.com`,
      name: `Reports ${key}`,
      apiVersion: '2025-01',
    });
    const us = await upsertStore(db, box, storeInput('us'));
    const eu = await upsertStore(db, box, storeInput('eu'));
    const lonely = await upsertStore(db, box, storeInput('ca'));
    Object.assign(ids, { org: org.id, us: us.id, eu: eu.id, lonely: lonelyOrg.id });
    await connectStoreToOrg(db, us.id, org.id);
    await connectStoreToOrg(db, eu.id, org.id);
    await connectStoreToOrg(db, lonely.id, lonelyOrg.id);
    await link(db, us.id, 1, SHARED);
    await link(db, us.id, 2, US_ONLY);
    await link(db, eu.id, 1, SHARED);
    await saveOrderFact(db, fact(us.id, 1001, 'USD', '0.10', '2026-11-20T10:00:00Z'));
    await saveOrderFact(db, fact(us.id, 1002, 'USD', '0.20', '2026-11-21T10:00:00Z'));
    await saveOrderFact(db, fact(eu.id, 1001, 'EUR', '99.95', '2026-11-21T10:00:00Z'));
    await saveOrderFact(db, fact(eu.id, 1002, 'EUR', '5.00', '2026-10-01T10:00:00Z'));
  });

  it('answers every org with its stores, totals per currency and the customers they share, to a viewer', async () => {
    // Action
    const result = await execute(REPORTS, { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    // Assertions
    expect(result.errors).toBeUndefined();
    const reports = result.data?.orgReports as Record<string, unknown>[];
    expect(reports.map((report) => (report.org as { name: string }).name)).toEqual(['Contoso', 'Fabrikam']);
    expect(reports[0]).toEqual({
      org: { id: ids.org, name: 'Contoso' },
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      stores: [
        {
          store: { id: ids.eu, key: 'eu', name: 'Reports eu' },
          orders: 1,
          cancelled: 0,
          customers: 1,
          sharedCustomers: 1,
          locales: ['de-DE'],
          revenue: [{ currency: 'EUR', orders: 1, gross: '99.95', refunded: '0.00', net: '99.95' }],
        },
        {
          store: { id: ids.us, key: 'us', name: 'Reports us' },
          orders: 2,
          cancelled: 0,
          customers: 2,
          sharedCustomers: 1,
          locales: ['en-US'],
          revenue: [{ currency: 'USD', orders: 2, gross: '0.30', refunded: '0.00', net: '0.30' }],
        },
      ],
      total: {
        stores: 2,
        orders: 3,
        cancelled: 0,
        customers: 2,
        sharedCustomers: 1,
        locales: ['de-DE', 'en-US'],
        revenue: [
          { currency: 'EUR', orders: 1, gross: '99.95', refunded: '0.00', net: '99.95' },
          { currency: 'USD', orders: 2, gross: '0.30', refunded: '0.00', net: '0.30' },
        ],
      },
      sharedBetween: [{ stores: ['eu', 'us'], storeIds: [ids.eu, ids.us], customers: 1 }],
    });
    expect(reports[1]).toMatchObject({ stores: [{ store: { key: 'ca' }, orders: 0, revenue: [] }], sharedBetween: [] });
  });

  it('reports one store of an org, and every order without a range', async () => {
    // Action
    const result = await execute(ONE, { orgId: ids.org, storeId: ids.eu });
    // Assertions
    expect(result.errors).toBeUndefined();
    expect(result.data?.orgReport).toEqual({
      org: { name: 'Contoso' },
      stores: [{ store: { key: 'eu' }, orders: 2, revenue: [{ currency: 'EUR', gross: '104.95', net: '104.95' }] }],
      total: { orders: 2, customers: 1, sharedCustomers: 1, revenue: [{ currency: 'EUR', gross: '104.95' }] },
      sharedBetween: [{ stores: ['eu', 'us'], customers: 1 }],
    });
  });

  it('answers null for an unknown org, and names what is wrong with the arguments', async () => {
    // Action
    const unknown = await execute(ONE, { orgId: randomUUID() });
    const notAnId = await execute(ONE, { orgId: 'contoso' });
    const otherOrgsStore = await execute(ONE, { orgId: ids.lonely, storeId: ids.us });
    const backwards = await execute(ONE, { orgId: ids.org, from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' });
    // Assertions
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.orgReport).toBeNull();
    expect(notAnId.errors?.[0]?.message).toBe('orgId "contoso" is not an org id (a UUID).');
    expect(otherOrgsStore.errors?.[0]?.message).toMatch(/^Store .+ neither writes to org Fabrikam/);
    expect(otherOrgsStore.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(backwards.errors?.[0]?.message).toMatch(/must be after from/);
  });
});
