/**
 * The console in production: the `next build` output served through Next's custom-server API on one node:http server
 * that answers Shopify's webhooks itself (console-server.ts). Run in apps/web, after the build, with NODE_ENV=production:
 *
 *   node --import tsx src/server/http/main.ts --port 3000 --hostname 127.0.0.1
 *
 * The options are `next start`'s (port 3000 and every interface when left out); the environment is the web app's
 * (src/env.ts), checked here before anything listens. SIGINT or SIGTERM stops it in order: no new requests, the
 * requests in hand answered, the deliveries waiting for their commit stored, then Next and the pool closed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSecretKey, SecretBox } from '@shopverse/db';
import next from 'next';
import { getEnv } from '../../env';
import { getDb } from '../db';
import { deliveryBatcher } from '../webhooks/delivery-batcher';
import { createConsoleServer } from './console-server';

/** apps/web, where `.next` and next.config.ts are, whatever the working directory. */
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** How long requests in hand get to finish once asked to stop; then their connections are cut. */
const DRAIN_MS = 10_000;

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

function options(): { port: number; hostname: string | undefined } {
  const { values } = parseArgs({
    options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  });
  const port = Number(values.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number (0 to 65535), not "${values.port}"`);
  }
  return { port, hostname: values.hostname };
}

async function main() {
  const { port, hostname } = options();
  // The environment is checked before anything listens: a console that answers is one that can do its work.
  const env = getEnv();
  const box = new SecretBox(parseSecretKey(env.SHOPVERSE_SECRET_KEY));
  // The same pool Next's route handlers use: getDb keeps it on globalThis, which the built routes share.
  const client = getDb();

  const app = next({ dev: false, dir: appDir, hostname: hostname ?? 'localhost', port });
  await app.prepare();
  const server = createConsoleServer({
    client,
    box,
    next: app.getRequestHandler(),
    onError: (error) => console.error('a request failed:', error),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  const address = server.address();
  const shown = typeof address === 'object' && address ? `${hostname ?? 'localhost'}:${address.port}` : String(address);
  log(`console ready on http://${shown} (webhooks answered at ${shown}/api/webhooks/shopify without Next's router)`);

  let stopping = false;
  const stop = async (signal: string) => {
    // Ctrl-C reaches every process of the terminal's group and the start command then sends SIGTERM as well: a second
    // signal must not cut the stop short. A stop that hangs all the same ends here.
    if (stopping) return;
    stopping = true;
    log(`stopping (${signal})…`);
    setTimeout(() => {
      console.error(`the console did not stop within ${(2 * DRAIN_MS) / 1000} s; exiting`);
      process.exit(1);
    }, 2 * DRAIN_MS).unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive connection that was busy at close would otherwise stay open, idle, until its timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await closed;
    clearInterval(idle);
    clearTimeout(cut);
    // An acknowledged delivery is a committed one: the groups in hand finish before the pool goes.
    await deliveryBatcher(client).drained();
    await app.close();
    await client.close();
    log('stopped.');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stop(signal).catch((error: unknown) => {
        console.error('the console did not stop cleanly:', error);
        process.exit(1);
      });
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
