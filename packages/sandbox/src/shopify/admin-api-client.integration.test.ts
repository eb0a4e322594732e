/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   GraphQL results are read loosely here; the assertions check their values. */
import { createAdminApiClient } from '@shopify/admin-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVALID_TOKEN_BODY, simulatorFetch, startShopifySimulator, type RunningShopifySimulator } from './index';
import { EU_SHOP, US_SHOP } from './testing/shop-fixtures';
import type { Loose } from './testing/run';

let sim: RunningShopifySimulator;

function client(shop: { domain: string; accessToken: string }, accessToken = shop.accessToken) {
  return createAdminApiClient({
    storeDomain: shop.domain,
    apiVersion: '2025-01',
    accessToken,
    customFetchApi: simulatorFetch(sim.url),
    // The client warns about versions it thinks are old; a logger takes those notices instead of the console.
    logger: () => undefined,
  });
}

async function post(
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: Loose }> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  sim = await startShopifySimulator({ shops: [US_SHOP, EU_SHOP] });
});
afterAll(async () => {
  await sim.close();
});

describe('@shopify/admin-api-client against the simulator', () => {
  it('runs queries and mutations on the shop it names, with the cost extension', async () => {
    // Setup
    const us = client(US_SHOP);
    const eu = client(EU_SHOP);
    // Action
    const created = await us.request(
      `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id email } userErrors { field message } } }`,
      {
        variables: { input: { email: 'client@example.com', firstName: 'Cli' } },
      },
    );
    const usShop = await us.request(
      `{ shop { name myshopifyDomain currencyCode taxesIncluded } customers(first: 5) { nodes { email } } }`,
    );
    const euShop = await eu.request(
      `{ shop { name currencyCode orderNumberFormatPrefix } customers(first: 5) { nodes { email } } }`,
    );
    // Assertions
    expect(created.errors).toBeUndefined();
    expect(created.data.customerCreate.userErrors).toEqual([]);
    expect(usShop.data).toEqual({
      shop: { name: 'Demo US', myshopifyDomain: US_SHOP.domain, currencyCode: 'USD', taxesIncluded: false },
      customers: { nodes: [{ email: 'client@example.com' }] },
    });
    expect(euShop.data).toEqual({
      shop: { name: 'Demo EU', currencyCode: 'EUR', orderNumberFormatPrefix: 'WEB' },
      customers: { nodes: [] },
    });
    expect(usShop.extensions?.cost).toMatchObject({
      requestedQueryCost: 8,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });

  it('adds the per-field cost breakdown when asked with X-GraphQL-Cost-Include-Fields', async () => {
    // Action
    const result = await client(US_SHOP).request(`{ shop { name } }`, {
      headers: { 'X-GraphQL-Cost-Include-Fields': 'true' },
    });
    // Assertions
    expect((result.extensions?.cost as Loose).fields).toEqual([
      { path: ['shop', 'name'], definedCost: 0, requestedTotalCost: 0, requestedChildrenCost: null },
      { path: ['shop'], definedCost: 1, requestedTotalCost: 1, requestedChildrenCost: 0 },
    ]);
  });

  it('answers a wrong token with 401 and Shopify’s error body', async () => {
    // Setup
    const wrong = client(US_SHOP, 'shpat_wrong');
    // Action
    const viaClient = await wrong.request(`{ shop { name } }`);
    const raw = await post(
      `/shops/${US_SHOP.domain}/admin/api/2025-01/graphql.json`,
      {},
      { query: '{ shop { name } }' },
    );
    // Assertions
    expect(viaClient.errors?.networkStatusCode).toBe(401);
    expect(raw).toEqual({ status: 401, body: INVALID_TOKEN_BODY });
  });

  it('picks the shop by token on the plain Admin path', async () => {
    // Action
    const raw = await post(
      '/admin/api/2025-01/graphql.json',
      { 'X-Shopify-Access-Token': EU_SHOP.accessToken },
      { query: '{ shop { myshopifyDomain } }' },
    );
    // Assertions
    expect(raw.status).toBe(200);
    expect(raw.body.data).toEqual({ shop: { myshopifyDomain: EU_SHOP.domain } });
  });

  it('rejects documents that are invalid against the schema, in graphql-ruby’s words', async () => {
    // Setup
    const us = client(US_SHOP);
    const headers = { 'X-Shopify-Access-Token': US_SHOP.accessToken };
    const path = `/shops/${US_SHOP.domain}/admin/api/2025-01/graphql.json`;
    // Action
    const unknownField = await us.request(`{ shop { name colour } }`);
    const missingArg = await post(path, headers, { query: '{ customer { id } }' });
    const badArg = await post(path, headers, { query: '{ orders(first: 1, colour: RED) { nodes { id } } }' });
    const syntax = await post(path, headers, { query: '{ shop { name }' });
    const noQuery = await post(path, headers, {});
    // Assertions
    expect(unknownField.errors?.graphQLErrors).toEqual([
      {
        message: "Field 'colour' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 15 }],
        path: ['query', 'shop', 'colour'],
        extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'colour' },
      },
    ]);
    expect(badArg.body.errors[0].path).toEqual(['query', 'orders', 'colour']);
    expect(missingArg.body.errors[0]).toMatchObject({
      message: "Field 'customer' is missing required arguments: id",
      extensions: { code: 'missingRequiredArguments' },
    });
    expect(badArg.body.errors[0]).toMatchObject({
      message: "Field 'orders' doesn't accept argument 'colour'",
      extensions: { code: 'argumentNotAccepted' },
    });
    expect(syntax.body.errors[0].message).toMatch(/^Parse error on .* at \[1, 16\]$/);
    expect(missingArg.body.data).toBeUndefined();
    expect(noQuery).toEqual({ status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } });
  });

  it('names a schema field the simulator does not serve instead of answering null', async () => {
    // Action
    const result = await client(US_SHOP).request(`{ shop { name navigationSettings { title } } }`);
    // Assertions
    expect(result.errors?.graphQLErrors?.[0]).toMatchObject({
      message: "Field 'Shop.navigationSettings' is not implemented by the Shopify simulator",
      path: ['shop', 'navigationSettings'],
      extensions: { code: 'NOT_IMPLEMENTED' },
    });
  });

  it('refuses a query over the single query maximum cost, before running it', async () => {
    // Action
    const result = await client(US_SHOP).request(
      `{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }`,
    );
    // Assertions: 2 + 250 x (1 + 2 + 250 x 1) = 63252.
    expect(result.errors?.graphQLErrors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Query cost is 63252, which exceeds the single query max cost limit \(1000\)\./,
      ) as unknown,
      extensions: { code: 'MAX_COST_EXCEEDED', cost: 63252, maxCost: 1000 },
    });
    expect(result.extensions?.cost).toMatchObject({ requestedQueryCost: 63252, actualQueryCost: null });
  });
});
