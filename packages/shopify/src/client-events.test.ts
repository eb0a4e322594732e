import { describe, expect, it } from 'vitest';
import { type Clock, ShopifyClient, type ShopifyClientEvent } from './client';
import { staticToken } from './token-provider';

/** A clock that moves only when the client sleeps, so waits are exact. */
function fakeClock(): Clock {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

/** Answers in turn, as the Admin API would; an Error entry fails the send instead (no answer). */
function scriptedFetch(answers: (Response | Error)[]): typeof fetch {
  return () => {
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no more answers scripted'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
}

const throttleStatus = { maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the Shopify client’s events', () => {
  it('reports every answer with its status and the time held back by THROTTLED', async () => {
    // Setup
    const events: ShopifyClientEvent[] = [];
    const client = new ShopifyClient({
      storeDomain: 'events.myshopify.com',
      tokens: staticToken('shpat_test'),
      clock: fakeClock(),
      random: () => 0,
      onEvent: (event) => events.push(event),
      fetch: scriptedFetch([
        json({
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
          extensions: { cost: { requestedQueryCost: 500, actualQueryCost: null, throttleStatus } },
        }),
        json({
          data: { shop: { name: 'Events' } },
          extensions: { cost: { requestedQueryCost: 500, actualQueryCost: 10, throttleStatus } },
        }),
      ]),
    });
    // Action
    const data = await client.request<{ shop: { name: string } }>('query { shop { name } }');
    // Assertions
    expect(data.shop.name).toBe('Events');
    expect(events.filter((event) => event.kind === 'response').map((event) => event.status)).toEqual([200, 200]);
    expect(events.filter((event) => event.kind === 'throttled')).toHaveLength(1);
    // 400 of cost missing at 50 a second: 8 s, with no jitter.
    expect(events.filter((event) => event.kind === 'waited')).toEqual([
      { kind: 'waited', waitMs: 8000, cause: 'throttled' },
    ]);
  });

  it('reports a send that got no answer as a failure, not as an answer', async () => {
    // Setup
    const events: ShopifyClientEvent[] = [];
    const client = new ShopifyClient({
      storeDomain: 'events.myshopify.com',
      tokens: staticToken('shpat_test'),
      clock: fakeClock(),
      maxAttempts: 1,
      onEvent: (event) => events.push(event),
      fetch: scriptedFetch([new TypeError('fetch failed')]),
    });
    // Action
    const failed = await client.request('query { shop { name } }').catch((error: unknown) => error);
    // Assertions
    expect(failed).toBeInstanceOf(Error);
    expect(events.filter((event) => event.kind === 'response')).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'failure',
        attempt: 1,
        reason: expect.stringContaining('fetch failed') as unknown,
      }),
    ]);
  });

  it('reports an HTTP 429 as an answer with that status and the backoff after it as time held back', async () => {
    // Setup
    const events: ShopifyClientEvent[] = [];
    const client = new ShopifyClient({
      storeDomain: 'events.myshopify.com',
      tokens: staticToken('shpat_test'),
      clock: fakeClock(),
      random: () => 0.5,
      onEvent: (event) => events.push(event),
      fetch: scriptedFetch([json({ errors: 'Too many requests' }, 429), json({ data: { shop: { name: 'Events' } } })]),
    });
    // Action
    await client.request('query { shop { name } }');
    // Assertions
    expect(events.filter((event) => event.kind === 'response').map((event) => event.status)).toEqual([429, 200]);
    const retry = events.find((event) => event.kind === 'retry');
    const waited = events.find((event) => event.kind === 'waited');
    expect(retry?.kind === 'retry' && retry.waitMs).toBeGreaterThan(0);
    expect(waited).toEqual({ kind: 'waited', waitMs: retry?.kind === 'retry' ? retry.waitMs : -1, cause: 'http-429' });
  });

  it('retries a request that got no answer at all, as a transient failure, and then takes the answer', async () => {
    // Setup: the first send fails at the connection, as when Shopify's edge resets it.
    const events: ShopifyClientEvent[] = [];
    const client = new ShopifyClient({
      storeDomain: 'events.myshopify.com',
      tokens: staticToken('shpat_test'),
      clock: fakeClock(),
      random: () => 0,
      onEvent: (event) => events.push(event),
      fetch: scriptedFetch([
        new TypeError('fetch failed'),
        json({
          data: { shop: { name: 'Events' } },
          extensions: { cost: { requestedQueryCost: 1, actualQueryCost: 1, throttleStatus } },
        }),
      ]),
    });
    // Action
    const data = await client.request<{ shop: { name: string } }>('query { shop { name } }');
    // Assertions
    expect(data.shop.name).toBe('Events');
    expect(events.filter((event) => event.kind === 'failure')).toHaveLength(1);
  });
});
