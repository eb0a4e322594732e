import { expect } from '@playwright/test';
import type { SandboxFile } from './sign-in';

export type Shop = SandboxFile['shopify'][number];

/** One call to a sandbox shop's Admin GraphQL API with its access token, as an app of the merchant's would make it. */
export async function shopifyAdmin<T>(shop: Shop, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(shop.adminUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Shopify-Access-Token': shop.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`The Shopify simulator answered ${JSON.stringify(body.errors)}`);
  return body.data;
}
