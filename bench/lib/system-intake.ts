import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DbClient, SecretBox } from '@shopverse/db';
// The intake handler the Next route calls (apps/web/src/app/api/webhooks/shopify/route.ts), mounted here on a bare
// node:http server: the bench measures the sync, not Next's routing, and avoids a production build.
import { receiveShopifyWebhook } from '../../apps/web/src/server/webhooks/intake';

/** The path the console serves webhooks on, kept so the subscriptions look like a real install's. */
export const WEBHOOK_PATH = '/api/webhooks/shopify';

export interface RunningIntake {
  /** e.g. `http://127.0.0.1:41234/api/webhooks/shopify` */
  url: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/** Serves the real webhook intake on 127.0.0.1 (a free port), as the route handler does: verify, store, answer. */
export function startIntakeServer(client: DbClient, box: SecretBox): Promise<RunningIntake> {
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== WEBHOOK_PATH) {
      response.writeHead(404).end();
      return;
    }
    readBody(request)
      .then((rawBody) => receiveShopifyWebhook({ client, box, headers: headersOf(request), rawBody, now: new Date() }))
      .then(
        (answer) => {
          response.writeHead(answer.status, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ outcome: answer.outcome, ...(answer.reason ? { reason: answer.reason } : {}) }),
          );
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(error instanceof Error ? error.message : String(error));
        },
      );
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
