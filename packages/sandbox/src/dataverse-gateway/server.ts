import type { Server } from 'node:http';
import { serve } from '../http/server';
import { createDataverseGateway, type DataverseGateway, type DataverseGatewayOptions } from './gateway';

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

/**
 * Serves a gateway on 127.0.0.1 (port 0: a free one); `build` gets the server's URL, so orgs can be named by it. The
 * shared `serve` destroys the socket when the gateway drops a connection (DroppedConnection is a ConnectionDropped).
 */
async function serveBuilt(
  build: (url: string) => DataverseGateway,
  options: { port?: number },
): Promise<RunningDataverseSimulator> {
  // Set once the port is bound; a request arriving before that (none can, in practice) gets a 503.
  const current: { gateway?: DataverseGateway } = {};
  const running = await serve(
    (request) => current.gateway?.(request) ?? Promise.resolve({ status: 503, headers: {}, body: '' }),
    options,
  );
  const gateway = build(running.url);
  current.gateway = gateway;
  return {
    url: running.url,
    apiUrl: `${running.url}/api/data/v9.2/`,
    port: running.port,
    server: running.server,
    gateway,
    close: () => {
      gateway.releaseHeld();
      return running.close();
    },
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
