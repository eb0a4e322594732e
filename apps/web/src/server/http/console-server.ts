import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DbClient, SecretBox } from '@shopverse/db';
import { receiveShopifyWebhook } from '../webhooks/intake';

/** Where Shopify posts webhooks: the callback URL every store's subscriptions name, served by the fast path below. */
export const WEBHOOK_PATH = '/api/webhooks/shopify';

/** The `Vary` header the Next route's answers carry (Next adds it to every App Router response). */
const NEXT_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding';

/** How the server hands a request on: Next's `app.getRequestHandler()`, or a stand-in in tests. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** What the console's server needs besides Next: the pool and key that intake stores and opens secrets with. */
export interface ConsoleServerOptions {
  client: DbClient;
  box: SecretBox;
  /** Every request that is not a webhook delivery: pages, GraphQL, health, metrics, sign-in. */
  next: RequestHandler;
  /** Told about a request that failed (intake with the database down, say); it is answered 500 either way. */
  onError?: (error: unknown) => void;
}

/**
 * The largest delivery taken, far above any Shopify webhook body (an order with hundreds of lines is a few hundred
 * KiB); a larger body is refused before it is held in memory.
 */
export const MAX_DELIVERY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DELIVERY_BYTES) {
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/** node:http's raw header list as fetch `Headers`, which intake reads; a repeated header keeps every value. */
function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] ?? '', raw[index + 1] ?? '');
  return headers;
}

/** Only a POST to exactly the webhook path (any query string) takes the fast path; Next answers the rest as before. */
function isWebhookDelivery(request: IncomingMessage): boolean {
  if (request.method !== 'POST' || !request.url) return false;
  const query = request.url.indexOf('?');
  return (query === -1 ? request.url : request.url.slice(0, query)) === WEBHOOK_PATH;
}

/**
 * Answers one delivery as the Next route (src/app/api/webhooks/shopify/route.ts) does: the same intake over the raw
 * bytes, the same status, the same JSON body and content type. A failure is a bodiless 500, as Next gives for a route
 * that throws; Shopify retries it.
 */
async function answerDelivery(request: IncomingMessage, response: ServerResponse, options: ConsoleServerOptions) {
  try {
    const rawBody = await readBody(request);
    const answer = await receiveShopifyWebhook({
      client: options.client,
      box: options.box,
      headers: headersOf(request),
      rawBody,
      now: new Date(),
    });
    const body = JSON.stringify({ outcome: answer.outcome, ...(answer.reason ? { reason: answer.reason } : {}) });
    response.writeHead(answer.status, {
      // What Next puts on every App Router answer, kept so that a cache in front sees the same answers as before.
      vary: NEXT_VARY,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      const body = JSON.stringify({ outcome: 'refused', reason: `body over ${MAX_DELIVERY_BYTES} bytes` });
      response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      response.end(body);
      return;
    }
    options.onError?.(error);
    if (!response.headersSent) response.writeHead(500, { vary: NEXT_VARY, 'content-length': 0 });
    response.end();
  }
}

/**
 * The console's one HTTP server. Webhook deliveries are answered here, straight from node:http: through Next's
 * router each one cost about a millisecond of the process's one core, which capped a burst of Shopify deliveries
 * (issue 10, intake burst) well below what the database takes. Everything else goes to Next unchanged, on the same
 * port, so Shopify's callback URL and the console's URLs stay as they are.
 */
export function createConsoleServer(options: ConsoleServerOptions): Server {
  return createServer((request, response) => {
    if (isWebhookDelivery(request)) {
      void answerDelivery(request, response, options);
      return;
    }
    // Next answers its own errors; this is for one that escapes it, answered as `next start` answers it.
    void Promise.resolve(options.next(request, response)).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) response.writeHead(500);
      response.end('Internal Server Error');
    });
  });
}
