import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toSimRequest } from '../http/server';
import { DroppedConnection } from './faults';
import { createDataverseGateway, type DataverseGateway, type DataverseGatewayOptions } from './gateway';

/**
 * Serving the gateway over real HTTP. `../http/server.ts` turns every handler exception into a 500, but a dropped
 * connection must be a destroyed socket with no answer at all, so this is a `serve` of its own (reusing
 * `toSimRequest`) that knows DroppedConnection.
 */

/** A running simulator. */
export interface RunningDataverseSimulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** e.g. http://127.0.0.1:41234/api/data/v9.2/ */
  apiUrl: string;
  port: number;
  server: Server;
  gateway: DataverseGateway;
  close(): Promise<void>;
}

/** Serves an existing gateway on 127.0.0.1 (port 0: a free one). */
export function serveDataverseGateway(
  gateway: DataverseGateway,
  options: { port?: number } = {},
): Promise<RunningDataverseSimulator> {
  let origin = '';
  const server = createServer((request, response) => {
    toSimRequest(request, origin)
      .then(gateway)
      .then(
        (result) => {
          response.writeHead(result.status, result.headers);
          response.end(result.body);
        },
        (error: unknown) => {
          if (error instanceof DroppedConnection) {
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
        apiUrl: `${origin}/api/data/v9.2/`,
        port,
        server,
        gateway,
        close: () =>
          new Promise<void>((done) => {
            gateway.releaseHeld();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Builds a gateway and serves it: the simulated Dataverse Web API on its own port. */
export function startDataverseSimulator(
  options: DataverseGatewayOptions & { port?: number },
): Promise<RunningDataverseSimulator> {
  const { port, ...gatewayOptions } = options;
  return serveDataverseGateway(createDataverseGateway(gatewayOptions), port === undefined ? {} : { port });
}
