import { simulatorFetch, startShopifySimulator } from '@shopverse/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopifyClient } from './client';
import { readUpdatedRecords, type PolledRecord } from './poll-reader';
import { staticToken } from './token-provider';

const SHOP = 'poll-test.myshopify.com';
const TOKEN = 'shpat_poll_test';

async function all(pages: AsyncIterable<PolledRecord[]>): Promise<{ records: PolledRecord[]; pages: number }> {
  const records: PolledRecord[] = [];
  let count = 0;
  for await (const page of pages) {
    records.push(...page);
    count += 1;
  }
  return { records, pages: count };
}

describe('readUpdatedRecords', () => {
  // The shop's clock is driven by the test, so that records can share one second.
  let clock = new Date('2026-03-01T09:00:00.000Z');
  let simulator: Awaited<ReturnType<typeof startShopifySimulator>>;
  let client: ShopifyClient;
  const customers: string[] = [];

  async function createCustomer(email: string): Promise<string> {
    const shop = simulator.shops.get(SHOP);
    const result = await shop?.execute(
      'mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { message } } }',
      { input: { email, firstName: 'Poll' } },
    );
    const id = (result?.data as { customerCreate: { customer: { id: string } | null } } | undefined)?.customerCreate
      .customer?.id;
    if (!id) throw new Error(`customerCreate failed: ${JSON.stringify(result)}`);
    return id;
  }

  beforeAll(async () => {
    simulator = await startShopifySimulator({
      now: () => clock,
      shops: [
        {
          domain: SHOP,
          name: 'Poll test',
          accessToken: TOKEN,
          plan: 'plus',
          ianaTimezone: 'UTC',
          currencyCode: 'USD',
          taxesIncluded: false,
        },
      ],
    });
    client = new ShopifyClient({
      storeDomain: SHOP,
      tokens: staticToken(TOKEN),
      fetch: simulatorFetch(simulator.url) as typeof fetch,
    });
    // 60 customers a second apart, then three within one second (at .100, .400 and .900).
    for (let i = 0; i < 60; i++) {
      clock = new Date(Date.parse('2026-03-01T09:00:00.000Z') + i * 1000);
      customers.push(await createCustomer(`spread-${i}@example.com`));
    }
    for (const ms of [100, 400, 900]) {
      clock = new Date(`2026-03-01T09:05:00.${ms}Z`);
      customers.push(await createCustomer(`same-second-${ms}@example.com`));
    }
    clock = new Date('2026-03-01T09:10:00.000Z');
  });

  afterAll(async () => {
    await simulator.close();
  });

  it('pages through every record of the window, oldest update first, ids and updatedAt only', async () => {
    // Action
    const read = await all(
      readUpdatedRecords(client, 'customer', {
        from: new Date('2026-03-01T08:00:00Z'),
        to: new Date('2026-03-01T09:10:00Z'),
      }),
    );
    // Assertions
    expect(read.records.map((record) => record.gid)).toEqual(customers);
    expect(read.pages).toBe(2);
    expect(read.records.at(-1)?.updatedAt).toBe('2026-03-01T09:05:00Z');
    const updatedAts = read.records.map((record) => record.updatedAt);
    expect([...updatedAts].sort()).toEqual(updatedAts);
  });

  it('includes both ends at second precision: a window ending at a second holds every record of that second', async () => {
    // Action
    const read = await all(
      readUpdatedRecords(client, 'customer', {
        from: new Date('2026-03-01T09:00:59Z'),
        to: new Date('2026-03-01T09:05:00Z'),
      }),
    );
    // Assertions
    expect(read.records.map((record) => record.gid)).toEqual(customers.slice(59));
    expect(read.records.filter((record) => record.updatedAt === '2026-03-01T09:05:00Z')).toHaveLength(3);
  });

  it('reads companies and orders with their own documents', async () => {
    // Setup
    clock = new Date('2026-03-01T09:20:00.000Z');
    const result = await simulator.shops
      .get(SHOP)
      ?.execute(
        'mutation($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id } userErrors { message } } }',
        { input: { company: { name: 'Polled Co' } } },
      );
    const companyGid = (result?.data as { companyCreate: { company: { id: string } | null } } | undefined)
      ?.companyCreate.company?.id;
    const window = { from: new Date('2026-03-01T09:15:00Z'), to: new Date('2026-03-01T09:25:00Z') };
    // Action
    const companies = await all(readUpdatedRecords(client, 'company', window));
    const orders = await all(readUpdatedRecords(client, 'order', window));
    // Assertions
    expect(companyGid).toMatch(/^gid:\/\/shopify\/Company\//);
    expect(companies.records).toEqual([{ gid: companyGid, updatedAt: '2026-03-01T09:20:00Z' }]);
    expect(orders).toEqual({ records: [], pages: 1 });
  });
});
