import type { SimHandler } from '@shopverse/sandbox';

const NO_BODY = new Set([101, 204, 205, 304]);

/** A `fetch` that hands each request to a simulator's handler in-process: no sockets, so a virtual clock can drive it. */
export function inProcessFetch(handler: SimHandler, origin: string): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name.toLowerCase()] = value));
    const body = typeof init?.body === 'string' ? init.body : '';
    const response = await handler({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
      origin,
    });
    return new Response(NO_BODY.has(response.status) ? null : response.body, {
      status: response.status,
      headers: response.headers,
    });
  };
}
