import type { SimHandler } from '../http/types';

/**
 * One simulated Dataverse org's Web API below the gateway: single requests on paths under `/api/data/v9.2/`, with no
 * authentication, service protection or `$batch` (the gateway adds those around it).
 */
export interface DataverseOrgCore {
  /** The org's base URL as clients see it, e.g. http://127.0.0.1:4002 (links in responses are built from it). */
  readonly name: string;
  /** Handles one request. Requests are serialised: each sees the effects of those before it. */
  handle: SimHandler;
  /**
   * Runs `fn` as one atomic unit (a `$batch` changeset): `fn` gets a handler to send its requests through; when it
   * returns `commit: false` or throws, every write made through that handler is undone. Other requests wait until it
   * ends.
   */
  atomically<T>(fn: (handle: SimHandler) => Promise<{ commit: boolean; value: T }>): Promise<T>;
}
