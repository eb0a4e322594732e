/**
 * The request and response every simulator handler speaks, free of node:http so that handlers compose (a `$batch`
 * dispatches its parts to the same handler; service protection wraps it) and tests can call them directly.
 */
export interface SimRequest {
  method: string;
  /** Path without the query string, e.g. `/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)`. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The raw body as received (HMACs and `$batch` parsing need the exact text). */
  body: string;
  /** Base URL the client used, e.g. `http://127.0.0.1:4002`, for absolute links (`@odata.nextLink`, `OData-EntityId`). */
  origin: string;
}

export interface SimResponse {
  status: number;
  /** Header names as they should be sent. */
  headers: Record<string, string>;
  body: string;
}

export type SimHandler = (request: SimRequest) => Promise<SimResponse>;

/** A JSON response with the content type set. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** Thrown by a handler whose connection must be destroyed with no answer at all (a fault a simulator injects). */
export class ConnectionDropped extends Error {
  override readonly name: string = 'ConnectionDropped';
}
