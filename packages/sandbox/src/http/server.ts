import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionDropped, type SimHandler, type SimRequest } from './types';

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Converts a node request to a SimRequest. */
export async function toSimRequest(request: IncomingMessage, origin: string): Promise<SimRequest> {
  const url = new URL(request.url ?? '/', origin);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: await readBody(request),
    origin,
  };
}

/**
 * Serves a SimHandler over real HTTP on 127.0.0.1 (port 0: a free one). An exception in the handler becomes a 500
 * with its message, so a simulator bug shows in the test that met it instead of hanging the client; `ConnectionDropped`
 * destroys the socket instead, with no answer.
 */
export function serve(handler: SimHandler, options: { port?: number } = {}): Promise<RunningServer> {
  let origin = '';
  const server = createServer((request, response) => {
    toSimRequest(request, origin)
      .then(handler)
      .then(
        (result) => {
          response.writeHead(result.status, result.headers);
          response.end(result.body);
        },
        (error: unknown) => {
          if (error instanceof ConnectionDropped) {
            request.socket.destroy();
            return;
          }
          response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end(`simulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        },
      );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      origin = `http://127.0.0.1:${port}`;
      resolve({
        url: origin,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
