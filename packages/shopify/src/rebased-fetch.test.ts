import { describe, expect, it } from 'vitest';
import { rebasedFetch } from './rebased-fetch';

describe('rebasedFetch', () => {
  it('sends the shop’s URL to the base URL, path and query kept', async () => {
    // Setup
    const seen: string[] = [];
    const fetchImpl = (input: string | URL | Request) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response('{}'));
    };
    const rebased = rebasedFetch('http://127.0.0.1:4001/shops/demo.myshopify.com/', fetchImpl);
    // Action
    await rebased('https://demo.myshopify.com/admin/api/2025-01/graphql.json?x=1', { method: 'POST' });
    // Assertions
    expect(seen).toEqual(['http://127.0.0.1:4001/shops/demo.myshopify.com/admin/api/2025-01/graphql.json?x=1']);
  });
});
