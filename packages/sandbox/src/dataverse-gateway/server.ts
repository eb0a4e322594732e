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

/** Serves a gateway on 127.0.0.1 (port 0: a free one); `build` gets the server's URL, so orgs can be named by it. */
async function serveBuilt(
  build: (url: string) => DataverseGateway,
  options: { port?: number },
): Promise<RunningDataverseSimulator> {
  let origin = '';
  // Set once the port is bound; a request arriving before that (none can, in practice) gets a 503.
  const current: { gateway?: DataverseGateway } = {};
  const server = createServer((request, response) => {
    const handler = current.gateway;
    if (!handler) {
      response.writeHead(503).end();
      return;
    }
    toSimRequest(request, origin)
      .then(handler)
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const built = build(origin);
  current.gateway = built;
  return {
    url: origin,
    apiUrl: `${origin}/api/data/v9.2/`,
    port,
    server,
    gateway: built,
    close: () =>
      new Promise<void>((done) => {
        built.releaseHeld();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Serves an existing gateway on 127.0.0.1 (port 0: a free one). */
export function serveDataverseGateway(
  gateway: DataverseGateway,
  options: { port?: number } = {},
): Promise<RunningDataverseSimulator> {
  return serveBuilt(() => gateway, options);
}

/** Options of `startDataverseSimulator`. */
export type DataverseSimulatorOptions = Omit<DataverseGatewayOptions, 'orgs'> & {
  /** The org(s), or a function making them from the simulator's URL (known only once a random port is bound). */
  orgs: DataverseGatewayOptions['orgs'] | ((url: string) => DataverseGatewayOptions['orgs']);
  /** Default: a free port. */
  port?: number;
};

/** Builds a gateway and serves it: the simulated Dataverse Web API on its own port. */
export function startDataverseSimulator(options: DataverseSimulatorOptions): Promise<RunningDataverseSimulator> {
  const { port, orgs, ...gatewayOptions } = options;
  return serveBuilt(
    (url) => createDataverseGateway({ ...gatewayOptions, orgs: typeof orgs === 'function' ? orgs(url) : orgs }),
    port === undefined ? {} : { port },
  );
}
