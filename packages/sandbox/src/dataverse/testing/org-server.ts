import { serve, type RunningServer } from '../../http/server';
import { createDataverseOrg, type DataverseOrg, type DataverseOrgOptions } from '../index';

/** A simulated org served over real HTTP for integration tests, with a small fetch helper. */
export interface OrgServer {
  org: DataverseOrg;
  server: RunningServer;
  /** `<server>/api/data/v9.2/` */
  api: string;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Starts an org (name = the server's URL) behind `serve`. */
export async function startOrgServer(options: Partial<DataverseOrgOptions> = {}): Promise<OrgServer> {
  // The org's name is the server's URL, known only once it listens.
  const holder: { org?: DataverseOrg } = {};
  const server = await serve((request) => {
    if (!holder.org) throw new Error('org not ready');
    return holder.org.handle(request);
  });
  const ready = createDataverseOrg({ name: server.url, ...options });
  holder.org = ready;
  const api = `${server.url}/api/data/v9.2/`;
  return {
    org: ready,
    server,
    api,
    request: (method, path, { body, headers = {} } = {}) =>
      fetch(path.startsWith('http') ? path : `${api}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          'OData-MaxVersion': '4.0',
          'OData-Version': '4.0',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    close: () => server.close(),
  };
}
