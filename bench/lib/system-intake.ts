import type { AddressInfo } from 'node:net';
import type { DbClient, SecretBox } from '@shopverse/db';
// The console's own server (apps/web/src/server/http/console-server.ts), which answers webhooks without Next: the bench
// measures the sync, not Next's pages, and needs no production build. Anything but the webhook path gets a 404.
import { createConsoleServer, WEBHOOK_PATH } from '../../apps/web/src/server/http/console-server';

export { WEBHOOK_PATH };

export interface RunningIntake {
  /** e.g. `http://127.0.0.1:41234/api/webhooks/shopify` */
  url: string;
  close(): Promise<void>;
}

/** Serves the real webhook intake on 127.0.0.1 (a free port), as the console does: verify, store, answer. */
export function startIntakeServer(client: DbClient, box: SecretBox): Promise<RunningIntake> {
  const server = createConsoleServer({
    client,
    box,
    next: (_request, response) => {
      response.writeHead(404).end();
    },
    // The answer is a bodiless 500, as the console's; the reason goes to stderr, where the bench's logs go.
    onError: (error) => process.stderr.write(`[intake] ${error instanceof Error ? error.message : String(error)}\n`),
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
