import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';

/** A local stand-in for Shopify's file storage: serves bulk result files from disk, streamed, at `/bulk/<name>`. */
export interface BulkFileServer {
  origin: string;
  /** Serves `path` at `<origin>/bulk/<name>` and returns that URL. */
  publish(name: string, path: string): string;
  stop(): Promise<void>;
}

/**
 * The simulator keeps its files in memory, which a file of 100,000 orders must not need; this server streams them
 * from disk over real HTTP, as Shopify's storage serves them (unauthenticated, `application/jsonl`).
 */
export async function startBulkFileServer(): Promise<BulkFileServer> {
  const files = new Map<string, string>();
  const server = createServer((request, response) => {
    const path = files.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (request.method !== 'GET' || !path) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/jsonl', 'Content-Length': statSync(path).size });
    pipeline(createReadStream(path), response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    publish(name, path) {
      files.set(`/bulk/${name}`, path);
      return `${origin}/bulk/${name}`;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
